"""The arrears statement: the calculator run on the case's fee data, stored with its input.

A statement fixes what is owed on a date (principal, late fee, payments, warnings such as a late
fee above the courts' yardstick or charges possibly time-barred). It is stored with the exact
input and result as JSON, so the figures a mediator showed the parties can be shown again, and
recomputed, years later. Computing one changes nothing else: it can be done in any status.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.errors import NotFoundError
from mediation_app.fees import Result, calculate, result_to_dict
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import load_case
from mediation_app.services.settlement.fee_input import calc_input
from mediation_app.storage.models import Case, Statement
from mediation_app.storage.uow import UnitOfWork


@dataclass(frozen=True)
class Figures:
    """The headline figures of one calculation (a statement, or a proposal with its discounts)."""

    service_fee: Decimal
    utilities: Decimal
    paid: Decimal
    principal: Decimal
    late_fee: Decimal
    discount_total: Decimal
    payable: Decimal
    payable_uppercase: str
    time_barred_principal: Decimal
    warnings: tuple[str, ...]  # in the user's language
    warning_codes: tuple[str, ...]  # stable ids (``late_fee_above_yardstick`` …), same order

    @classmethod
    def from_result(cls, result: Result) -> Figures:
        return cls(
            service_fee=result.service_fee_total,
            utilities=result.utilities_total,
            paid=result.paid,
            principal=result.principal_outstanding,
            late_fee=result.late_fee.total,
            discount_total=result.discount_total,
            payable=result.payable,
            payable_uppercase=result.payable_uppercase,
            time_barred_principal=result.time_barred.principal,
            warnings=tuple(w.text for w in result.warnings),
            warning_codes=tuple(w.code.value for w in result.warnings),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        """From a stored ``result_json`` (money as strings)."""
        return cls(
            service_fee=Decimal(data["service_fee"]["total"]),
            utilities=Decimal(data["utilities_total"]),
            paid=Decimal(data["paid"]),
            principal=Decimal(data["principal_outstanding"]),
            late_fee=Decimal(data["late_fee"]["total"]),
            discount_total=Decimal(data["discount_total"]),
            payable=Decimal(data["payable"]),
            payable_uppercase=str(data["payable_uppercase"]),
            time_barred_principal=Decimal(data["time_barred"]["principal"]),
            warnings=tuple(str(w["message"]) for w in data.get("warnings", [])),
            warning_codes=tuple(str(w["code"]) for w in data.get("warnings", [])),
        )


@dataclass(frozen=True)
class StatementRow:
    id: int
    case_id: int
    as_of: dt.date
    computed_at: dt.datetime
    figures: Figures


def compute_statement(uow: UnitOfWork, case_id: int, *, as_of: dt.date | None = None) -> StatementRow:
    """Run the calculator on the case's fee data as of ``as_of`` (today) and store the statement."""
    authorize(uow.actor, Permission.COMPUTE_STATEMENT)
    case = load_case(uow, case_id)
    row = store_statement(uow, case, as_of or uow.clock.today())
    uow.commit()
    return row


def store_statement(uow: UnitOfWork, case: Case, day: dt.date) -> StatementRow:
    """Compute and store the statement of ``case`` as of ``day``, audited; the caller commits."""
    data, inp = calc_input(case, day)
    result = calculate(inp)
    record = Statement(
        case_id=case.id,
        computed_at=uow.clock.now(),
        as_of=day,
        input_json=dumps(data),
        result_json=dumps(result_to_dict(result)),
        payable=result.payable,
    )
    uow.session.add(record)
    uow.flush()
    figures = Figures.from_result(result)
    uow.audit(
        "statement.compute",
        "statement",
        record.id,
        None,
        {
            "as_of": day,
            "principal": figures.principal,
            "late_fee": figures.late_fee,
            "payable": figures.payable,
        },
        case_id=case.id,
    )
    return StatementRow(record.id, case.id, day, record.computed_at, figures)


def latest_statement(session: Session, case_id: int) -> StatementRow | None:
    record = session.scalar(
        select(Statement).where(Statement.case_id == case_id).order_by(Statement.id.desc()).limit(1)
    )
    if record is None:
        return None
    return StatementRow(
        record.id,
        record.case_id,
        record.as_of,
        record.computed_at,
        Figures.from_json(json.loads(record.result_json)),
    )


def statement_input(session: Session, statement_id: int) -> dict[str, Any]:
    """The stored input of a statement (for ``mediation-app calc`` or a recomputation)."""
    record = session.get(Statement, statement_id)
    if record is None:
        raise NotFoundError(_("Statement {id} does not exist.").format(id=statement_id))
    loaded: dict[str, Any] = json.loads(record.input_json)
    return loaded


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False)
