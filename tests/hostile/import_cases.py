"""Hostile input to the spreadsheet import: cells no case could hold, text with invisible
characters, CSV quoting, hidden rows and columns, a zip bomb, a damaged workbook.

Each case writes a company file with one data row (row 2, under the template's header) and
previews it; a refused cell must be an error naming its cell and column ("J2 物业费缴至: …"), and
nothing is written. The accepted cases commit and check what was stored.
"""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from mediation_app.batch_import import ImportOptions, commit_import, preview
from mediation_app.batch_import.xlsx_scan import MAX_SHARED_STRINGS_BYTES
from mediation_app.storage.models import Case
from tests.hostile.harness import Env, Hostile, Said
from tests.hostile.intake_cases import with_check_digit
from tests.support.import_sheets import CLERK, HEADERS, good_row, write_xlsx

TODAY = dt.date(2026, 11, 27)


def issues_of(env: Env, path: Path) -> Said:
    with env.db.read() as session:
        result = preview(session, path, env.company_id, today=TODAY)
    return Said(tuple(str(issue) for issue in result.all_issues()))


def xlsx(number: int, **cells: object) -> Callable[[Env], Said]:
    """One row (flat 5幢 <number>) with ``cells`` changed, previewed."""

    def attempt(env: Env) -> Said:
        path = write_xlsx(env.path(f"row{number}.xlsx"), [good_row(number, **cells)])
        return issues_of(env, path)

    return attempt


def _cell(what: str, number: int, cell: str, words: str, **cells: object) -> Hostile:
    return Hostile("import", what, xlsx(number, **cells), cell, words)


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    def quoted(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in f'"{delimiter}\n') else value

    return "".join(delimiter.join(quoted(value) for value in row) + "\r\n" for row in rows)


def text_row(number: int, **cells: str) -> list[str]:
    values = dict(zip(HEADERS, (str(v) if v is not None else "" for v in good_row(number)), strict=True))
    values.update({"交房日期": "2016-05-02", "欠费截至": "2021-03-09", "备注": ""})
    row = list(values.values())
    keys = {"note": 16, "owner": 0, "room": 6}
    for key, value in cells.items():
        row[keys[key]] = value
    return row


def csv_row(number: int, **cells: str) -> Callable[[Env], Said]:
    """One row as a UTF-8 CSV file (which, unlike a workbook, can hold any character)."""

    def attempt(env: Env) -> Said:
        path = env.path(f"row{number}.csv")
        path.write_text(csv_text([HEADERS, text_row(number, **cells)]), encoding="utf-8")
        return issues_of(env, path)

    return attempt


def csv_note_later_escape(env: Env) -> Said:
    """A note with a "" escape far past the first 8 KB: read whole, in its own column."""
    note = '业主称"漏水"，拒缴, 待核实'
    rows = [HEADERS] + [text_row(n) for n in range(200, 330)] + [text_row(400, note=note)]
    path = env.path("later_quote.csv")
    path.write_text(csv_text(rows), encoding="utf-8")
    with env.db.read() as session:
        result = preview(session, path, env.company_id, today=TODAY)
    last = result.rows[-1]
    ok = last.values.get("note") == note and not result.issues and all(row.ok for row in result.rows)
    return Said((f"{len(result.rows)} rows, last note {last.values.get('note')!r}",), ok)


def csv_semicolons(env: Env) -> Said:
    path = env.path("semicolons.csv")
    path.write_text(csv_text([HEADERS, text_row(500, note="分号; 逗号, 都在")], ";"), encoding="utf-8")
    with env.db.read() as session:
        result = preview(session, path, env.company_id, today=TODAY)
    ok = len(result.rows) == 1 and result.rows[0].ok and result.rows[0].values["note"] == "分号; 逗号, 都在"
    return Said(tuple(str(issue) for issue in result.all_issues()), ok)


def hidden(kind: str) -> Callable[[Env], Said]:
    def attempt(env: Env) -> Said:
        path = write_xlsx(env.path(f"hidden_{kind}.xlsx"), [good_row(600), good_row(601)])
        import openpyxl

        workbook = openpyxl.load_workbook(path)
        sheet = workbook.active
        assert sheet is not None
        if kind == "row":
            sheet.row_dimensions[3].hidden = True
        else:
            sheet.column_dimensions["Q"].hidden = True
        workbook.save(path)
        return issues_of(env, path)

    return attempt


