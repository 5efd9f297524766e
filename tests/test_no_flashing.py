"""Nothing on screen flashes more than 3 times a second (WCAG 2.3.1, ART.md).

Every screen that moves is filmed at 60 frames a second for a few seconds of game time, the
picture cut into tiles; in each tile the brightness over time is a signal, and a flash is one
rise through its middle and back (with a margin, so noise does not count). The screens
cover every pulsing or blinking thing: the hint cells' pulse, the typing caret, the "playing
now" ring on the dashboard, the breathing Play button, bobbing map places and level cards,
the guide, wobbling failed parts, a test run at normal and fast speed, the result's stars and
confetti, and a lesson card's highlight.
"""

from __future__ import annotations

import math

import pygame
import pytest

from tests.scene_gallery import gallery_app, show

FPS = 60
SECONDS = 3.0
MAX_PER_SECOND = 3.0
TILE = (160, 120)  # logical pixels: 8 x 6 tiles
VISIBLE = 3.0  # a brightness swing smaller than this (of 255) is not a flash


def flashes(signal: list[float], margin_of: float = 0.25) -> int:
    """How many times ``signal`` rises from below its middle to above it (a flash is a
    rise and a fall; counting rises counts each once). ``margin_of`` of the swing is kept
    as hysteresis either side of the middle."""
    low, high = min(signal), max(signal)
    if high - low < VISIBLE:
        return 0
    mid, margin = (low + high) / 2, (high - low) * margin_of / 2
    count, below = 0, signal[0] < mid
    for value in signal[1:]:
        if below and value > mid + margin:
            count, below = count + 1, False
        elif not below and value < mid - margin:
            below = True
    return count


def test_flash_counter_counts_a_fast_blink_and_ignores_a_slow_one():
    blink = [255.0 if (i // 5) % 2 else 0.0 for i in range(FPS)]  # 6 Hz at 60 fps
    assert flashes(blink) == 6
    slow = [128 + 100 * math.sin(i / FPS * math.tau) for i in range(FPS)]
    assert flashes(slow) <= 1
    assert flashes([100.0, 101.0] * 30) == 0  # too faint to see


def tiles(surface: pygame.Surface, app) -> list[pygame.Rect | None]:
    """The screen's tiles on ``surface`` (None: a tile outside it)."""
    out: list[pygame.Rect | None] = []
    for y in range(0, 720, TILE[1]):
        for x in range(0, 1280, TILE[0]):
            r = app.view.rect((x, y, *TILE))
            r = r.clip(surface.get_rect())
            out.append(r if r.width > 0 and r.height > 0 else None)
    return out


def brightness(surface: pygame.Surface, app,
               where: list[pygame.Rect | None] | None = None) -> list[float]:
    """Each tile's brightness (``where``: the tiles, when worked out before)."""
    out = []
    for r in tiles(surface, app) if where is None else where:
        if r is None:
            out.append(0.0)
            continue
        red, green, blue, *_a = pygame.transform.average_color(surface, r)
        out.append(0.2126 * red + 0.7152 * green + 0.0722 * blue)
    return out


def film(app, seconds: float = SECONDS) -> float:
    """The most flashes per second of any tile while ``seconds`` of game time pass."""
    time = app.gallery_time
    frames = []
    where, placed = [], None
    for _ in range(round(seconds * FPS)):
        time.advance(1 / FPS)
        app.step_frame()
        view = app.view  # the tiles are worked out again only when the view moved them
        now = (app.surface.get_size(), view.scale, view.offset, view.mirror, view._shift)
        if now != placed:
            where, placed = tiles(app.surface, app), now
        frames.append(brightness(app.surface, app, where))
    worst = 0
    for tile in range(len(frames[0])):
        worst = max(worst, flashes([f[tile] for f in frames]))
    return worst / seconds


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("flash") / "data", ManualTime())
    yield app
    app.close()


def _fast_run(app):
    scene = show(app, "play_running")
    scene.run.fast = True
    return scene


def _fast_heat_run(app):
    scene = show(app, "play_heat_running")
    scene.run.fast = True
    return scene


def _lesson_flash(app):
    scene = show(app, "lesson_edit")
    scene.flash = (scene.level_ids[0], 1.2)  # as when a level was just added
    return scene


def _failed(app):
    scene = show(app, "play_failed")
    scene.view.wobble(scene.view.marks)
    return scene


MOVING = {
    "title": lambda app: show(app, "title"),
    "world_map": lambda app: show(app, "world_map"),
    "level_select": lambda app: show(app, "level_select_city"),
    "avatar_pick": lambda app: show(app, "avatar_pick"),
    "play_hint": lambda app: show(app, "play_hint"),
    "play_failed": _failed,
    "play_running": lambda app: show(app, "play_running"),
    "play_running_fast": _fast_run,
    # a thermostat switching the incubator's heater on and off, at normal and fast speed
    "play_heat_running": lambda app: show(app, "play_heat_running"),
    "play_heat_running_fast": _fast_heat_run,
    "result": lambda app: show(app, "result"),
    "celebration": lambda app: show(app, "celebration"),
    "text_prompt_caret": lambda app: show(app, "text_prompt"),
    "pin_caret": lambda app: show(app, "pin"),
    "dashboard": lambda app: show(app, "dashboard"),
    "lesson_edit": _lesson_flash,
}


@pytest.mark.parametrize("what", MOVING)
def test_nothing_flashes_more_than_three_times_a_second(gallery, what):
    MOVING[what](gallery)
    rate = film(gallery)
    assert rate <= MAX_PER_SECOND, f"{what}: a part of the screen flashes {rate:.1f} times a second"


def test_the_hint_pulse_is_seen_and_slow(gallery):
    """The counter sees the hint cells' pulse (so the test above can fail), under 1 a second."""
    scene = show(gallery, "play_hint")
    assert scene.view.hint_cells
    cell = scene.view.cell_rect(scene.view.hint_cells[0])
    time, signal = gallery.gallery_time, []
    for _ in range(round(SECONDS * FPS)):
        time.advance(1 / FPS)
        gallery.step_frame()
        red, green, blue, *_a = pygame.transform.average_color(
            gallery.surface, gallery.view.rect(cell).clip(gallery.surface.get_rect()))
        signal.append(0.2126 * red + 0.7152 * green + 0.0722 * blue)
    count = flashes(signal)
    assert 1 <= count <= SECONDS * 1.0, f"the hint pulse: {count} in {SECONDS} s"
