"""The people and places documents name: owners, property companies, the mediation
organisation, the flat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.domain.enums import Sex


@dataclass(frozen=True)
class Owner:
    """A home owner as a party: what 人民调解法 art. 29 and court practice ask for."""

    name: str
    sex: Sex | None
    birth_date: dt.date | None
    id_number: str  # 公民身份号码
    address: str
    phone: str
    ethnicity: str = ""  # 民族, printed when known


@dataclass(frozen=True)
class Agent:
    """Someone acting for a party (委托代理人)."""

    name: str
    capacity: str  # e.g. "该公司员工", "律师" — printed after the name
    id_number: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Company:
    """A property-service company as a party."""

    name: str
    domicile: str  # 住所地
    credit_code: str  # 统一社会信用代码
    legal_representative: str
    legal_representative_title: str = ""  # 职务, e.g. "总经理"
    phone: str = ""
    agent: Agent | None = None


@dataclass(frozen=True)
class Organisation:
    """The mediation organisation that issues the document (its name goes above the seal)."""

    name: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Unit:
    """The flat the fees are for."""

    community: str
    building: str
    room: str
    address: str  # the full address as printed
    area: Decimal  # building area, m²
    handover_date: dt.date | None = None  # keys handed over (收房)
