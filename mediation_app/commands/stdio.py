"""The command line's standard streams, which may be missing or unable to write Chinese.

Two situations the commands must survive, both seen on the service hall's Windows PCs:

- **No streams at all.** The windowed ``mediation-app.exe`` (and ``pythonw``) starts with
  ``sys.stdin``, ``sys.stdout`` and ``sys.stderr`` set to ``None``. ``print`` then does nothing,
  which is harmless; reading a line, asking for confirmation or testing ``isatty()`` would raise.
  Commands ask here instead: :func:`interactive`, :func:`ask`, :func:`read_line` and
  :func:`read_bytes` treat a missing stream as "nobody to ask, nothing to read"; the
  :class:`ArgumentParser` says its help, version and usage errors to nobody instead of raising.
- **A narrow code page.** Output redirected to a file or a pipe is encoded with the Windows code
  page unless Python runs in UTF-8 mode (the bundle does; ``pip install`` does not): cp1252 on an
  English-language PC cannot write any Chinese, and cp936 (GBK) cannot write rarer characters of
  names such as 䶮. :func:`prepare_output` makes ``sys.stdout`` and ``sys.stderr`` write every
  character: a GBK stream becomes GB18030 (the same bytes for every GBK character, and an encoding
  for all the others); any other legacy code page becomes UTF-8 when the output goes to a file or
  a pipe, and replaces what it cannot show (``?``) when it goes to a terminal of that code page.
  Nothing ever fails with ``UnicodeEncodeError``.
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

# Encodings that write every Unicode character: left as they are.
UNICODE_ENCODINGS = frozenset(
    {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "gb18030"}
)
# Simplified Chinese code pages that GB18030 extends byte for byte.
GBK_FAMILY = frozenset({"gbk", "gb2312"})


def _canonical(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding or "ascii").name
    except LookupError:
        return "ascii"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or not a real file
        return False


def widened(stream: TextIO | None) -> TextIO | None:
    """Reconfigure ``stream`` (in place) so that writing any text to it never fails; it, or None."""
    if stream is None:
        return None
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return stream
    encoding = _canonical(getattr(stream, "encoding", None))
    try:
        if encoding in UNICODE_ENCODINGS:
            pass
        elif encoding in GBK_FAMILY:
            reconfigure(encoding="gb18030")
        elif _is_terminal(stream):
            reconfigure(errors="replace")  # the terminal shows its code page and nothing more
        else:
            reconfigure(encoding="utf-8")
    except (ValueError, OSError, io.UnsupportedOperation):
        pass  # a stream that cannot change keeps what it has
    return stream


def prepare_output() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` write every character (see the module's docstring)."""
    widened(sys.stdout)
    widened(sys.stderr)


def show_progress(line: str, done: int, total: int) -> None:
    """Report progress on standard error: on a terminal ``line`` rewritten in place at every call
    (:func:`end_progress` ends it); in a log or a pipe a line of its own at every tenth of the way
    and at the end, so a log is not flooded; nothing when there is no stream."""
    stream = sys.stderr
    if stream is None:
        return
    if _is_terminal(stream):
        print("\r" + line, end="", file=stream, flush=True)
    elif done == total or done % max(1, total // 10) == 0:
        print(line, file=stream, flush=True)


def end_progress() -> None:
    """End a progress line rewritten in place (on a terminal; elsewhere each report ended its line)."""
    stream = sys.stderr
    if stream is not None and _is_terminal(stream):
        print(file=stream, flush=True)


def interactive() -> bool:
    """Whether a person can answer at a terminal (False when there is no standard input)."""
    stdin = sys.stdin
    return stdin is not None and _is_terminal(stdin)


def ask(question: str) -> str | None:
    """One line answering ``question``, or None when there is nobody to answer (no input, its end)."""
    if sys.stdin is None:
        return None
    try:
        return input(question)
    except (EOFError, RuntimeError):  # input ended, or the stream went away
        return None


def read_line() -> str | None:
    """One line of standard input without its line ending, or None when there is no input."""
    stdin = sys.stdin
    if stdin is None:
        return None
    try:
        line = stdin.readline()
    except (OSError, ValueError):
        return None
    return line.rstrip("\r\n") if line else None


def read_bytes() -> bytes | None:
    """All of standard input as bytes, or None when there is no standard input."""
    stdin = sys.stdin
    if stdin is None:
        return None
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    text = stdin.read()  # a text-only stand-in (tests): UTF-8 is what the commands expect
    return text.encode("utf-8")


def silence_stdout() -> None:
    """After the reader of a pipe went away (``| head``): send the rest of the output nowhere.

    Python flushes ``sys.stdout`` once more at exit; into a closed pipe that would raise again.
    Pointing the descriptor at the null device is what Python's documentation advises.
    """
    stdout = sys.stdout
    if stdout is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stdout.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, whose ``--help``, ``--version`` and usage errors end with their exit
    status when there is no stream to print them on (Python 3.11.2's argparse, Debian 12's, raises
    ``AttributeError`` there; 3.11.5 and later print nothing, as this does)."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if (file or sys.stderr) is not None:
            super()._print_message(message, file)
