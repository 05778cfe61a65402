"""The notice on the Fees and Settlement pages: the figures changed since …; 重新计算.

Shown while the case's stored statement and open proposals are out of date (a payment or a bill
was entered or voided after they were computed). The button recomputes them and the notice then
says what changed: each figure's old total → new total and the difference.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from mediation_app import formatting
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission
from mediation_app.services.settlement.staleness import Recomputation
from ui.case_view.actions import ActionRunner
from ui.case_view.feedback import attempt
from ui.case_view.step_button import PermissionButton

STALE_STYLE = "#staleNotice { background: #fff4e0; border: 1px solid #e0b060; }"
DONE_STYLE = "#staleNotice { background: #eef6ee; border: 1px solid #9cc79c; }"


def difference_text(done: Recomputation) -> str:
    """``应付 1,000.00 → 800.00（−200.00）`` for each recomputed figure, one a line."""
    if not done.differences:
        return _("Recomputed: no statement or open proposal to update.")
    lines = [
        _("{name}: {old} → {new} (difference {delta})").format(
            name=d.name,
            old=formatting.money(d.old),
            new=formatting.money(d.new),
            delta=("+" if d.delta > 0 else "") + formatting.money(d.delta),
        )
        for d in done.differences
    ]
    return _("Recomputed.") + "\n" + "\n".join(lines)


class StaleNotice(QFrame):
    def __init__(self, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleNotice")
        self.ctx = runner.ctx
        row = QHBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName("staleNoticeText")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.recompute_button = PermissionButton(runner, Permission.COMPUTE_STATEMENT, _("Recompute"), self)
        self.recompute_button.setObjectName("recomputeFigures")
        self.recompute_button.clicked.connect(lambda _c=False: self.recompute())
        row.addWidget(self.recompute_button)
        self.last_result: Recomputation | None = None
        self.setVisible(False)

    def refresh(self) -> None:
        stale = self.ctx.case.fees.staleness()
        if stale is not None:
            self.last_result = None
            self.text.setText(
                _(
                    "Figures changed since {moment} ({reason}); the statement and open proposals are out of date."
                ).format(moment=formatting.short_moment(stale.since), reason=stale.reason)
            )
            self.setStyleSheet(STALE_STYLE)
            self.recompute_button.setVisible(True)
            self.recompute_button.refresh()
            self.setVisible(True)
        elif self.last_result is not None:
            self.text.setText(difference_text(self.last_result))
            self.setStyleSheet(DONE_STYLE)
            self.recompute_button.setVisible(False)
            self.setVisible(True)
        else:
            self.setVisible(False)

    def recompute(self) -> Recomputation | None:
        done = attempt(self.ctx, self, self.ctx.case.fees.recompute)
        if done is not None:
            self.last_result = done
            self.refresh()
        return done
