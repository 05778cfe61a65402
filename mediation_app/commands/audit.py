"""``mediation-app audit verify [--deep]``: check the audit trail, its checkpoints and the data.

- the hash chain: every event's hash and link; the first break is named;
- the checkpoints: signed copies of the chain's head kept outside the database (this
  workstation's data folder, its backups, and any ``--checkpoints`` folder); an event deleted
  from the end with the head rewound, or a chain rewritten with recomputed hashes, is named, and
  the command says up to which event a checkpoint vouches for the chain;
- the data: every audited row is compared with the seal of its last audited state, and each row
  edited, deleted or added behind the app's back is named; ``--deep`` compares the documents'
  PDFs and the attachment files on disk too.

``audit checkpoint`` writes a checkpoint now; ``audit key`` prints this workstation's public key
(to put into another workstation's ``trusted`` folder). Exit status 0 when all is whole, 1 when
anything is broken (2 for errors such as a missing database), so a scheduled job can alert on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mediation_app.backup.locate import open_existing
from mediation_app.backup.make import attachments_folder
from mediation_app.clock import SystemClock
from mediation_app.commands.options import add_db_option
from mediation_app.i18n import _
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.queries.chain_anchor import check_anchor, head_checkpoint, location_of
from mediation_app.queries.row_check import check_rows
from mediation_app.security import checkpoints

EXIT_BROKEN = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("audit", help=_("check the audit trail"))
    add_db_option(parser)
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help=_(
            "check every event's hash and link, the signed checkpoints and every audited row; "
            "name what is broken (exit 1)"
        ),
    )
    add_db_option(verify)
    verify.add_argument(
        "--deep", action="store_true", help=_("also compare the documents' PDFs and the attachment files")
    )
    verify.add_argument(
        "--checkpoints",
        type=Path,
        action="append",
        default=[],
        metavar="FOLDER",
        help=_("look for checkpoints in FOLDER too (may be given more than once)"),
    )
    verify.set_defaults(func=run_verify)
    checkpoint = actions.add_parser("checkpoint", help=_("write a signed checkpoint of the audit trail now"))
    add_db_option(checkpoint)
    checkpoint.set_defaults(func=run_checkpoint)
    key = actions.add_parser("key", help=_("print this workstation's public key for checkpoints"))
    key.set_defaults(func=run_key)


def run_verify(args: argparse.Namespace) -> int:
    db = open_existing(getattr(args, "db", None))
    folders = [*checkpoints.default_folders(), *args.checkpoints]
    try:
        with db.read() as session:
            report = verify_chain(session)
            anchor = check_anchor(
                session,
                checkpoints.find_checkpoints(folders),
                location=location_of(db.engine.url),
                trusted=checkpoints.trusted_keys(),
                folders=folders,
            )
            rows = check_rows(
                session, deep=args.deep, attachments=attachments_folder() if args.deep else None
            )
    finally:
        db.dispose()
    broken = False
    if report.broken is None:
        print(
            _("The audit trail is whole: {count} events checked, the newest is #{last}.").format(
                count=report.events, last=report.last_id
            )
        )
    else:
        broken = True
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
    for line in anchor.lines():
        print(line, file=sys.stdout if anchor.whole else sys.stderr)
    broken = broken or not anchor.whole
    if rows.clean:
        print(
            _("The data matches the audit trail: {rows} rows of {tables} tables checked.").format(
                rows=rows.rows, tables=rows.tables
            )
            + (
                " "
                + _("{count} rows were written before rows were sealed and are not vouched for.").format(
                    count=rows.older
                )
                if rows.older
                else ""
            )
        )
        if rows.deep:
            print(_("{count} attachment files match their recorded hashes.").format(count=rows.files))
    else:
        broken = True
        count = len(rows.differences) + rows.more
        print(
            _("The data differs from the audit trail in {count} places:").format(count=count),
            file=sys.stderr,
        )
        for difference in rows.differences:
            print("  " + difference.describe(), file=sys.stderr)
        if rows.more:
            print("  " + _("… and {count} more.").format(count=rows.more), file=sys.stderr)
    return EXIT_BROKEN if broken else 0


def run_checkpoint(args: argparse.Namespace) -> int:
    db = open_existing(getattr(args, "db", None))
    try:
        with db.read() as session:
            checkpoint = head_checkpoint(session, SystemClock(), location_of(db.engine.url))
    finally:
        db.dispose()
    if checkpoint is None:
        print(_("The audit trail is empty: there is nothing to vouch for yet."))
        return 0
    path = checkpoints.write_checkpoint(checkpoint)
    print(
        _("Checkpoint of event {id} written to {path} (key {key}).").format(
            id=checkpoint.last_id, path=path, key=checkpoint.signer
        )
    )
    return 0


def run_key(_args: argparse.Namespace) -> int:
    public = checkpoints.public_key_b64()
    print(public)
    print(
        _("Key {key}. Put this line into a .pub file in another workstation's {folder} to trust it.").format(
            key=checkpoints.fingerprint(public), folder=checkpoints.key_dir() / "trusted"
        ),
        file=sys.stderr,
    )
    return 0
