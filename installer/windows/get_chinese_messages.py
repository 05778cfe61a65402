"""Put the setup program's Chinese messages beside the script: ``installer/windows/ChineseSimplified.isl``.

    python installer/windows/get_chinese_messages.py [--from FILE]

The setup program speaks Simplified Chinese by default (``mediation-app.iss``), with the messages
of the Inno Setup project's own Chinese (Simplified) translation: ``ChineseSimplified.isl`` in
``Files/Languages/Unofficial/`` of the Inno Setup source repository (jrsoftware/issrc), the file
https://jrsoftware.org/files/istrans/ links to. Inno Setup's installer does not ship it, and this
repository does not carry a copy: this script downloads it from that repository at a fixed commit
(:data:`COMMIT`, the version for Inno Setup 6.5 and later), so every build gets the same file from
its authors. ``--from FILE`` takes a copy downloaded by hand instead (a PC without internet).

Either way the file is checked before it is written (the Chinese Simplified language, LanguageID
$0804, its [Messages] section): a wrong file or an error page is refused, exit status 1. It is
written as UTF-8 with a byte-order mark and Windows line ends, which every Inno Setup 6 reads as
Unicode. The setup script refuses to compile without it.
"""

from __future__ import annotations

import argparse
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "ChineseSimplified.isl"
REPOSITORY = "jrsoftware/issrc"
COMMIT = "09b24879e5be49278ef223dc3d1b07c856369ea2"
PATH_IN_REPOSITORY = "Files/Languages/Unofficial/ChineseSimplified.isl"
URL = f"https://raw.githubusercontent.com/{REPOSITORY}/{COMMIT}/{PATH_IN_REPOSITORY}"
# What the right file says about itself (its [LangOptions]) and must hold.
REQUIRED = (
    "Chinese Simplified messages",
    "LanguageID=$0804",
    "[LangOptions]",
    "[Messages]",
    "[CustomMessages]",
)
TIMEOUT_SECONDS = 60


class NotTheMessages(ValueError):
    """The text is not Inno Setup's Chinese (Simplified) messages file."""


def checked_text(raw: bytes) -> str:
    """The messages file's text, with Windows line ends; NotTheMessages when it is not that file."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotTheMessages("the file is not UTF-8 text") from exc
    missing = [marker for marker in REQUIRED if marker not in text]
    if missing:
        raise NotTheMessages(f"not the Chinese (Simplified) messages file: no {', '.join(missing)}")
    return "\r\n".join(text.splitlines()) + "\r\n"


def write(text: str, target: Path = TARGET) -> Path:
    target.write_bytes(text.encode("utf-8-sig"))  # UTF-8 with BOM
    return target


def download(url: str = URL) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        data: bytes = response.read()
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--from", dest="source", type=Path, help="a copy of the file downloaded by hand")
    parser.add_argument("--out", type=Path, default=TARGET, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    origin = str(args.source) if args.source else URL
    try:
        raw = args.source.read_bytes() if args.source else download()
        target = write(checked_text(raw), args.out)
    except (OSError, NotTheMessages) as exc:
        print(f"error: {origin}: {exc}", file=sys.stderr)
        if not args.source:
            print(f"Download it by hand from {URL} and run this with --from FILE.", file=sys.stderr)
        return 1
    print(f"wrote {target} from {origin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
