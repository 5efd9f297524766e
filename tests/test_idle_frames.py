"""The real loop draws only what changed and sleeps while nothing does (issue 8: a screen nobody
touches must cost a school laptop next to nothing). Counted, never timed: frames are stepped
with the ManualTime clock and what reaches the window is counted."""

import pygame
import pytest

from game.app import HEARTBEAT, INPUT_GRACE
from game.scenes.play import GUIDE_BOB_FPS, PlayScene
from game.scenes.title import MOTION_FPS, TitleScene

STEP = 1 / 60


@pytest.fixture
def shown(monkeypatch):
    """What the App puts on the window: whole frames (flip) and parts (update with rects)."""
    seen = {"whole": 0, "parts": 0}
    real_flip, real_update = pygame.display.flip, pygame.display.update

    def flip():
        seen["whole"] += 1
        real_flip()

    def update(rects=None):
        if rects is None:
            seen["whole"] += 1
        else:
            seen["parts"] += 1
        real_update(rects)

    monkeypatch.setattr(pygame.display, "flip", flip)
    monkeypatch.setattr(pygame.display, "update", update)
    return seen


def settle(app, fake_time, seconds):
    """Frames as the real loop runs them (lazy), ``seconds`` of them at 60 a second."""
    for _ in range(round(seconds * 60)):
        fake_time.advance(STEP)
        app.step_frame()


def next_part(app, fake_time, shown) -> None:
    """Step until the next part of a frame is shown (it shows the scene as it is now)."""
    parts = shown["parts"]
    for _ in range(60):
        fake_time.advance(STEP)
        app.step_frame()
        if shown["parts"] > parts:
            return
    raise AssertionError("no part of a frame shown in a second")


def whole_picture(app) -> bytes:
    """The frame as a full draw would make it now (the test's own draw, then put back)."""
    before = app.surface.copy()
    app.draw()
    full = pygame.image.tobytes(app.surface, "RGB")
    app.surface.blit(before, (0, 0))
    return full


def moves_in_parts(app, fake_time, shown, rate) -> None:
    """For a second nothing is drawn whole, ``rate`` parts a second are shown, and each part
    drawn over the last picture gives exactly the picture a whole draw gives."""
    shown.update(whole=0, parts=0)
    settle(app, fake_time, 1.0)
    assert shown["whole"] == 0
    assert rate - 1 <= shown["parts"] <= rate + 1
    for _ in range(3):
        next_part(app, fake_time, shown)
        assert pygame.image.tobytes(app.surface, "RGB") == whole_picture(app)


def lazy(app, fake_time):
    app.run_frames(3)  # the levels and the school store come after the first frame
    app.lazy = True
    settle(app, fake_time, INPUT_GRACE + 0.1)  # the start counts as input: full rate a while


def test_a_still_title_is_not_drawn_again_until_something_happens(app, fake_time, shown):
    app.settings.reduce_motion = True  # calmer motion: nothing on the title moves
    lazy(app, fake_time)
    assert isinstance(app.ctx.stack.top, TitleScene)
    assert app.idle_rate() == 0.0
    shown.update(whole=0, parts=0)
    settle(app, fake_time, HEARTBEAT * 0.9)
    assert shown == {"whole": 0, "parts": 0}
    # the pointer moves over the Play button: drawn at once (it lights up), in full
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=app.view.point((640, 490)),
                                         rel=(1, 1), buttons=(0, 0, 0)))
    fake_time.advance(STEP)
    app.step_frame()
    assert shown["whole"] == 1
    assert app.idle_rate() is None  # and at the full rate for a moment after input


def test_without_lazy_every_step_draws_as_tests_expect(app, fake_time, shown):
    app.settings.reduce_motion = True
    app.run_frames(3)
    shown.update(whole=0, parts=0)
    settle(app, fake_time, 0.5)
    assert shown["whole"] == 30


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_title_sways_a_few_times_a_second_only_where_it_moves(app, fake_time, shown, lang):
    if lang == "ar":
        app.settings.language = "ar"
        app.ctx.stack.top.enter()
    lazy(app, fake_time)
    assert app.idle_rate() == MOTION_FPS
    moves_in_parts(app, fake_time, shown, MOTION_FPS)


