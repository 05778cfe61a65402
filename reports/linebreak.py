"""Chinese line breaking (禁则): where a line of mixed Chinese and Latin text may end.

reportlab's CJK wrapping breaks after any character, so a line can start with "，" or end with
"（". The rules here follow the usual Chinese typesetting practice (GB/T 15834 and the W3C
"Requirements for Chinese Text Layout"):

* no line starts with closing punctuation or a pause mark: ，。、；：？！）》」』】〉〕 ” ’ … and
  their ASCII counterparts;
* no line ends with opening punctuation: （《「『【〈〔 “ ‘ and the currency signs ¥ ￥;
* the two halves of —— and …… stay together;
* a Latin word or a figure (``14,474.72``, ``2021-03-09``, ``91350300MA2XXXXX0X``) is one unit,
  broken only when it is wider than a whole line;
* characters joined by a word joiner (U+2060, :data:`JOINER`, see :func:`glued`) are one unit
  too: a label such as ``联系电话`` or ``登记人`` is never split across lines. The joiner is
  removed from the tokens (the faces have no glyph for it).

When the natural break would violate a rule, the break moves back (the last characters are
"pushed out" to the next line, 推出); the shortened line is then justified by the paragraph. Only
when no earlier break is allowed on the line at all (a line made of nothing but closing marks)
does it break at the natural place, so every line still makes progress.

This module is pure: :func:`tokenize` cuts text into units, :func:`break_lines` chooses the
breaks from the units' widths. :mod:`reports.text` draws the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CANNOT_START = frozenset(
    "，。、；：？！）》」』】〉〕〗〙］｝”’…‥·・％‰℃～〞〟﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞,.;:?!)]}%"
)
CANNOT_END = frozenset("（《「『【〈〔〖〘［｛“‘〝([{¥￥$£€")
# Pairs of marks that must not be split by a line end.
INSEPARABLE = frozenset({("—", "—"), ("…", "…"), ("‥", "‥"), ("·", "·")})

# A Latin word or figure: letters and digits, joined by the marks that occur inside numbers,
# dates, codes and addresses ("14,474.72", "2021-03-09", "No.3", "a@b.cn").
# A no-break space (U+00A0) inside a figure keeps it whole ("1358\u00a00101\u00a00400").
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,:/\-_@'\u00a0][A-Za-z0-9]+)*")
_SPACES = re.compile(r"[ \t]+")

JOINER = "\u2060"  # WORD JOINER: no line break here

# Widths are in points; a token "fits" if it overshoots by no more than this (float noise).
EPSILON = 1e-6


def is_space(token: str) -> bool:
    """An ordinary space (a break opportunity that disappears at a line end). U+3000, the
    ideographic space used in labels such as ``甲　方``, is a character and is kept."""
    return token[:1] in (" ", "\t")


def glued(text: str) -> str:
    """``text`` with a word joiner between each two of its characters: one unbreakable unit."""
    return JOINER.join(text.replace(JOINER, ""))


def tokenize(text: str) -> list[str]:
    """Cut ``text`` into unbreakable units: one per Chinese character or mark, one per Latin
    word or figure, one per run of spaces; units joined by a word joiner make one unit (the
    joiner itself is dropped). ``"".join(tokenize(t)) == t.replace(JOINER, "")``."""
    tokens: list[str] = []
    position = 0
    length = len(text)
    join_next = False
    while position < length:
        char = text[position]
        if char == JOINER:
            join_next = bool(tokens) and not is_space(tokens[-1])
            position += 1
            continue
        before = len(tokens)
        if char.isascii() and char.isalnum():
            match = _WORD.match(text, position)
            assert match is not None
            tokens.append(match.group())
            position = match.end()
        elif char in " \t":
            match = _SPACES.match(text, position)
            assert match is not None
            tokens.append(match.group())
            position = match.end()
        else:
            tokens.append(char)
            position += 1
        if join_next and len(tokens) == before + 1 and not is_space(tokens[-1]):
            tokens[-2:] = [tokens[-2] + tokens[-1]]
        join_next = False
    return tokens


def may_break_between(before: str, after: str) -> bool:
    """Whether a line may end after token ``before`` and the next start with token ``after``
    (both non-space)."""
    if after[0] in CANNOT_START or before[-1] in CANNOT_END:
        return False
    return (before[-1], after[0]) not in INSEPARABLE


def _allowed(tokens: Sequence[str], start: int, k: int) -> bool:
    """May the line that begins at ``start`` end before token ``k``? Spaces are looked through:
    the rule applies to the visible neighbours."""
    after = k
    while after < len(tokens) and is_space(tokens[after]):
        after += 1
    before = k - 1
    while before >= start and is_space(tokens[before]):
        before -= 1
    if before < start:
        return False  # nothing visible would be left on the line
    if after >= len(tokens):
        return True
    return may_break_between(tokens[before], tokens[after])


def _no_lone_character(
    tokens: Sequence[str], widths: Sequence[float], width: float, lines: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Avoid a last line holding a single character (孤字), with or without its closing mark:
    move the previous break one unit earlier when the rules allow it. The last line had room
    to spare, so it still fits; the line before it is justified as usual."""
    if len(lines) < 2:
        return lines
    start, end = lines[-1]
    visible = [token for token in tokens[start:end] if not is_space(token)]
    if sum(1 for token in visible if token[0] not in CANNOT_START) != 1 or len(visible) > 2:
        return lines
    previous_start, _previous_end = lines[-2]
    k = start - 1
    while k > previous_start and is_space(tokens[k]):
        k -= 1
    if k <= previous_start + 1 or not _allowed(tokens, previous_start, k):
        return lines
    if sum(widths[k:end]) > width + EPSILON:
        return lines
    cut = k
    while cut > previous_start and is_space(tokens[cut - 1]):
        cut -= 1
    return [*lines[:-2], (previous_start, cut), (k, end)]


