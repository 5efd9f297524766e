"""Settings and pause: choices take effect at once and survive a restart."""

import sys
import types

import pygame
import pytest

from game.app import App
from game.scenes.base import Scene
from game.scenes.level_select import LevelSelectScene
from game.scenes.pause import PauseScene
from game.scenes.settings_menu import SettingsScene
from game.scenes.title import TitleScene
from game.scenes.world_map import WorldMapScene


def press(app, *keys):
    for key in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                             scancode=0))
        app.step_frame()


def button(scene, key):
    return scene.row.buttons[scene.keys.index(key)]


def test_settings_open_from_the_title_by_keyboard(app):
    app.step_frame()
    press(app, pygame.K_TAB)  # Play -> settings
    press(app, pygame.K_RETURN)
    assert isinstance(app.ctx.stack.top, SettingsScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.ctx.stack.top, TitleScene)


def new_app(data_dir, levels, fake_time):
    return App(data_dir=data_dir, levels=levels, time_source=fake_time)


def test_language_mute_and_volume_survive_a_restart(data_dir, fake_time, levels):
    first = new_app(data_dir, levels, fake_time)
    assert first.settings.language == "nl" and not first.settings.muted
    scene = SettingsScene(first.ctx)
    first.ctx.stack.push(scene)
    button(scene, "lang:en").on_click()
    scene.show("sound")  # the Sound page
    button(scene, "mute").on_click()
    button(scene, "quieter").on_click()
    first.step_frame()
    first.close()
    again = new_app(data_dir, levels, fake_time)
    try:
        assert again.settings.language == "en"
        assert again.settings.muted and again.ctx.audio.muted
        assert again.settings.effects_volume == pytest.approx(0.4)
    finally:
        again.close()


def test_switching_language_replaces_the_translator_and_rebuilds_buttons(app):
    scene = SettingsScene(app.ctx)
    app.ctx.stack.push(scene)
    before = app.ctx.gettext
    old_button = button(scene, "lang:nl")
    old_button.on_click()
    assert app.ctx.gettext is not before
    assert button(scene, "lang:nl") is not old_button
    assert scene.row.focus == scene.keys.index("lang:nl")  # the focus stays put
    app.step_frame()


def test_progress_survives_a_restart_and_shows_on_the_cards(data_dir, fake_time, levels):
    first = new_app(data_dir, levels, fake_time)
    first.store.record_result("city-01", 3, True, 3, 0)
    first.close()
    again = new_app(data_dir, levels, fake_time)
    try:
        scene = LevelSelectScene(again.ctx, "city")
        again.ctx.stack.push(scene)
        again.step_frame()
        assert again.store.best_stars("city-01") == 3
        assert scene.next_level() == 1 and scene.focus == 1  # the next unsolved level
    finally:
        again.close()


def test_a_corrupt_data_folder_still_starts_the_game(data_dir, fake_time, levels, capsys):
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_bytes(b"\xff\xfe garbage")
    (data_dir / "progress.json").write_text("{{{{")
    game = App(data_dir=data_dir, levels=levels, time_source=fake_time)
    try:
        game.run_frames(2)
        assert isinstance(game.ctx.stack.top, TitleScene)
        assert capsys.readouterr().err.count("warning") == 2
    finally:
        game.close()


class FakePlay(Scene):
    def __init__(self, ctx, level):
        super().__init__(ctx)
        self.level = level


@pytest.fixture
def in_a_level(app, levels, monkeypatch):
    module = types.ModuleType("game.scenes.play")
    module.PlayScene = FakePlay
    monkeypatch.setitem(sys.modules, "game.scenes.play", module)
    app.ctx.stack.push(WorldMapScene(app.ctx))
    app.ctx.stack.push(LevelSelectScene(app.ctx, "city"))
    play = FakePlay(app.ctx, levels[0])
    app.ctx.stack.push(play)
    app.ctx.stack.push(PauseScene(app.ctx, levels[0]))
    app.step_frame()
    return play


def test_pause_is_an_overlay_that_blocks_the_level(app, in_a_level):
    assert not PauseScene.opaque
    assert app.ctx.stack.scenes[-2] is in_a_level
    press(app, pygame.K_ESCAPE)  # BACK on the pause card: go on playing
    assert app.ctx.stack.top is in_a_level


def test_pause_restart_makes_a_fresh_level(app, in_a_level):
    press(app, pygame.K_DOWN, pygame.K_RETURN)
    top = app.ctx.stack.top
    assert isinstance(top, FakePlay) and top is not in_a_level
    assert top.level is in_a_level.level


def test_pause_back_to_levels(app, in_a_level):
    press(app, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RETURN)
    assert isinstance(app.ctx.stack.top, LevelSelectScene)


def test_pause_mute(app, in_a_level):
    scene = app.ctx.stack.top
    scene.row.buttons[3].on_click()
    assert app.settings.muted
