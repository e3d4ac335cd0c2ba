"""Cut a phrase into numbers, words and symbols, and walk over them.

``3/12-2026 kl. 13:00`` becomes ``3 / 12 - 2026 kl . 13 : 00``; each token remembers whether it
was glued to the one before (no space between), so ``10.30`` (a clock) and ``10. 30`` differ.
Words are folded (:func:`~bot.timephrase.lexicon.fold`): lower case, æ/ø/å as ae/oe/aa.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.timephrase.lexicon import fold

_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+|\S")
_SAME_MEANING = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "num" | "word" | "sym"
    text: str  # digits, a folded word, or one symbol
    glued: bool  # no space before it


def tokenize(text: str) -> list[Token]:
    normal = unicodedata.normalize("NFKC", text).translate(_SAME_MEANING)
    tokens: list[Token] = []
    last_end = -1
    for match in _TOKEN.finditer(normal):
        piece = match.group()
        glued = match.start() == last_end
        last_end = match.end()
        if piece[0].isdigit() and piece.isascii():
            tokens.append(Token("num", piece, glued))
        elif piece[0].isalpha():
            tokens.append(Token("word", fold(piece), glued))
        else:
            tokens.append(Token("sym", piece, glued))
    return tokens


class Cursor:
    """A position in a token list; every ``take_*`` either consumes and answers, or does nothing."""

    __slots__ = ("i", "tokens")

    def __init__(self, tokens: list[Token], i: int = 0) -> None:
        self.tokens = tokens
        self.i = i

    def peek(self, ahead: int = 0) -> Token | None:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def at_end(self) -> bool:
        return self.i >= len(self.tokens)

    def take_word(self, options: frozenset[str] | dict | tuple[str, ...] | str) -> str | None:
        token = self.peek()
        if token is None or token.kind != "word":
            return None
        if token.text == options if isinstance(options, str) else token.text in options:
            self.i += 1
            return token.text
        return None

    def take_words(self, *words: str) -> bool:
        """Consume exactly this sequence of words, or nothing."""
        for ahead, word in enumerate(words):
            token = self.peek(ahead)
            if token is None or token.kind != "word" or token.text != word:
                return False
        self.i += len(words)
        return True

    def take_sym(self, symbols: str, *, glued: bool | None = None) -> str | None:
        token = self.peek()
        if token is None or token.kind != "sym" or token.text not in symbols:
            return None
        if glued is not None and token.glued != glued:
            return None
        self.i += 1
        return token.text

    def take_num(
        self, *, digits: tuple[int, ...] | None = None, glued: bool | None = None
    ) -> str | None:
        token = self.peek()
        if token is None or token.kind != "num":
            return None
        if digits is not None and len(token.text) not in digits:
            return None
        if glued is not None and token.glued != glued:
            return None
        self.i += 1
        return token.text

    def take_dot(self) -> bool:
        """An abbreviation or ordinal dot glued to the previous token (``kl.``, ``3.``)."""
        return self.take_sym(".", glued=True) is not None