def break_lines(
    tokens: Sequence[str],
    widths: Sequence[float],
    first_width: float,
    width: float,
    hang: float = 0.0,
) -> list[tuple[int, int]]:
    """Choose the lines: a list of ``(start, end)`` token ranges, one per line.

    ``widths[i]`` is the width of ``tokens[i]``; the first line is ``first_width`` wide (an
    indent makes it narrower), the others ``width``. Spaces at either end of a line are left out
    of its range. A single token wider than the line gets a line of its own (the caller splits
    such tokens first if it wants them broken). A paragraph does not end with a line holding a
    single character when the line before can give it a companion.

    ``hang`` allows one closing or pause mark up to that wide to hang past the right margin (行末
    点号悬挂, what Chinese Word does by default) when pushing out would move more than twice that
    width to the next line (a long figure before a comma) or is impossible.
    """
    if len(tokens) != len(widths):
        raise ValueError("tokens and widths differ in length")
    lines: list[tuple[int, int]] = []
    count = len(tokens)
    i = 0
    available = first_width
    while True:
        while i < count and is_space(tokens[i]):
            i += 1
        if i >= count:
            return lines
        used = 0.0
        j = i
        while j < count:
            if is_space(tokens[j]):
                # A space may hang past the margin: it is dropped if the line ends there.
                used += widths[j]
                j += 1
                continue
            if used + widths[j] > available + EPSILON and j > i:
                break
            used += widths[j]
            j += 1
        if j >= count:
            end = count
            while end > i and is_space(tokens[end - 1]):
                end -= 1
            lines.append((i, end))
            return _no_lone_character(tokens, widths, width, lines)
        k = j
        while k > i and not _allowed(tokens, i, k):
            k -= 1
        pushed = sum(widths[k:j]) if k > i else float("inf")
        if (
            pushed > 2 * hang
            and len(tokens[j]) == 1
            and tokens[j] in CANNOT_START
            and widths[j] <= hang + EPSILON
            and _allowed(tokens, i, j + 1)
        ):
            k = j + 1  # hang the mark in the margin
        elif k == i:
            k = j  # nothing on this line may end it: break where it overflows
        end = k
        while end > i and is_space(tokens[end - 1]):
            end -= 1
        lines.append((i, end))
        i = k
        available = width


__all__ = [
    "CANNOT_END",
    "CANNOT_START",
    "INSEPARABLE",
    "JOINER",
    "break_lines",
    "glued",
    "is_space",
    "may_break_between",
    "tokenize",
]
