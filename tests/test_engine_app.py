"""The real App, headless: window sizes, global keys, touch, and the loop's bookkeeping."""

import pygame
import pytest

from game.scenes.title import PLAY_RECT, TitleScene
from game.scenes.world_map import WorldMapScene


def post_key(key, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                         scancode=0))


def click_window(app, pos):
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))
    app.step_frame()


def resize(app, size):
    pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
    app.step_frame()


def test_it_starts_on_the_title_and_draws(app):
    app.run_frames(3)
    assert isinstance(app.ctx.stack.top, TitleScene)
    assert app.surface.get_size() == (1280, 720)
    # Something friendly was drawn, not just the letterbox colour.
    assert len({app.surface.get_at((x, 360))[:3] for x in range(0, 1280, 40)}) > 2


@pytest.mark.parametrize(("size", "scale"), [((1366, 768), 768 / 720), ((1920, 1080), 1.5)])
def test_resizing_keeps_the_logical_mapping(app, size, scale):
    resize(app, size)
    assert app.view.window_size == size
    assert app.view.scale == pytest.approx(scale)
    # the logical centre is the window's centre, and a click maps back to where it was aimed
    cx, cy = app.view.point((640, 360))
    assert abs(cx - size[0] / 2) <= 1 and abs(cy - size[1] / 2) <= 1
    assert app.view.to_logical(app.view.point((100, 650))) == pytest.approx((100, 650), abs=1)
    click_window(app, app.view.point(PLAY_RECT.center))
    assert isinstance(app.ctx.stack.top, WorldMapScene)


def test_a_wide_window_gets_letterbox_bars_in_ink(app):
    resize(app, (1600, 720))
    app.step_frame()
    assert app.view.offset[0] == pytest.approx(160)
    assert app.surface.get_at((20, 360))[:3] == (0x2B, 0x2D, 0x42)


def test_art_is_rendered_again_at_the_new_size(app):
    before = app.art
    resize(app, (1920, 1080))
    assert app.art is not before and app.ctx.art is app.art


def test_f11_toggles_fullscreen_and_remembers_it(app):
    post_key(pygame.K_F11)
    app.step_frame()
    assert app.settings.fullscreen
    post_key(pygame.K_F11)
    app.step_frame()
    assert not app.settings.fullscreen
    assert app.surface.get_size() == (1280, 720)


def test_m_mutes_everywhere(app):
    post_key(pygame.K_m)
    app.step_frame()
    assert app.settings.muted and app.ctx.audio.muted
    post_key(pygame.K_m)
    app.step_frame()
    assert not app.settings.muted


def test_closing_the_window_ends_the_loop(app):
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.step_frame() is False


def test_a_tap_works_like_a_click(app):
    app.step_frame()
    x, y = app.view.point(PLAY_RECT.center)
    w, h = app.surface.get_size()
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        pygame.event.post(pygame.event.Event(kind, x=x / w, y=y / h, dx=0.0, dy=0.0,
                                             finger_id=7, touch_id=1, pressure=1.0))
    app.step_frame()
    assert isinstance(app.ctx.stack.top, WorldMapScene)


def test_updates_follow_the_fixed_step(app, fake_time):
    app.step_frame()
    scene = app.ctx.stack.top
    t0 = scene.t
    fake_time.advance(0.5)
    app.step_frame()  # a stall: at most five steps are run
    assert scene.t - t0 == pytest.approx(5 / 60)
    fake_time.advance(2 / 60)
    app.step_frame()
    assert scene.t - t0 == pytest.approx(7 / 60)


def test_levels_are_loaded_after_the_first_frame(data_dir, fake_time, monkeypatch):
    from game import app as app_module

    calls = []
    monkeypatch.setattr(app_module, "load_catalogue", lambda folder: calls.append(folder) or [])
    game = app_module.App(data_dir=data_dir, time_source=fake_time)
    try:
        assert game.ctx.levels is None and calls == []
        game.run_frames(2)
        assert game.ctx.levels is not None and len(game.ctx.levels) == 0 and len(calls) == 1
    finally:
        game.close()


def test_the_real_levels_folder_loads_without_crashing(data_dir, fake_time):
    from game.app import App

    game = App(data_dir=data_dir, time_source=fake_time)
    try:
        game.run_frames(3)
        assert game.ctx.levels is not None
    finally:
        game.close()


def test_command_line_choices_are_not_saved_as_settings(data_dir, fake_time):
    from game.app import App
    from game.settings import Settings

    game = App(lang="en", fullscreen=False, data_dir=data_dir, time_source=fake_time, levels=[])
    game.run_frames(2)
    game.close()
    assert Settings.load(data_dir).language == "nl"
