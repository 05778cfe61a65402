"""The type scale of the documents (Chinese sizes in brackets).

Body text is 12 pt (小四) Song on a 22 pt line, which reads well on A4 and leaves room to sign;
titles are 22 pt (二号) bold Song, letter-spaced; headings, labels and clause numbers are 黑体
(``bold``); tables are 10.5 pt (五号).
"""

from __future__ import annotations

from reportlab.lib.colors import Color

from reports.text import TextStyle

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.90, 0.90, 0.90)

TITLE = TextStyle(size=22, leading=34, bold=True, title=True, align="center", letter_space=5, space_after=4)
SUBTITLE = TextStyle(size=15, leading=24, bold=True, title=True, align="center", space_after=4)
NUMBER = TextStyle(size=12, leading=20, align="right", space_after=8)
BODY = TextStyle(size=12, leading=22, indent=2)
BODY_FLUSH = TextStyle(size=12, leading=22)
HEADING = TextStyle(size=12, leading=22, bold=True, space_before=6, keep_with_next=True)
PARTY = TextStyle(size=12, leading=22, indent=0)
NOTE = TextStyle(size=10.5, leading=17, color=GREY)
CELL = TextStyle(size=10.5, leading=14.5)
CELL_HEAD = TextStyle(size=10.5, leading=14.5, bold=True, align="center")
SIGN = TextStyle(size=12, leading=22, align="left")
COVER_TITLE = TextStyle(size=30, leading=44, bold=True, title=True, align="center", letter_space=14)