def zip_bomb(env: Env) -> Said:
    """Under 1 MB on disk, 280 MB of shared strings unpacked: refused at once, in little memory."""
    path = env.path("bomb.xlsx")
    write_xlsx(path, [good_row(700)])
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as part,
    ):
        part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        chunk = b"<si><t>" + b"A" * 1_000_000 + b"</t></si>"
        for _ in range(280):
            part.write(chunk)
        part.write(b"</sst>")
    size = path.stat().st_size
    tracemalloc.start()
    started = time.perf_counter()
    try:
        said = issues_of(env, path)
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        env.extra["bomb"] = (size, elapsed, peak)
    return said


def bomb_is_small_and_quick(words: str) -> Callable[[Env], Said]:
    """The bomb refused with ``words`` in under 2 s and 50 MB (measured by :func:`zip_bomb`)."""

    def attempt(env: Env) -> Said:
        try:
            zip_bomb(env)
        except Exception as error:
            size, elapsed, peak = env.extra["bomb"]
            if words not in str(error) or elapsed > 2 or peak > 50 * 1024 * 1024:
                return Said((f"{error}: {size} bytes, {elapsed:.2f} s, {peak / 1e6:.0f} MB",), False)
            raise
        return Said(("the bomb was read",), False)

    return attempt


def lying_sizes(env: Env) -> Said:
    """A sheet part whose directory entry says 1 KB while it unpacks to 50 MB: zipfile stops at
    the declared size, the checksum fails, and the file is refused as damaged."""
    path = write_xlsx(env.path("liar.xlsx"), [good_row(710)])
    source = zipfile.ZipFile(path)
    forged = env.path("liar_forged.xlsx")
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + b" " * 50_000_000)
            target.writestr(info, data)
    # The uncompressed size of the sheet, in its local header (offset 22) and its directory
    # entry (offset 24), each found by the part's name.
    raw = bytearray(forged.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := raw.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at : name_at + len(name)] == name:
                raw[at + offset : at + offset + 4] = (1024).to_bytes(4, "little")
            at += 4
    forged.write_bytes(bytes(raw))
    return issues_of(env, forged)


def huge_integer_cell(env: Env) -> Said:
    """A cell of 5,001 digits: Python refuses to read it as a number."""
    path = write_xlsx(env.path("digits.xlsx"), [good_row(720, area=98765)])
    source = zipfile.ZipFile(path)
    forged = env.path("digits_forged.xlsx")
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>98765</v>", b"<v>" + b"9" * 5001 + b"</v>")
            target.writestr(info, data)
    return issues_of(env, forged)


def committed(number: int, check: Callable[[Case], bool], **cells: object) -> Callable[[Env], Said]:
    """Preview and commit one row; ``check`` the case stored."""

    def attempt(env: Env) -> Said:
        path = write_xlsx(env.path(f"ok{number}.xlsx"), [good_row(number, **cells)])
        with env.db.read() as session:
            result = preview(session, path, env.company_id, today=TODAY, options=ImportOptions())
        lines = tuple(str(issue) for issue in result.all_issues())
        if not result.can_commit:
            return Said(lines, False)
        with env.db.unit_of_work(CLERK) as uow:
            commit_import(uow, result)
        with env.db.read() as session:
            case = session.query(Case).order_by(Case.id.desc()).first()
            ok = case is not None and check(case)
        return Said(lines, ok)

    return attempt


BAD_CHECK = "350304199506121234"
BORN_1996 = with_check_digit("35030419960715123")
LOST_DIGITS = 3.50302198506180e17

