"""What changed between two versions of the goal text, word by word, and a long text cut into
pieces that fit Slack's blocks."""

from __future__ import annotations

from bot.domain.goals import ADDED, EQUAL, REMOVED, Run, marked, word_diff
from bot.presentation.render import pieces

SLACK = {"added": ("*", "*"), "removed": ("~", "~")}


def test_a_replaced_word_is_removed_then_added_and_spacing_is_no_change():
    runs = word_diff("Køb grønt  i 2027.\nSlut.", "Køb miljømærket i 2027. Slut.")
    assert runs == (
        Run(EQUAL, "Køb "),
        Run(REMOVED, "grønt  "),
        Run(ADDED, "miljømærket "),
        Run(EQUAL, "i 2027. Slut."),
    )
    assert marked(runs, **SLACK) == "Køb ~grønt~  *miljømærket* i 2027. Slut."


def test_marks_side_by_side_get_a_space_and_never_span_a_line():
    runs = word_diff("fra 2028.", "fra 2027.\nmed undtagelser")
    assert marked(runs, **SLACK) == "fra ~2028.~ *2027.*\n*med undtagelser*"


def test_user_text_is_escaped_for_slack_and_context_is_trimmed():
    old = "a b c d e f g h <i> j k l m"
    new = "a b c d e f g h <i> J k l m"
    shown = marked(word_diff(old, new), **SLACK, escape=True, context=2)
    assert shown == "… h &lt;i&gt; ~j~ *J* k l …"


def test_only_the_changed_paragraph_is_compared_word_by_word():
    same = "Denne sætning står i alle afsnit. " * 20
    old = "\n\n".join([same, same + "Gammel slutning.", same])
    new = "\n\n".join([same, same + "Ny slutning.", same])
    runs = word_diff(old, new)
    assert [run.text for run in runs if run.change != EQUAL] == ["Gammel ", "Ny "]
    assert "".join(run.text for run in runs if run.change != REMOVED) == new


def test_a_long_text_is_cut_between_paragraphs_then_lines_then_words():
    paragraph = "ord " * 500
    cut = pieces("\n\n".join([paragraph.strip()] * 3), 2900)
    assert [len(piece) for piece in cut] == [1999, 1999, 1999]
    one_line = pieces("ord " * 2000, 2900)
    assert all(len(piece) <= 2900 for piece in one_line)
    assert " ".join(one_line).split() == ["ord"] * 2000
    assert pieces("") == [""]


def test_a_paragraph_put_in_or_taken_out_does_not_shift_the_others():
    paragraphs = [
        "Rengøringsmidler skal være svanemærkede eller have EU-Blomsten.",
        "Leverandøren dokumenterer mærket ved tilbuddet og årligt derefter.",
        "Doseringsudstyr stilles til rådighed uden beregning for kommunen.",
        "Emballagen er genanvendelig og fri for PVC og halogenerede plaster.",
        "Kommunen følger op på forbruget to gange om året sammen med leverandøren.",
    ]
    edited = [p.replace("og", "samt") for p in paragraphs]
    edited.insert(2, "Et helt nyt afsnit om mikrofiberklude.")
    del edited[4]  # the paragraph about packaging
    runs = word_diff("\n\n".join(paragraphs), "\n\n".join(edited))
    changed = [(run.change, run.text.strip()) for run in runs if run.change != EQUAL]
    assert (ADDED, "Et helt nyt afsnit om mikrofiberklude.") in changed
    assert (REMOVED, paragraphs[3].strip()) in changed
    assert changed[:2] == [(REMOVED, "og"), (ADDED, "samt")]
    assert "".join(run.text for run in runs if run.change != REMOVED) == "\n\n".join(edited)
