"""Who works in this session: the gate the client passes before its main window opens.

* A single-seat SQLite installation set to run without sign-in: the local user, no questions.
* No administrator yet (the first run): :class:`~ui.sign_in_dialog.FirstAdminDialog`.
* Otherwise: :class:`~ui.sign_in_dialog.SignInDialog`. A PostgreSQL database always gets here.

The answer is an :class:`~mediation_app.domain.actor.Actor` or None (the person quit); the
services check the actor's role on every action, whatever the screens show.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from mediation_app.domain.actor import Actor
from mediation_app.errors import MediationError
from mediation_app.i18n import _
from ui.sign_in_dialog import FirstAdminDialog, SignInDialog
from ui.viewmodels.sign_in import SignInViewModel


def obtain_actor(gate: SignInViewModel, parent: QWidget | None = None) -> Actor | None:
    try:
        if not gate.sign_in_required():
            return gate.local_actor()
        if not gate.has_administrator():
            return FirstAdminDialog.ask(gate, parent)
    except MediationError as error:
        QMessageBox.critical(parent, _("Cannot open the database"), error.message)
        return None
    return SignInDialog.ask(gate, parent)