def test_the_slow_sway_keeps_its_pace_when_the_loop_sleeps(app, fake_time):
    lazy(app, fake_time)
    title = app.ctx.stack.top
    app.wait()  # sleeps (a twelfth of a second, real time) until the next sway is due
    before = title.t
    fake_time.advance(0.5)  # the loop slept longer than the clock's catch-up of 5 steps
    app.step_frame()
    assert title.t - before == pytest.approx(0.5, abs=STEP)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_unchanged_play_screen_redraws_only_noors_corner(app, fake_time, shown, lang):
    app.settings.language = lang  # Arabic: the top bar is mirrored, the board kept
    app.run_frames(3)
    level = next(iter(app.ctx.levels))
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    lazy(app, fake_time)
    assert app.idle_rate() == GUIDE_BOB_FPS
    shown.update(whole=0, parts=0)
    settle(app, fake_time, 1.0)
    assert shown["whole"] == 0
    assert GUIDE_BOB_FPS - 1 <= shown["parts"] <= GUIDE_BOB_FPS + 1
    next_part(app, fake_time, shown)
    assert pygame.image.tobytes(app.surface, "RGB") == whole_picture(app)
    # a note that goes away by itself: every frame until it has gone, then whole once more
    scene.say("Try again.", "thinking")
    assert app.idle_rate() is None
    shown.update(whole=0, parts=0)
    settle(app, fake_time, 0.5)
    assert shown["whole"] == 30
    settle(app, fake_time, scene.message_left + 0.2)
    assert app.idle_rate() == GUIDE_BOB_FPS
    next_part(app, fake_time, shown)
    assert pygame.image.tobytes(app.surface, "RGB") == whole_picture(app)


def test_a_change_of_screen_is_drawn_in_full(app, fake_time, shown):
    app.settings.reduce_motion = True
    lazy(app, fake_time)
    shown.update(whole=0, parts=0)
    from game.scenes.settings_menu import SettingsScene

    app.ctx.stack.push(SettingsScene(app.ctx))  # not by input: a screen opened by the game
    fake_time.advance(STEP)
    app.step_frame()
    assert shown["whole"] == 1


def test_a_screen_without_an_update_of_its_own_sleeps(app, fake_time, shown):
    from game.scenes.pause import PauseScene
    from game.scenes.settings_menu import SettingsScene

    app.run_frames(3)
    app.ctx.stack.push(PlayScene(app.ctx, next(iter(app.ctx.levels))))
    lazy(app, fake_time)
    for scene in (PauseScene(app.ctx, next(iter(app.ctx.levels))), SettingsScene(app.ctx)):
        app.ctx.stack.push(scene)
        shown.update(whole=0, parts=0)
        settle(app, fake_time, HEARTBEAT * 0.9)
        assert app.idle_rate() == 0.0
        assert shown == {"whole": 1, "parts": 0}  # the new screen, once
    # while a scene with an update of its own, that says nothing more, is drawn every frame
    from game.scenes.base import Scene

    class Ticking(Scene):
        def update(self, dt):
            self.ticks = getattr(self, "ticks", 0) + 1

    app.ctx.stack.push(Ticking(app.ctx))
    settle(app, fake_time, INPUT_GRACE + 0.1)
    assert app.idle_rate() is None
    shown.update(whole=0, parts=0)
    settle(app, fake_time, 0.5)
    assert shown["whole"] == 30


def test_the_loop_naps_until_the_next_frame_and_not_at_all_with_input_waiting(
        app, fake_time, monkeypatch):
    from game import app as app_module

    app.settings.reduce_motion = True
    lazy(app, fake_time)
    naps = []

    class Clock:  # the time module as game.app sees it: naps are counted, not slept
        now = 100.0

        def perf_counter(self):
            return self.now

        def sleep(self, seconds):
            naps.append(seconds)
            self.now += seconds

    monkeypatch.setattr(app_module, "time", Clock())
    app.wait()  # a still screen: naps of at most a frame until the safety-net frame is due
    assert naps and max(naps) <= 1 / 60 + 1e-9
    assert sum(naps) == pytest.approx(HEARTBEAT - (fake_time.now - app._last_full))
    naps.clear()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="",
                                         scancode=0))
    app.wait()
    assert naps == []  # input is waiting: the next frame comes at once
    app.step_frame()
    assert app.idle_rate() is None  # and runs at the full rate for a moment


