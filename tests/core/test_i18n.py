"""A language spoken for a moment stays where it is spoken: a final document made in Chinese on a
worker thread never changes the language of the screens, nor the screens that of the document."""

from __future__ import annotations

import threading

from mediation_app.i18n import _, language, set_language, speaking

MESSAGE = "Settlement Agreement"


def test_speaking_is_local_to_the_block_and_to_the_thread() -> None:
    set_language("en")
    heard: dict[str, str] = {}
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with speaking("zh_CN"):
            heard["worker"] = _(MESSAGE)
            inside.set()
            release.wait(5)
            heard["worker, later"] = _(MESSAGE)
        heard["worker, after"] = language()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    heard["screen, meanwhile"] = _(MESSAGE)
    release.set()
    thread.join(5)
    assert heard == {
        "worker": "调解协议书",
        "worker, later": "调解协议书",
        "screen, meanwhile": MESSAGE,
        "worker, after": "en",
    }


def test_the_application_language_and_a_nested_block() -> None:
    set_language("zh_CN")
    with speaking("en"):
        assert language() == "en" and _(MESSAGE) == MESSAGE
    assert language() == "zh_CN" and _(MESSAGE) == "调解协议书"
