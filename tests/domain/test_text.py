"""Text that services hand to the edge (``bot.presentation.text``), rendered in Danish."""

from __future__ import annotations

import pytest

from bot.presentation.i18n import Translator
from bot.presentation.text import Text, plural, text

DA = Translator("da")

MEMBER_ORGANISATIONS = (
    "Gruppen har %(count)s medlemsorganisation; der skal være mindst %(minimum)s.",
    "Gruppen har %(count)s medlemsorganisationer; der skal være mindst %(minimum)s.",
)


def test_parameters_are_filled_in():
    assert (
        text(
            "Hej %(name)s fra %(organisation)s", name="Anne", organisation="Aarhus Kommune"
        ).render(DA)
        == "Hej Anne fra Aarhus Kommune"
    )


def test_a_message_without_parameters_keeps_its_percent_sign():
    assert text("Målet er 100 % grønt.").render(DA) == "Målet er 100 % grønt."


def test_a_text_inside_a_text_is_rendered_first():
    message = text(
        "Revisionen er allerede flyttet videre; den er nu i fasen %(phase)s.",
        phase=text("Udvikling i arbejdsgruppen"),
    )

    assert message.render(DA) == (
        "Revisionen er allerede flyttet videre; den er nu i fasen Udvikling i arbejdsgruppen."
    )


def test_texts_nest_more_than_one_level():
    message = text(
        "%(who)s: %(what)s",
        who=text("Tovholder %(name)s", name="Anne Lund"),
        what=text("%(inner)s.", inner=text("Gruppen er klar")),
    )

    assert message.render(DA) == "Tovholder Anne Lund: Gruppen er klar."


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "Gruppen har 0 medlemsorganisationer; der skal være mindst 5."),
        (1, "Gruppen har 1 medlemsorganisation; der skal være mindst 5."),
        (2, "Gruppen har 2 medlemsorganisationer; der skal være mindst 5."),
        (4, "Gruppen har 4 medlemsorganisationer; der skal være mindst 5."),
    ],
)
def test_the_plural_form_follows_the_count(count, expected):
    assert plural(*MEMBER_ORGANISATIONS, count=count, minimum=5).render(DA) == expected


def test_a_plural_inside_a_text_and_a_text_inside_a_plural():
    outer = text(
        "Status for %(goal)s: %(groups)s",
        goal="Rengøring",
        groups=plural(
            "%(count)s møde i %(place)s",
            "%(count)s møder i %(place)s",
            count=3,
            place=text("arbejdsgruppen"),
        ),
    )

    assert outer.render(DA) == "Status for Rengøring: 3 møder i arbejdsgruppen"


def test_the_count_of_a_plural_may_arrive_as_text():
    # Counts read from a payload or a template come as strings; the form still follows them.
    assert plural("%(count)s dag", "%(count)s dage", count="1").render(DA) == "1 dag"
    assert plural("%(count)s dag", "%(count)s dage", count="7").render(DA) == "7 dage"


def test_text_is_a_plain_value():
    assert text("Hej %(name)s", name="Anne") == Text("Hej %(name)s", {"name": "Anne"})
    assert plural("%(count)s dag", "%(count)s dage", count=2) == Text(
        "%(count)s dag", {"count": 2}, "%(count)s dage"
    )
