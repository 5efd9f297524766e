"""The monkey: a short run of seeded random input (clicks, drags, keys, typing, the wheel,
resizes, focus loss, quit requests) on every screen of the gallery, each in a game of its own
(a fresh seeded store, so what the monkey deletes on one screen is there on the next). The game
must never raise. A failure prints its state and seed and the command that replays it;
bench/monkey.py runs 10,000 events a screen."""

from __future__ import annotations

import zlib

import pytest

from tests.monkey import run_state
from tests.scene_gallery import STATE_NAMES, gallery_app

EVENTS = 80  # a screen (a smoke run: a few dozen gestures); bench/monkey.py runs 10,000


def seed_of(state: str) -> int:
    """The same seed every run for a state (a failure must replay)."""
    return zlib.crc32(state.encode())


def _monkey(tmp_path, fake_time, monkeypatch, state: str) -> None:
    import game.scenes.exports as exports

    viewed = []
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: viewed.append(path) or True)
    app = gallery_app(tmp_path / "data", fake_time)
    try:
        assert run_state(app, fake_time, state, seed_of(state), EVENTS) >= EVENTS
    finally:
        app.close()


# Four groups of screens: pytest-xdist (--dist loadscope) runs each class on one worker, so the
# groups share the machine's cores.
def pytest_generate_tests(metafunc):
    if metafunc.cls is not None and issubclass(metafunc.cls, _Screens):
        metafunc.parametrize("state", metafunc.cls.STATES)


class _Screens:
    STATES: tuple[str, ...] = ()

    def test_random_input_never_breaks_the_game(self, tmp_path, fake_time, monkeypatch, state):
        _monkey(tmp_path, fake_time, monkeypatch, state)


class TestMonkeyA(_Screens):
    STATES = STATE_NAMES[0::4]


class TestMonkeyB(_Screens):
    STATES = STATE_NAMES[1::4]


class TestMonkeyC(_Screens):
    STATES = STATE_NAMES[2::4]


class TestMonkeyD(_Screens):
    STATES = STATE_NAMES[3::4]


def test_a_failure_names_its_seed_and_how_to_replay_it(tmp_path, fake_time, monkeypatch):
    """A game that breaks under the monkey is reported with what replays it."""
    from game.scenes.title import TitleScene
    from tests.monkey import MonkeyFailure

    def broken(self, action):
        raise RuntimeError("boom")

    monkeypatch.setattr(TitleScene, "handle", broken)
    app = gallery_app(tmp_path / "data", fake_time)
    try:
        with pytest.raises(MonkeyFailure) as failure:
            run_state(app, fake_time, "title", 77, 500)
    finally:
        app.close()
    text = str(failure.value)
    assert "seed 77" in text and "boom" in text
    assert "python bench/monkey.py --state title --seed 77" in text
