"""Signing in on the command line: ``--user NAME``, the password from a prompt or standard input.

When sign-in is required (always on PostgreSQL; on SQLite unless set off) and an administrator
exists, a command that writes acts as a signed-in member of staff, so the audit trail names them
and their role limits what the command may do. The password is never a command-line argument (it
would show in the process list and the shell history): it is asked without echo at a terminal, or
read as one line of standard input with ``--password-stdin`` (or whenever input is not a
terminal). Without ``--user`` such a command stops with one clear line and exit status 2.

While sign-in is off (a single seat), or before the first administrator exists, the command line
acts as before, unrestricted (:func:`~mediation_app.services.accounts.command_line_actor`).
"""

from __future__ import annotations

import argparse
import getpass

from mediation_app.commands import stdio
from mediation_app.domain.actor import Actor
from mediation_app.errors import SignInRequired, ValidationError
from mediation_app.i18n import _
from mediation_app.services import accounts
from mediation_app.storage.uow import Database


def add_user_option(parser: argparse.ArgumentParser, *, password_stdin: bool = True) -> None:
    """``--user NAME`` (and ``--password-stdin``, unless the command already has its own)."""
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=None,
        help=_(
            "sign in as this staff account (required when sign-in is on); the password is asked, "
            "or read from standard input with --password-stdin"
        ),
    )
    if password_stdin:
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help=_("read the password as one line from standard input"),
        )


def sign_in_enforced(db: Database) -> bool:
    """Whether commands must sign in here: required, and an administrator exists to sign in with."""
    return accounts.sign_in_required(db) and accounts.has_administrator(db)


def read_sign_in_password(username: str, from_stdin: bool) -> str:
    """The signing-in person's password: one line of standard input, or typed without echo."""
    if from_stdin or not stdio.interactive():
        line = stdio.read_line()
        if line is None:
            raise ValidationError(
                "password",
                _("no password was given: type it at a terminal, or give it as one line of standard input"),
                _("Password"),
            )
        return line
    return getpass.getpass(_("Password for {user}: ").format(user=username))


def command_actor(db: Database, args: argparse.Namespace) -> Actor:
    """Who a command that writes (or shows full identities) acts as.

    With ``--user``: that account, signed in (a wrong password, a locked or deactivated account
    stop the command with the sign-in's own message). Without it: the unrestricted command line
    while sign-in is off, else :class:`SignInRequired`.
    """
    username = getattr(args, "user", None)
    if username:
        password = read_sign_in_password(username, bool(getattr(args, "password_stdin", False)))
        return accounts.sign_in(db, username, password)
    if sign_in_enforced(db):
        raise SignInRequired(
            _(
                "Sign-in is required for this command: add --user NAME (the password is asked, "
                "or read from standard input with --password-stdin)."
            )
        )
    return accounts.command_line_actor()


def reading_actor(db: Database, args: argparse.Namespace) -> Actor:
    """Who a command that only reads acts as: the account given with ``--user``; without it, the
    command line, unrestricted while sign-in is off, else a reader who sees ID numbers and phone
    numbers masked."""
    if getattr(args, "user", None) or not sign_in_enforced(db):
        return command_actor(db, args)
    return accounts.masked_reader()