def test_the_world_map_bobs_a_few_times_a_second_and_places_the_towns_once(
        app, fake_time, monkeypatch):
    from game.scenes import world_map
    from game.scenes.world_map import BOB_FPS, WorldMapScene

    app.run_frames(3)
    scene = WorldMapScene(app.ctx)
    app.ctx.stack.push(scene)
    lazy(app, fake_time)
    assert app.idle_rate() == BOB_FPS
    scene.toast.show("Coming soon!")
    assert app.idle_rate() is None  # a note that goes away by itself: every frame
    scene.toast.left = 0
    asked = []
    real = world_map.town_rect
    monkeypatch.setattr(world_map, "town_rect", lambda *a: asked.append(a) or real(*a))
    scene._town_spots.clear()
    app.draw()
    first = pygame.image.tobytes(app.surface, "RGB")
    assert asked  # the names were placed
    asked.clear()
    app.draw()  # the same picture: the placement is not searched again
    assert asked == []
    assert pygame.image.tobytes(app.surface, "RGB") == first


def test_the_same_words_are_not_rendered_again_next_frame(app, fake_time, monkeypatch):
    app.run_frames(3)
    rendered = []
    real = app.fonts.render
    monkeypatch.setattr(app.fonts, "render", lambda *a: rendered.append(a[0]) or real(*a))
    app.view.texts.clear()
    app.draw()
    assert rendered  # the title's texts, once
    first = pygame.image.tobytes(app.surface, "RGB")
    rendered.clear()
    app.draw()
    assert rendered == []
    assert pygame.image.tobytes(app.surface, "RGB") == first


def test_level_select_hops_a_few_times_a_second(app, fake_time):
    from game.scenes.level_select import HOP_FPS, LevelSelectScene

    app.run_frames(3)
    scene = LevelSelectScene(app.ctx, "city")
    app.ctx.stack.push(scene)
    lazy(app, fake_time)
    assert app.idle_rate() == HOP_FPS
    scene.toast.show("Coming soon!")
    assert app.idle_rate() is None
    app.settings.reduce_motion = True
    scene.toast.left = 0
    assert app.idle_rate() == 0.0


def test_a_tooltip_over_a_moving_thing_stays_on_top(app, fake_time, shown):
    lazy(app, fake_time)
    title = app.ctx.stack.top
    stop = next(i for i, b in enumerate(title.row.buttons) if b.tooltip and b.rect.x < 100)
    while title.row.focus != stop:  # Tab to the Stop button: its tooltip shows over Noor
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0,
                                             unicode="\t", scancode=0))
        settle(app, fake_time, STEP)
    settle(app, fake_time, INPUT_GRACE + 0.1)
    for _ in range(3):
        next_part(app, fake_time, shown)
        assert pygame.image.tobytes(app.surface, "RGB") == whole_picture(app)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_level_select_redraws_only_the_hopping_card(app, fake_time, shown, lang, monkeypatch):
    from game.scenes.level_select import HOP_FPS, LevelSelectScene

    app.settings.language = lang  # Arabic: the cards are mirrored
    app.run_frames(3)
    scene = LevelSelectScene(app.ctx, "city")
    app.ctx.stack.push(scene)
    lazy(app, fake_time)
    moves_in_parts(app, fake_time, shown, HOP_FPS)
    # and only the hopping card's corner of the window is shown again
    card = scene.card_rect(scene.next_level())  # logical = window pixels at 1280x720
    if lang == "ar":  # drawn at its mirrored place
        card.x = 1280 - card.right
    updated = []
    counting = pygame.display.update
    monkeypatch.setattr(pygame.display, "update",
                        lambda rects=None: (updated.append(rects), counting(rects)))
    next_part(app, fake_time, shown)
    assert updated and all(rects is not None for rects in updated)
    for rects in updated:
        for r in rects:
            assert r.colliderect(card) and r.width * r.height < 2 * card.width * card.height


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_world_map_redraws_only_where_the_places_bob(app, fake_time, shown, lang,
                                                          monkeypatch):
    from game.scenes.world_map import BOB_FPS, WorldMapScene, places

    app.settings.language = lang  # Arabic: the title and buttons are mirrored, the map kept
    app.run_frames(3)
    scene = WorldMapScene(app.ctx)
    app.ctx.stack.push(scene)
    lazy(app, fake_time)
    moves_in_parts(app, fake_time, shown, BOB_FPS)
    updated = []
    counting = pygame.display.update
    monkeypatch.setattr(pygame.display, "update",
                        lambda rects=None: (updated.append(rects), counting(rects)))
    next_part(app, fake_time, shown)
    open_places = sum(place.playable for place in places())
    assert len(updated) == 1 and len(updated[0]) == open_places
    # each a place's badge and a little room to bob, never a big part of the screen
    assert all(r.width * r.height < 1280 * 720 / 12 for r in updated[0]), updated[0]
