"""The bundle's smoke mode: does the frozen app show its main window and print a document?

Run by ``installer/smoke_test.py`` as ``mediation-app --bundle-smoke DIR --db URL`` (see
``entry.py``). Inside the frozen bundle it

1. opens the desktop client on ``URL`` the way ``mediation-app`` does (``ui.app.run``), reports
   the visible top-level windows as soon as the event loop runs (``SMOKE windows: …``), and lets
   the client close itself after a moment;
2. renders a settlement agreement (调解协议书, the centre's own case of DOMAIN.md) with
   ``reports.agreement.render`` into ``DIR/agreement.pdf`` (``SMOKE pdf: …``): the bundled fonts,
   reportlab and the QR code at work.

Exit status 0 only when the main window was shown, the client exited 0 and the PDF was written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import faulthandler
import traceback
from decimal import Decimal
from pathlib import Path

MAIN_WINDOW = "MainWindow"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mediation-app --bundle-smoke")
    parser.add_argument("out", type=Path, help="folder for agreement.pdf")
    parser.add_argument("--db", default=None)
    parser.add_argument("--quit-after-ms", type=int, default=400)
    parser.add_argument("--hang-seconds", type=int, default=120, help="dump the stacks and exit after this")
    args = parser.parse_args(argv)
    # Nobody watches a smoke test: a hang prints where every thread is and ends the process.
    faulthandler.dump_traceback_later(args.hang_seconds, exit=True)
    shown = _gui(args.db, args.quit_after_ms)
    if shown is None:
        return 1
    try:
        pdf = _agreement_pdf(args.out)
    except Exception:  # the client's error hook would wait for a click: print it instead
        traceback.print_exc()
        return 1
    print(f"SMOKE pdf: {pdf} {pdf.stat().st_size} bytes", flush=True)
    return 0


def _gui(db_url: str | None, quit_after_ms: int) -> list[str] | None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.app import create_application
    from ui.app import run as run_client

    create_application()  # the timer below needs the application; run() reuses this one
    seen: list[str] = []

    def report() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen.extend(type(w).__name__ for w in windows)
        listed = ", ".join(f"{type(w).__name__}[{w.windowTitle()}]" for w in windows)
        print(f"SMOKE windows: {listed}", flush=True)
        if MAIN_WINDOW not in seen:
            # A dialog (sign-in, an error) waits for a person who is not there: dismiss it, so
            # the smoke test fails at once instead of hanging.
            for window in windows:
                if isinstance(window, QDialog):
                    window.reject()

    QTimer.singleShot(0, report)
    status = run_client(db_url=db_url, language=None, quit_after_ms=quit_after_ms)
    print(f"SMOKE client exit: {status}", flush=True)
    if status != 0 or MAIN_WINDOW not in seen:
        return None
    return seen


def _agreement_pdf(folder: Path) -> Path:
    from stdnum.cn import ric, uscc

    from mediation_app.documents.agreement import AmountItem, Concession, PaymentTerms, SettlementAgreement
    from mediation_app.documents.parties import Agent, Company, Organisation, Owner, Unit
    from mediation_app.domain.enums import Sex
    from reports.agreement import render

    id_body = "35030219850618031"
    code_body = "91350304MA2XK8L5Q"
    address = "福建省莆田市荔城区拱辰街道荔景花园3幢1502室"
    service = Decimal("12406.74")
    utilities = Decimal("2151.20")
    data = SettlementAgreement(
        number="荔物调协〔2021〕0018号",
        case_number="荔物调〔2021〕0018号",
        organisation=Organisation(
            "荔城区物业纠纷调处中心", "莆田市荔城区镇海街道社区服务大厅一楼", "0594-2288110"
        ),
        owners=(
            Owner(
                "车某",
                Sex.MALE,
                dt.date(1985, 6, 18),
                id_body + ric.calc_check_digit(id_body + "0"),
                address,
                "13859012345",
            ),
        ),
        company=Company(
            "莆田市荔安物业服务有限公司",
            "福建省莆田市荔城区拱辰街道荔园路88号",
            code_body + uscc.calc_check_digit(code_body),
            "林某某",
            "总经理",
            agent=Agent("郑某", "该公司荔景花园项目经理", phone="13905941234"),
        ),
        unit=Unit("荔景花园", "3幢", "1502", address, Decimal("119.42"), dt.date(2016, 5, 2)),
        facts=("甲方的物业服务费缴至2017年7月，此后未再缴纳。乙方于2021年3月10日向本中心申请调解。",),
        matters_in_dispute=("甲方应否支付所欠物业服务费及公摊水电费",),
        claimed=(
            AmountItem("2017年8月1日至2021年2月28日的公摊水电费", utilities),
            AmountItem("2017年8月1日至2021年3月9日的物业服务费", Decimal("14474.72")),
            AmountItem("违约金", Decimal("6917.68")),
        ),
        agreed_items=(
            AmountItem("2017年8月1日至2021年3月9日的物业服务费", service),
            AmountItem("2017年8月1日至2021年2月28日的公摊水电费", utilities),
        ),
        total=service + utilities,
        concessions=(Concession("乙方自愿放弃主张违约金。", Decimal("6917.68")),),
        payment=PaymentTerms("银行转账", "乙方指定的收款账户", deadline=dt.date(2021, 3, 31)),
        settled_through=dt.date(2021, 3, 9),
        acceleration=False,
        other_terms=(),
        copies=3,
        mediators=("陈某",),
        recorder="杨某某",
        place="荔城区物业纠纷调处中心",
        date=dt.date(2021, 3, 22),
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "agreement.pdf"
    path.write_bytes(render(data))
    return path
