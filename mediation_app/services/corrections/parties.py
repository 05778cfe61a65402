"""Correcting the parties: the owner and co-owners, and the property company.

An owner's or a company's record may be shared by several cases (the same owner found by ID
number at intake): a correction changes that one record, so every case that names it shows the
corrected value, and each such case is found again by the new name or phone. The correction is
written in the path of the case it was made from.
"""

from __future__ import annotations

from sqlalchemy import select

from mediation_app.domain import validators as v
from mediation_app.domain.corrections import field_label
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases import search_text
from mediation_app.services.corrections.common import CorrectionResult, begin, finish, same
from mediation_app.storage.models import Case, Company, Owner
from mediation_app.storage.uow import UnitOfWork

_OWNER_FIELDS = ("name", "id_number", "phone", "address")
_COMPANY_FIELDS = (
    "name",
    "credit_code",
    "domicile",
    "legal_rep",
    "agent_name",
    "agent_phone",
    "phone",
)


def correct_owner(
    uow: UnitOfWork,
    case_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    owner_id: int | None = None,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct the case's owner (or, with ``owner_id``, one of its co-owners): ``field`` is
    ``name``, ``id_number``, ``phone`` or ``address`` (the address for service)."""
    authorize(uow.actor, Permission.CORRECT_CONTACT)
    co_owner = owner_id is not None
    key = f"{'co_owner' if co_owner else 'owner'}.{field}"
    if field not in _OWNER_FIELDS:
        raise ValidationError("field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field"))
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    owner = _owner_of(uow, case, owner_id)
    label = field_label(key)
    before: object = getattr(owner, field)
    if field == "name":
        after: object = v.text_field(value, key, label, max_length=60, required_=True)
    elif field == "phone":
        after = v.phone(value, key, label)
    elif field == "address":
        after = v.text_field(value, key, label, max_length=200)
    else:
        after = _id_number(uow, owner, value, key, label)
    same(before, after, key)
    setattr(owner, field, after)
    if field in ("name", "phone", "id_number"):
        uow.flush()
        search_text.refresh_for_owner(uow.session, owner.id)
    return finish(uow, case, key, found, clean_reason, before, after, entity="owner", entity_id=owner.id)


def _owner_of(uow: UnitOfWork, case: Case, owner_id: int | None) -> Owner:
    if owner_id is None:
        return case.owner
    for co_owner in case.co_owners:
        if co_owner.id == owner_id:
            return co_owner
    raise NotFoundError(_("Co-owner {id} of this case does not exist.").format(id=owner_id))


def _id_number(uow: UnitOfWork, owner: Owner, value: str, key: str, label: str) -> str | None:
    if not (value or "").strip():
        return None
    ident = v.id_number(value, key, label)
    taken = uow.session.scalar(select(Owner).where(Owner.id_number == ident.number, Owner.id != owner.id))
    if taken is not None:
        raise ValidationError(
            key,
            _("another owner is registered with this ID number ({name})").format(name=taken.name),
            label,
        )
    owner.sex, owner.birth_date = ident.sex, ident.birth_date
    return ident.number


def correct_company(
    uow: UnitOfWork,
    case_id: int,
    field: str,
    value: str,
    reason: str,
    *,
    expected_version: int | None = None,
) -> CorrectionResult:
    """Correct the case's property company: ``name``, ``credit_code``, ``domicile`` (its address
    for service), ``legal_rep``, ``agent_name``, ``agent_phone`` or ``phone``."""
    authorize(uow.actor, Permission.CORRECT_CONTACT)
    key = f"company.{field}"
    if field not in _COMPANY_FIELDS:
        raise ValidationError("field", _("cannot be corrected: {key}").format(key=key[:60]), _("Field"))
    case, found, clean_reason = begin(uow, case_id, key, reason, expected_version)
    company = case.company
    label = field_label(key)
    before: object = getattr(company, field)
    if field == "name":
        after: object = v.text_field(value, key, label, max_length=120, required_=True)
        _unique_company(uow, company, Company.name == after, key, label)
    elif field == "credit_code":
        after = v.credit_code(value, key, label)
        _unique_company(uow, company, Company.credit_code == after, key, label)
    elif field in ("phone", "agent_phone"):
        after = v.phone(value, key, label, optional=True)
    else:
        limit = 200 if field == "domicile" else 60
        after = v.text_field(value, key, label, max_length=limit, required_=field == "legal_rep")
    same(before, after, key)
    setattr(company, field, after)
    if field == "name":
        uow.flush()
        for other in uow.session.scalars(select(Case).where(Case.company_id == company.id)):
            search_text.refresh_case(other)
    return finish(uow, case, key, found, clean_reason, before, after, entity="company", entity_id=company.id)


def _unique_company(uow: UnitOfWork, company: Company, clash: object, key: str, label: str) -> None:
    taken = uow.session.scalar(select(Company).where(clash, Company.id != company.id))  # type: ignore[arg-type]
    if taken is not None:
        raise ValidationError(
            key, _("another company is registered with this value ({name})").format(name=taken.name), label
        )
