"""``mediation-app user add|list``: staff accounts from the command line.

``user add`` is how a server installation gets its first administrator without a screen, and how
an administrator scripts accounts: once an administrator exists and sign-in is on, the command
signs in as one (``--user NAME``, see :mod:`.sign_in`) and the audit trail names them. The password is asked twice without echo at a terminal, or read
as one line from standard input (``--password-stdin``, or whenever input is not a terminal), so it
never appears in the process list or the shell history.
"""

from __future__ import annotations

import argparse
import getpass

from mediation_app import formatting
from mediation_app.backup.startup import open_for_app
from mediation_app.commands import stdio
from mediation_app.commands.options import add_db_option
from mediation_app.commands.sign_in import add_user_option, command_actor
from mediation_app.domain.enums import Role, label
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.services import accounts
from mediation_app.services.accounts import UserForm


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("user", help=_("add or list staff accounts"))
    add_db_option(parser)
    actions = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help=_("add an account (the first one should be an administrator)"))
    add_db_option(add)
    add.add_argument("username", metavar="USERNAME")
    add.add_argument(
        "--role", required=True, choices=[role.value for role in Role], help=_("the account's role")
    )
    add.add_argument("--name", required=True, help=_("the person's name as documents show it"))
    add.add_argument(
        "--organization", type=int, default=None, metavar="ID", help=_("organisation id (optional)")
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help=_(
            "read the password as one line from standard input (with --user: first your own "
            "password, then the new account's, one line each)"
        ),
    )
    add_user_option(add, password_stdin=False)
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", help=_("list the accounts"))
    add_db_option(listing)
    listing.set_defaults(func=run_list)


def read_password(from_stdin: bool) -> str:
    """The new password: one line of stdin, or typed twice without echo at a terminal."""
    if from_stdin or not stdio.interactive():
        line = stdio.read_line()
        if line is None:  # no standard input at all (the windowed exe), or an empty one
            raise ValidationError(
                "password",
                _("no password was given: type it at a terminal, or give it as one line of standard input"),
                _("Password"),
            )
        return line
    first = getpass.getpass(_("New password: "))
    second = getpass.getpass(_("Repeat the password: "))
    if first != second:
        raise ValidationError("password", _("the two entries differ"), _("Password"))
    return first


def run_add(args: argparse.Namespace) -> int:
    db = open_for_app(getattr(args, "db", None))
    try:
        # Once an administrator exists, only an administrator adds accounts: with sign-in on, the
        # command signs in (--user) before it asks for the new account's password.
        actor = command_actor(db, args)
        password = read_password(args.password_stdin)
        with db.unit_of_work(actor) as uow:
            row = accounts.add_user(
                uow,
                UserForm(
                    username=args.username,
                    name=args.name,
                    role=Role(args.role),
                    password=password,
                    organization_id=args.organization,
                ),
            )
    finally:
        db.dispose()
    print(
        _("Added {username} ({name}, {role}).").format(
            username=row.username, name=row.name, role=label(row.role)
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    db = open_for_app(getattr(args, "db", None))
    now = db.clock.now()
    try:
        rows = accounts.list_users(db)
    finally:
        db.dispose()
    if not rows:
        print(
            _(
                "No accounts yet. Add the administrator: mediation-app user add USERNAME --role admin --name NAME"
            )
        )
        return 0
    for row in rows:
        state = []
        if not row.active:
            state.append(_("deactivated"))
        if not row.has_password:
            state.append(_("no password"))
        if row.locked_until is not None and row.locked_until > now:
            state.append(_("locked until {time}").format(time=formatting.short_moment(row.locked_until)))
        print(
            "\t".join(
                [row.username, row.name, label(row.role), row.organization, ", ".join(state) or _("active")]
            )
        )
    return 0
