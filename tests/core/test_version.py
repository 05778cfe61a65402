"""One version number: pyproject's, read through the package metadata, shown by --version."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from mediation_app import __version__
from mediation_app.cli import main


def test_version_comes_from_the_package_metadata_and_the_command_shows_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert __version__ == version("mediation-app")
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"mediation-app {__version__}"
