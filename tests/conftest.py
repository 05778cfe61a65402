"""Suite-wide set-up: headless Qt, a private data directory, the default language."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402

from mediation_app.i18n import DEFAULT_LANGUAGE, set_language  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user's data directory."""
    monkeypatch.setenv("MEDIATION_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("MEDIATION_DB_URL", raising=False)


@pytest.fixture(autouse=True)
def _default_language() -> None:
    set_language(DEFAULT_LANGUAGE)
