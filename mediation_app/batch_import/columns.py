"""The columns a company spreadsheet may have, and how a header cell names one of them.

Companies name their columns in many ways (业主姓名, 业主, 姓名 …; some export English keys), add
units in brackets (建筑面积（㎡）) and star the required ones (*电话). A header matches a column
when, after :func:`normalise_header`, it equals the column's Chinese name, its English key or one
of its aliases. The template (:mod:`.template`) writes the Chinese names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mediation_app.domain.enums import ChargeKind
from mediation_app.i18n import N_


class Kind(StrEnum):
    """What a column holds, which decides how its cells are read (see :mod:`.cells`)."""

    TEXT = "text"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    NUMBER = "number"
    DATE = "date"
    MONTH = "month"


@dataclass(frozen=True)
class Column:
    key: str  # the English key, also accepted as a header
    zh: str  # the Chinese header the template writes
    kind: Kind
    required: bool
    aliases: tuple[str, ...]
    note: str  # N_ message id explaining the column (the template's notes sheet)
    example: str  # the template's example row
    charge: ChargeKind | None = None  # an amount claimed, and as which kind of charge


COLUMNS: tuple[Column, ...] = (
    Column(
        "owner",
        "业主姓名",
        Kind.TEXT,
        True,
        ("业主", "姓名", "业主名称", "户主", "owner_name", "name"),
        N_("The owner's full name, at most 60 characters."),
        "陈某某",
    ),
    Column(
        "phone",
        "电话",
        Kind.PHONE,
        True,
        ("联系电话", "手机", "手机号", "手机号码", "电话号码", "mobile", "telephone"),
        N_("A mainland mobile number, or a landline with its area code (0594-2288110)."),
        "13859012345",
    ),
    Column(
        "id_number",
        "身份证号",
        Kind.ID_NUMBER,
        False,
        ("身份证号码", "身份证", "证件号码", "公民身份号码", "id", "id_no"),
        N_(
            "The 18-character resident ID number. Format the column as text: Excel turns long "
            "numbers into 3.50302E+17 and loses the last digits. Optional, but it lets the centre "
            "recognise an owner who already has a case."
        ),
        "350302198506180316",
    ),
    Column(
        "address",
        "联系地址",
        Kind.TEXT,
        False,
        ("地址", "送达地址", "住址"),
        N_("Where the owner receives mail, if not the flat itself. Optional."),
        "",
    ),
    Column(
        "community",
        "小区",
        Kind.TEXT,
        True,
        ("小区名称", "项目", "项目名称"),
        N_("The community's name exactly as the centre registered it."),
        "荔景花园",
    ),
    Column(
        "building",
        "楼栋",
        Kind.TEXT,
        True,
        ("楼号", "栋", "幢", "楼栋号", "栋号"),
        N_("The building, as written on the flat's documents (3幢, 3号楼)."),
        "3幢",
    ),
    Column(
        "room",
        "房号",
        Kind.TEXT,
        True,
        ("房间号", "室", "户号", "房屋编号", "门牌号"),
        N_("The room number. Format the column as text so Excel does not turn 3-1502 into a date."),
        "1502",
    ),
    Column(
        "area",
        "建筑面积",
        Kind.NUMBER,
        True,
        ("面积", "building_area"),
        N_("Building area in square metres, up to 2 decimal places."),
        "119.42",
    ),
    Column(
        "handover_date",
        "交房日期",
        Kind.DATE,
        False,
        ("交付日期", "收房日期", "handover"),
        N_("The day the owner took the keys (2016-05-02). Optional."),
        "2016-05-02",
    ),
    Column(
        "paid_up_to",
        "物业费缴至",
        Kind.MONTH,
        False,
        ("缴费至", "已缴至", "物业费已缴至", "缴至"),
        N_("The last month the owner paid for (2017-07); the claim starts the month after. Optional."),
        "2017-07",
    ),
    Column(
        "arrears_to",
        "欠费截至",
        Kind.DATE,
        False,
        ("计费截至", "欠费截止", "计至", "billed_to"),
        N_("The last day the claimed amounts cover (2021-03-09). Optional."),
        "2021-03-09",
    ),
    Column(
        "rate",
        "收费标准",
        Kind.NUMBER,
        False,
        ("单价", "物业费单价", "收费单价", "fee_rate"),
        N_(
            "The service-fee standard in yuan per m² per month (2.80), up to 4 decimal places. "
            "Optional; it applies from the handover month (else from the paid-up month)."
        ),
        "2.80",
    ),
    Column(
        "service_fee",
        "物业服务费",
        Kind.NUMBER,
        False,
        ("物业费", "欠缴物业费", "欠物业费"),
        N_("The property service fee claimed, in yuan. At least one of the three amounts is needed."),
        "14474.72",
        ChargeKind.SERVICE_FEE,
    ),
    Column(
        "utilities",
        "公摊水电费",
        Kind.NUMBER,
        False,
        ("公摊费", "水电公摊", "公摊水电"),
        N_("Shared water and electricity claimed, in yuan. Optional."),
        "2151.20",
        ChargeKind.UTILITIES,
    ),
    Column(
        "late_fee",
        "违约金",
        Kind.NUMBER,
        False,
        ("滞纳金",),
        N_("The late fee claimed, in yuan. Optional."),
        "6917.68",
        ChargeKind.LATE_FEE,
    ),
    Column(
        "late_fee_daily_rate",
        "违约金日利率",
        Kind.NUMBER,
        False,
        ("滞纳金日利率", "日利率"),
        N_("The contract's daily late-fee rate as a decimal (0.0005 is 万分之五). Optional."),
        "0.0005",
    ),
    Column(
        "note",
        "备注",
        Kind.TEXT,
        False,
        ("说明", "欠费原因", "summary"),
        N_(
            "Anything the mediator should know (why the owner does not pay). Optional, at most 500 "
            "characters."
        ),
        "业主以房屋空置为由拒缴物业费。",
    ),
)

BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
CHARGE_COLUMNS: tuple[Column, ...] = tuple(column for column in COLUMNS if column.charge is not None)

_BRACKETED = re.compile(r"[（(\[【<《].*?[）)\]】>》]")
_IGNORED = re.compile(r"[\s*＊:：]+")


def normalise_header(text: str) -> str:
    """建筑面积（㎡） → 建筑面积; ' *Handover date ' → handover_date."""
    text = _BRACKETED.sub("", text)
    text = _IGNORED.sub(" ", text).strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def _lookup() -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in COLUMNS:
        for name in (column.key, column.zh, *column.aliases):
            table[normalise_header(name)] = column
    return table


_BY_HEADER = _lookup()


def column_for(header: str) -> Column | None:
    """The column a header cell names, or None for a column the import does not use."""
    return _BY_HEADER.get(normalise_header(header))