CASES = [
    # 物业费缴至: never dropped in silence.
    _cell("paid-up month 2017-13", 2, "J2 物业费缴至", "not a month", paid_up_to="2017-13"),
    _cell("paid-up month 七月", 3, "J2 物业费缴至", "not a month", paid_up_to="七月"),
    _cell("paid-up month 2017-00", 4, "J2 物业费缴至", "not a month", paid_up_to="2017-00"),
    _cell("paid-up month 2099-12", 5, "J2 物业费缴至", "is after", paid_up_to="2099-12"),
    _cell("paid-up month 1900-01", 6, "J2 物业费缴至", "before 1990-01-01", paid_up_to="1900-01"),
    _cell("paid-up month as number 201713", 7, "J2 物业费缴至", "not a month", paid_up_to=201713),
    # Figures.
    _cell("area 1e30 (a number cell)", 10, "H2 建筑面积", "too many digits", area=1e30),
    _cell("area 1e30 (text)", 11, "H2 建筑面积", "exponent", area="1e30"),
    _cell("area 99,999,999,999.99", 12, "H2 建筑面积", "at most 100,000", area="99999999999.99"),
    _cell(
        "service fee of 20 digits", 13, "M2 物业服务费", "too many digits", service_fee="12345678901234567890"
    ),
    _cell("service fee 9.2e16 (a number cell)", 14, "M2 物业服务费", "too many digits", service_fee=9.2e16),
    _cell("utilities 1e-10000000%", 15, "N2 公摊水电费", "exponent", utilities="1e-10000000%"),
    _cell("late fee 10^10", 16, "O2 违约金", "less than 10,000,000,000", late_fee="10000000000"),
    _cell("fee standard -2.80", 17, "L2 收费标准", "negative", rate=-2.8),
    _cell("fee standard 1,000.01", 18, "L2 收费标准", "at most 1,000", rate="1000.01"),
    _cell("daily rate 5%", 19, "P2 违约金日利率", "at most 0.01 a day", late_fee_daily_rate="5%"),
    _cell("daily rate NaN", 20, "P2 违约金日利率", "not a number", late_fee_daily_rate="NaN"),
    _cell("area 'inf'", 21, "H2 建筑面积", "not a number", area="inf"),
    # Dates.
    _cell(
        "handover 1900-01-01", 30, "I2 交房日期", "before 1990-01-01", handover_date=dt.datetime(1900, 1, 1)
    ),
    _cell("handover 9999-12-31", 31, "I2 交房日期", "is after", handover_date=dt.datetime(9999, 12, 31)),
    _cell(
        "handover 2017-02-30 (text)",
        32,
        "I2 交房日期",
        "not a valid calendar date",
        handover_date="2017-02-30",
    ),
    _cell("arrears to 2099-12-31", 33, "K2 欠费截至", "is after", arrears_to=dt.datetime(2099, 12, 31)),
    _cell("arrears to serial 2,958,465", 34, "K2 欠费截至", "not a date", arrears_to=2958465),
    # ID numbers.
    _cell("ID number with a wrong check digit", 40, "C2 身份证号", "check digit", id_number=BAD_CHECK),
    _cell(
        "ID number of an unknown county",
        41,
        "C2 身份证号",
        "not a county",
        id_number=with_check_digit("99030419950612123"),
    ),
    _cell(
        "ID number born on 1995-02-30",
        42,
        "C2 身份证号",
        "not a date",
        id_number=with_check_digit("35030419950230123"),
    ),
    _cell("ID number stored as a float", 43, "C2 身份证号", "lost its last digits", id_number=LOST_DIGITS),
    # Text.
    _cell("owner with a zero-width space", 50, "A2 业主姓名", "zero-width", owner="林\u200b某"),
    _cell("owner with a right-to-left override", 51, "A2 业主姓名", "text-direction", owner="\u202e林某"),
    _cell("room with a BOM", 52, "G2 房号", "zero-width", room="\ufeff1502"),
    Hostile(
        "import", "note with a NUL byte (CSV)", csv_row(53, note="欠费\x00"), "Q2 备注", "control character"
    ),
    Hostile(
        "import",
        "owner with an escape character (CSV)",
        csv_row(56, owner="林\x1b某"),
        "A2 业主姓名",
        "control",
    ),
    _cell(
        "community with a left-to-right isolate", 54, "E2 小区", "text-direction", community="荔景\u2066花园"
    ),
    _cell("note of 501 characters", 55, "Q2 备注", "too long", note="欠" * 501),
    # The file as a whole.
    Hostile("import", "a hidden row", hidden("row"), "row 3", "hidden in the workbook"),
    Hostile(
        "import", "a hidden column (备注)", hidden("column"), "column Q (备注)", "hidden in the workbook"
    ),
    Hostile(
        "import",
        "a zip bomb: under 1 MB, shared strings unpacking to 280 MB",
        bomb_is_small_and_quick("too large"),
        "sharedStrings.xml",
        f"at most {MAX_SHARED_STRINGS_BYTES // 2**20} MB",
    ),
    Hostile(
        "import", "a part that unpacks past its declared size", lying_sizes, "liar_forged.xlsx", "Cannot read"
    ),
    Hostile(
        "import", "a cell of 5,001 digits", huge_integer_cell, "digits_forged.xlsx", "thousands of digits"
    ),
    # Accepted, correctly.
    Hostile("import", 'a CSV note with a "" escape past the first 8 KB', csv_note_later_escape),
    Hostile("import", "a CSV with semicolons", csv_semicolons),
    Hostile(
        "import",
        "a genuine 荔城区 owner born in 1996 (county created in 2002)",
        committed(800, lambda case: case.owner.id_number == BORN_1996, id_number=BORN_1996),
    ),
    Hostile(
        "import",
        "full-width room and name, stored normalised",
        committed(
            801,
            lambda case: case.unit.room == "1801" and case.owner.name == "ABC林某",
            room="１８０１",
            owner="ＡＢＣ林某",
        ),
    ),
]
