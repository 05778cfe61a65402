"""``mediation-app import``: a company's spreadsheet of owners in arrears, as one batch of cases.

    mediation-app import FILE.xlsx --company NAME [--db URL] [--yes]
    mediation-app import --template PATH

The preview (every row checked, each problem with its cell) is printed first; nothing is written
until the user answers yes (or passed ``--yes``). Exit status 0 when cases were imported, 1 when
nothing was (cancelled, or no row can be imported), 2 for errors (file unreadable, unknown
company, database problems).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from mediation_app.backup.startup import open_for_app
from mediation_app.commands import stdio
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _, ngettext
from mediation_app.queries import lookups

if TYPE_CHECKING:
    from mediation_app.batch_import import ImportPreview

EXIT_NOTHING_IMPORTED = 1
YES_ANSWERS = frozenset({"y", "yes", "是", "确认", "好"})


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help=_("import a company's spreadsheet of owners in arrears as a batch of cases")
    )
    add_db_option(parser)
    parser.add_argument("file", nargs="?", metavar="FILE", help=_("the .xlsx or .csv file"))
    parser.add_argument("--company", metavar="NAME", help=_("the property company filing the cases"))
    parser.add_argument(
        "--template", metavar="PATH", type=Path, help=_("write the template spreadsheet to PATH and stop")
    )
    parser.add_argument("--yes", action="store_true", help=_("import without asking for confirmation"))
    parser.add_argument(
        "--create-communities",
        action="store_true",
        help=_("create communities the centre has not registered (else their rows are errors)"),
    )
    parser.add_argument(
        "--organization",
        metavar="NAME",
        help=_(
            "the organisation that handles every case (default: each community's, else the district centre)"
        ),
    )
    parser.add_argument("--note", default="", help=_("a note for the batch (at most 200 characters)"))
    add_user_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: openpyxl is not needed to build the parser (``--version``, ``--help``).
    from mediation_app.batch_import import ImportOptions, commit_import, preview, write_template

    if args.template is not None:
        path = write_template(args.template)
        print(_("Template written: {path}").format(path=path))
        return 0
    if not args.file or not args.company:
        raise ValidationError(
            "file", _("name the file and the company: mediation-app import FILE --company NAME"), _("File")
        )
    db = open_for_app(getattr(args, "db", None))
    try:
        actor = command_actor(db, args)  # signed in before the preview, not after the question
        with db.read() as session:
            company_id = find_company_id(session, args.company)
            organization_id = _organization_id(session, args.organization) if args.organization else None
            options = ImportOptions(
                create_communities=args.create_communities,
                organization_id=organization_id,
                note=args.note,
            )
            result = preview(
                session,
                Path(args.file),
                company_id,
                today=db.clock.today(),
                options=options,
                progress=_progress(_("Checking rows")),
            )
        stdio.end_progress()
        print_preview(result)
        if not result.can_commit:
            print(_("Nothing can be imported; nothing was written."))
            return EXIT_NOTHING_IMPORTED
        if not args.yes and not _confirmed(result):
            print(_("Cancelled; nothing was written."))
            return EXIT_NOTHING_IMPORTED
        with db.unit_of_work(actor) as uow:
            outcome = commit_import(uow, result, progress=_progress(_("Recording cases")))
        stdio.end_progress()
        print(
            _("Imported {n} cases as batch #{batch}: {first} … {last}.").format(
                n=len(outcome.cases),
                batch=outcome.batch_id,
                first=outcome.cases[0].number,
                last=outcome.cases[-1].number,
            )
        )
        return 0
    finally:
        db.dispose()


def find_company_id(session: Session, name: str) -> int:
    """The company called ``name`` (or the only one whose name contains it)."""
    matches = lookups.find_companies(session, name)
    exact = [company for company in matches if company.name == name.strip()]
    if exact:
        return exact[0].id
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise NotFoundError(_("No company is registered under the name {name}.").format(name=name))
    raise NotFoundError(
        _("{name} names several companies; give the full name: {names}").format(
            name=name, names="、".join(company.name for company in matches)
        )
    )


def _organization_id(session: Session, name: str) -> int:
    wanted = name.strip()
    choices = lookups.organizations(session, handling_only=True)
    exact = [o for o in choices if wanted in (o.name, o.short_name)]
    partial = exact or [o for o in choices if wanted in o.name or wanted in o.short_name]
    if len(partial) == 1:
        return partial[0].id
    if not partial:
        raise NotFoundError(_("No handling organisation is called {name}.").format(name=name))
    raise NotFoundError(
        _("{name} names several organisations; give the full name: {names}").format(
            name=name, names="、".join(o.name for o in partial)
        )
    )


def _progress(what: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        stdio.show_progress(f"{what}: {done}/{total}", done, total)

    return report


def print_preview(result: ImportPreview) -> None:
    """The counts, then every problem with its cell (errors first)."""
    from mediation_app.batch_import import Severity

    where = result.file_name + (f" · {result.sheet_name}" if result.sheet_name else "")
    if result.encoding:
        where += f" · {result.encoding}"
    print(_("File: {where}; header in row {row}.").format(where=where, row=result.header_row))
    print(_("Company: {name}").format(name=result.company_name))
    valid, errors = len(result.valid_rows), len(result.error_rows)
    print(
        _("{rows} rows: {valid} can be imported, {errors} have errors; {empty} empty rows skipped.").format(
            rows=len(result.rows), valid=valid, errors=errors, empty=result.empty_rows
        )
    )
    if result.new_communities:
        print(_("Communities to be created: {names}").format(names="、".join(result.new_communities)))
    issues = result.all_issues()
    for severity, title in ((Severity.ERROR, _("Errors")), (Severity.WARNING, _("Warnings"))):
        chosen = [issue for issue in issues if issue.severity == severity]
        if chosen:
            print(f"{title} ({len(chosen)}):")
            for issue in chosen:
                print(f"  {issue}")


def _confirmed(result: ImportPreview) -> bool:
    question = ngettext(
        "Import {n} case for {company}? Rows with errors are left out. [y/N] ",
        "Import {n} cases for {company}? Rows with errors are left out. [y/N] ",
        len(result.valid_rows),
    ).format(n=len(result.valid_rows), company=result.company_name)
    answer = stdio.ask(question)
    if answer is None:  # no input to read an answer from (the windowed exe, an empty pipe)
        print(file=sys.stderr)
        print(_("Nobody answered; add --yes to import without asking."), file=sys.stderr)
        return False
    return answer.strip().lower() in YES_ANSWERS
