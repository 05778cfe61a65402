"""No float anywhere near money: a scan of every module of the core for float.

Money is Decimal (and integer fen); a float would silently lose fen (0.1 + 0.2). The scan reads
the syntax tree of every module under ``mediation_app/`` and fails on any float literal
(``1.5``, ``1e3``), any use of the name ``float`` (``float(x)``, ``x: float``,
``isinstance(x, float)``) and any import of ``math`` (its functions return floats). A use that
has nothing to do with money goes in ``ALLOWED`` with the reason it was accepted, as narrowly as
it can be said (a module and a piece of the line; ``*`` for every line of a module); an entry
that no longer matches anything fails too, so the list stays reviewed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mediation_app

CORE = Path(mediation_app.__file__).resolve().parent

# (module path relative to the repository, a piece of the offending line or "*") → why it is
# not money. Reviewed when added; keep each as narrow as it can be.
ALLOWED: dict[tuple[str, str], str] = {
    ("mediation_app/clock.py", "**delta: float"): "timedelta keywords for moving a test clock",
    ("mediation_app/batch_import/cells.py", "*"): (
        "the spreadsheet boundary: openpyxl hands numbers over as float; amounts leave this module "
        "as exact text (repr → Decimal, binary noise trimmed at 6 places) before any money rule"
    ),
    ("mediation_app/demo/centre.py", "rng.random() <"): "probabilities for generated demo cases",
    ("mediation_app/demo/centre.py", "level_roll <"): "probabilities for generated demo cases",
    ("mediation_app/demo/identities.py", "rng.random() <"): "probabilities for generated demo names",
    ("mediation_app/demo/volume.py", "rng.random() <"): "probabilities for generated demo cases",
    ("mediation_app/documents/canonical.py", "isinstance(value, float)"): "refuses floats in document data",
    ("mediation_app/workflow/sms.py", "isinstance(value, float)"): "refuses a float amount in an SMS",
    ("mediation_app/adapters/sms_gateways.py", "timeout: float = 10.0"): "HTTP timeout in seconds",
    ("mediation_app/workflow/sms_length.py", "import math"): "math.ceil of SMS parts, integers only",
    ("mediation_app/exports/case_list.py", "list[tuple[str, float]]"): "spreadsheet column widths",
    ("mediation_app/exports/sheet.py", "widths: Iterable[float]"): "spreadsheet column widths",
}


def allowed(relative: str, line: str) -> tuple[str, str] | None:
    for module, piece in ALLOWED:
        if module == relative and (piece == "*" or piece in line):
            return (module, piece)
    return None


def float_uses(source: str) -> list[tuple[int, str]]:
    """``(line number, what)`` for each float literal, use of ``float`` and import of ``math``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, float | complex):
            found.append((node.lineno, f"float literal {node.value!r}"))
        elif isinstance(node, ast.Name) and node.id == "float":
            found.append((node.lineno, "the name float"))
        elif isinstance(node, ast.Attribute) and node.attr == "float":
            found.append((node.lineno, "an attribute named float"))
        elif isinstance(node, ast.Import) and any(alias.name == "math" for alias in node.names):
            found.append((node.lineno, "import math"))
        elif isinstance(node, ast.ImportFrom) and node.module == "math":
            found.append((node.lineno, "from math import"))
    # String annotations (``from __future__ import annotations`` keeps them as code, but a
    # quoted one is a string): look inside those too.
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.arg | ast.AnnAssign) and isinstance(node.annotation, ast.Constant):
            text = node.annotation.value
            if isinstance(text, str) and "float" in text:
                found.append((node.lineno, "a quoted annotation naming float"))
    return found


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_scan_finds_floats() -> None:
    """The scan can fail: each of these is caught."""
    for snippet in (
        "fee = float(amount)",
        "rate = 0.0003",
        "big = 1e3",
        "def f(x: float) -> None: ...",
        "ok = isinstance(x, float)",
        "import math",
        "from math import floor",
        "x = numpy.float",
        "def f(x: 'float') -> None: ...",
    ):
        assert float_uses(snippet), snippet
    for clean in ("fee = Decimal('0.0003')", "n = 3 // 2", "text = 'a float in a string'"):
        assert not float_uses(clean), clean


def test_no_float_in_the_core() -> None:
    root = CORE.parent
    seen: set[tuple[str, str]] = set()
    offences = []
    for path in core_modules():
        relative = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for line_number, what in float_uses(source):
            line = lines[line_number - 1].strip()
            entry = allowed(relative, line)
            if entry is not None:
                seen.add(entry)
            else:
                offences.append(f"{relative}:{line_number}: {what}: {line}")
    assert not offences, "float in the core (use Decimal, or add a reviewed ALLOWED entry):\n" + "\n".join(
        offences
    )
    assert seen == set(ALLOWED), f"stale ALLOWED entries: {set(ALLOWED) - seen}"


def test_the_allowlist_is_narrow() -> None:
    """Nothing money-related is waved through: no entry covers the calculator or money.py."""
    for module, _piece in ALLOWED:
        assert not module.startswith(
            ("mediation_app/fees/", "mediation_app/money.py", "mediation_app/commands/calc")
        )
    assert allowed("mediation_app/fees/calculator.py", "x = float(y)") is None
    assert allowed("mediation_app/clock.py", "rate = 0.5") is None


def test_the_scan_covers_the_money_modules() -> None:
    names = {path.relative_to(CORE).as_posix() for path in core_modules()}
    assert {"money.py", "fees/calculator.py", "fees/json_io.py", "commands/calc.py"} <= names
