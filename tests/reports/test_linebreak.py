"""Chinese line breaking (禁则): no line starts with a closing mark, none ends with an opening
one, —— and …… stay whole, figures are not cut, nothing is lost or reordered."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.linebreak import CANNOT_END, CANNOT_START, INSEPARABLE, break_lines, is_space, tokenize

HAN = "调解协议书甲乙方业主物业服务费公摊水电违约金人民币元整支付履行期限"
OPENING = "（《「『【〈“‘"
CLOSING = "，。、；：？！）》」』】〉”’"

words = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=6),
    st.from_regex(r"[0-9]{1,6}(\.[0-9]{2})?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True),
    st.sampled_from(["14,474.72", "2021-03-09", "91350304MA2XK8L5QX", "——", "……"]),
)


@st.composite
def realistic_text(draw: st.DrawFn) -> str:
    """Text shaped like a document's: words, each maybe opened and closed by marks."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        opening = draw(st.sampled_from(["", "", "", *OPENING]))
        closing = draw(st.sampled_from(["", "", "", "", *CLOSING, "）。", "”，", "）；"]))
        space = draw(st.sampled_from(["", "", "", " "]))
        word = draw(words)
        if word[-1].isascii() and not closing and not space:
            word += draw(st.sampled_from(HAN))  # two figures never run together into one
        parts.append(opening + word + closing + space)
    return "".join(parts)


def widths_of(tokens: list[str], unit: float = 10.0) -> list[float]:
    return [unit * (len(token) * 0.55 if token.isascii() else 1.0) for token in tokens]


def visible(tokens: list[str], line: tuple[int, int]) -> list[str]:
    return [token for token in tokens[line[0] : line[1]] if not is_space(token)]


@given(st.text(max_size=200))
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


@settings(max_examples=400)
@given(realistic_text(), st.integers(min_value=24, max_value=40), st.booleans())
def test_no_line_breaks_a_rule_in_document_text(text: str, chars_per_line: int, hanging: bool) -> None:
    """Lines at least 24 characters wide (documents have 35-40): every unbreakable group, such as
    （91350304MA2XK8L5QX），, fits on a line, so every rule can be kept."""
    tokens = tokenize(text)
    widths = widths_of(tokens)
    hang = 10.0 if hanging else 0.0
    lines = break_lines(tokens, widths, chars_per_line * 10.0 - 20.0, chars_per_line * 10.0, hang)
    for number, line in enumerate(lines):
        shown = visible(tokens, line)
        assert shown, "every line shows something"
        if number > 0:
            assert shown[0][0] not in CANNOT_START, f"line starts with {shown[0]!r}: {lines}"
        if number < len(lines) - 1:
            assert shown[-1][-1] not in CANNOT_END, f"line ends with {shown[-1]!r}"
            following = visible(tokens, lines[number + 1])
            assert (shown[-1][-1], following[0][0]) not in INSEPARABLE
        width = chars_per_line * 10.0 - (20.0 if number == 0 else 0.0)
        used = sum(widths[line[0] : line[1]])
        hung = shown[-1] in CANNOT_START and used - widths[line[1] - 1] <= width + 1e-6
        assert used <= width + 1e-6 or len(shown) == 1 or (hanging and hung)


@settings(max_examples=400)
@given(
    st.text(min_size=1, max_size=120), st.integers(min_value=1, max_value=30), st.sampled_from([0.0, 10.0])
)
def test_any_text_keeps_every_unit_in_order_and_progresses(
    text: str, chars_per_line: int, hang: float
) -> None:
    """Even text no layout can satisfy (a line too narrow for a figure and its marks)."""
    tokens = tokenize(text)
    lines = break_lines(tokens, widths_of(tokens), chars_per_line * 10.0, chars_per_line * 10.0, hang)
    kept = [token for line in lines for token in tokens[line[0] : line[1]]]
    assert [t for t in kept if not is_space(t)] == [t for t in tokens if not is_space(t)]
    starts = [line[0] for line in lines]
    assert starts == sorted(set(starts))


def test_closing_marks_pull_the_last_character_along() -> None:
    tokens = tokenize("甲方应支付人民币壹万元整，（¥10,000.00），共计壹万元整。")
    lines = break_lines(tokens, widths_of(tokens), 120.0, 120.0)
    texts = ["".join(tokens[a:b]) for a, b in lines]
    assert all(not text.startswith(("，", "）", "。")) for text in texts[1:])
    assert all(not text.endswith(("（", "¥")) for text in texts[:-1])
    assert any("（¥10,000.00）" in text for text in texts)


def test_a_comma_after_a_long_figure_hangs_instead_of_pushing_the_figure_out() -> None:
    tokens = tokenize("收款账号1358010104001234，户名某公司。")
    widths = widths_of(tokens)
    width = sum(widths[: tokens.index("，")])  # the comma is the first thing that does not fit
    lines = break_lines(tokens, widths, width, width, hang=10.0)
    assert "".join(tokens[lines[0][0] : lines[0][1]]) == "收款账号1358010104001234，"


def test_a_paragraph_does_not_end_with_a_lone_character() -> None:
    tokens = tokenize("甲方于2016年5月2日收房，物业费缴至2017年7月，此后未再缴纳金。")
    lines = break_lines(tokens, widths_of(tokens), 100.0, 100.0)
    assert len(visible(tokens, lines[-1])) > 2


def test_figures_and_codes_are_never_cut() -> None:
    text = "统一社会信用代码91350304MA2XK8L5QX，金额14,474.72元，日期2021-03-09。"
    tokens = tokenize(text)
    assert "91350304MA2XK8L5QX" in tokens and "14,474.72" in tokens and "2021-03-09" in tokens
