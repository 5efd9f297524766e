"""Remapped keys: a pupil puts Test on F5, and from then on F5 tests and T does nothing.

The remap lives in ``Settings.keys`` (intent name -> key names); the App's input mapper
follows it at once, it survives a restart through the settings file, and a bad saved name
costs one warning line, never the game.
"""

from __future__ import annotations

import json

import pygame
import pytest

from game.input import (
    DEFAULT_KEYS,
    FIXED_KEYS,
    REMAPPABLE,
    InputMapper,
    Intent,
    conflicts,
    key_name,
    keymap_from,
    keys_for,
    parse_key,
)
from game.scenes.play import STOP_GUARD
from game.settings import Settings
from tests.play_helpers import post_key, settle, start_play, street_level


def key_event(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def press(app, k: int, mod: int = 0) -> None:
    post_key(k, mod)
    app.step_frame()


def test_test_on_f5_starts_the_run_and_t_no_longer_does(app, fake_time):
    play = start_play(app)
    app.settings.keys = {"test": ["f5"]}  # what the Keys page does; no restart, no call
    press(app, pygame.K_t)
    assert play.mode == "edit", "the old key T must not test any more"
    press(app, pygame.K_F5)
    assert play.mode == "run"
    settle(app, fake_time, STOP_GUARD + 0.1)  # a real second press, not a double click
    press(app, pygame.K_F5)  # the same key stops the run again
    assert play.mode == "edit"
    app.settings.keys = {}  # back to the usual keys, again at once
    press(app, pygame.K_t)
    assert play.mode == "run"


def test_the_remap_survives_a_restart(data_dir, fake_time, capsys):
    from game.app import App

    first = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
                levels=[street_level()], time_source=fake_time)
    first.settings.keys = {"test": ["f5"], "undo": ["ctrl+u"]}
    first.settings.save()
    first.close()
    saved = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["keys"] == {"test": ["f5"], "undo": ["ctrl+u"]}

    again = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
                levels=[street_level()], time_source=fake_time)
    try:
        assert again.settings.keys == {"test": ["f5"], "undo": ["ctrl+u"]}
        play = start_play(again)
        press(again, pygame.K_F5)
        assert play.mode == "run"
        assert again.mapper.actions(key_event(pygame.K_u, pygame.KMOD_LCTRL)) == [
            pygame_action(Intent.UNDO)]
        assert again.mapper.actions(key_event(pygame.K_z, pygame.KMOD_LCTRL)) == []
    finally:
        again.close()
    assert "warning" not in capsys.readouterr().err


def pygame_action(intent: Intent):
    from game.input import Action

    return Action(intent)


def test_a_bad_saved_key_name_is_ignored_with_one_warning_line(data_dir, fake_time, capsys):
    from game.app import App

    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_text(json.dumps(
        {"keys": {"test": ["no-such-key"], "hint": ["f6"]}}), encoding="utf-8")
    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              levels=[street_level()], time_source=fake_time)
    try:
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if "warning" in line]
        assert len(lines) == 1, err
        assert "test" in lines[0] and "no-such-key" in lines[0]
        play = start_play(app)
        press(app, pygame.K_t)  # the bad name left Test on its usual key
        assert play.mode == "run"
        settle(app, fake_time, STOP_GUARD + 0.1)  # a real second press, not a double click
        press(app, pygame.K_t)
        hints = play.hints_used
        press(app, pygame.K_F6)  # the good entry beside it still counts
        assert play.hints_used == hints + 1
    finally:
        app.close()
    # the settings file keeps the pupil's entry as it was (a later version may know the key)
    assert Settings.load(data_dir).keys["test"] == ["no-such-key"]


def test_fixed_keys_cannot_be_taken_and_always_work():
    keymap, problems = keymap_from({"select": ["f2"], "test": ["escape"]})
    assert len(problems) == 1 and "escape" in problems[0]
    assert keymap[parse_key("return")] == Intent.SELECT  # Enter still chooses
    assert keymap[parse_key("f2")] == Intent.SELECT
    assert parse_key("space") not in keymap  # Space was a default of the remapped Select
    assert keymap[parse_key("escape")] == Intent.BACK
    assert keymap[parse_key("t")] == Intent.TEST  # the bad entry kept Test's own key
    for combo, intent in FIXED_KEYS.items():
        assert keymap[combo] == intent


def test_capture_next_key_hands_the_key_over_instead_of_acting():
    mapper = InputMapper(lambda p: p)
    got: list = []
    mapper.capture_next_key(got.append)
    assert mapper.actions(key_event(pygame.K_LSHIFT, pygame.KMOD_LSHIFT)) == []  # a modifier
    assert mapper.capturing
    assert mapper.actions(key_event(pygame.K_t, pygame.KMOD_LCTRL)) == []  # not an action
    assert got == ["ctrl+t"] and not mapper.capturing
    assert mapper.actions(key_event(pygame.K_t)) == [pygame_action(Intent.TEST)]
    mapper.capture_next_key(got.append)
    mapper.actions(key_event(pygame.K_ESCAPE))
    assert got == ["ctrl+t", None]  # Escape: changed their mind


def test_key_names_conflicts_and_the_keys_of_an_intent():
    assert key_name("ctrl+z") == "Ctrl+Z"
    assert key_name("f5") == "F5"
    assert key_name("space") == "Space"
    assert key_name(pygame.K_TAB) == "Tab"
    # as printed on the keys: arrows, Enter, Esc
    assert [key_name(k) for k in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT)] \
        == ["\u2191", "\u2193", "\u2190", "\u2192"]
    assert key_name(pygame.K_RETURN) == "Enter" and key_name("escape") == "Esc"
    assert key_name("shift+left") == "Shift+\u2190"
    assert parse_key("Shift+R") == (pygame.K_r, False, True)
    assert parse_key("ctrl+nonsense") is None
    assert parse_key("alt+x") is None
    assert conflicts({"test": ["h"]}) == {"h": ["hint", "test"]}
    assert conflicts({"test": ["h"], "hint": ["f6"]}) == {}
    assert sorted(keys_for(DEFAULT_KEYS, Intent.SELECT)) == ["enter", "return", "space"]
    assert keys_for(keymap_from({"test": ["f5"]})[0], Intent.TEST) == ["f5"]
    every_default = {i for i in DEFAULT_KEYS.values()}
    assert set(REMAPPABLE) <= every_default  # each remappable intent has a usual key


@pytest.mark.parametrize("intent", REMAPPABLE)
def test_every_remappable_intent_can_move_to_f9(intent):
    keymap, problems = keymap_from({intent.name.lower(): ["f9"]})
    assert problems == []
    assert keymap[(pygame.K_F9, False, False)] == intent


def test_a_pupils_own_settings_bring_their_own_keys(app):
    play = start_play(app)
    own = Settings(keys={"test": ["f8"]})  # a pupil's profile put in force
    app.ctx.settings = own
    press(app, pygame.K_F8)
    assert play.mode == "run"
