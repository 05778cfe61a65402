"""``mediation-app audit verify``: check the audit trail's hash chain and name the first break.

Exit status 0 when the chain is whole, 1 when it is broken (2 for errors such as a missing
database), so a scheduled job can alert on it.
"""

from __future__ import annotations

import argparse
import sys

from mediation_app.backup.locate import open_existing
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _
from mediation_app.queries.audit_trail import verify_chain

EXIT_BROKEN = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("audit", help=_("check the audit trail"))
    add_db_option(parser)
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help=_("check every event's hash and link; name the first broken one (exit 1)")
    )
    add_db_option(verify)
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    db = open_existing(getattr(args, "db", None))
    try:
        with db.read() as session:
            report = verify_chain(session)
    finally:
        db.dispose()
    if report.broken is None:
        print(
            _("The audit trail is whole: {count} events checked, the newest is #{last}.").format(
                count=report.events, last=report.last_id
            )
        )
        return 0
    print(
        _("The audit trail is BROKEN at event #{id}: {problem}.").format(
            id=report.broken.event_id, problem=report.broken.describe()
        ),
        file=sys.stderr,
    )
    print(
        _(
            "{count} events before it are intact. Keep this database as it is and tell the administrator."
        ).format(count=report.intact),
        file=sys.stderr,
    )
    return EXIT_BROKEN
