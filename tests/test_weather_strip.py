"""The weather strip on the play screen (game/ui/weather_strip.py): a level with its own
weather shows one picture per tick under the board, the pictures its weather says; a posted
click on Test runs it and the present tick is framed, the ticks to come veiled; mirrored in
Arabic (time runs right to left); never over the board or Noor's bubble at any text size; a
level without weather has no strip and its board where it always was."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402
from play_helpers import post_click, settle, street_level  # noqa: E402

import game  # noqa: E402
from game.content.loader import load_level  # noqa: E402
from game.scenes.play import BOARD_AREA, PlayScene  # noqa: E402
from game.sim.environment import Weather  # noqa: E402
from game.ui import weather_strip  # noqa: E402
from game.ui.view import Painter  # noqa: E402

LEVEL_FILE = game.PROJECT_ROOT / "levels" / "city" / "14-windless-night.yaml"


@pytest.fixture
def windless():
    return load_level(LEVEL_FILE)


def open_play(data_dir, fake_time, level, lang: str = "en", text_size: int = 0):
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang=lang, data_dir=data_dir,
              levels=[level], time_source=fake_time)
    app.settings.text_size = text_size
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(2)
    return app, scene


def file_pictures(level_file) -> list[list[str]]:
    """Tick by tick, the pictures the level *file* says the strip must show: read from its
    words (cycle and weather stretches), not from the game's own time line."""
    data = yaml.safe_load(level_file.read_text(encoding="utf-8"))
    day, night = data["cycle"]["day"], data["cycle"]["night"]
    out = []
    for stretch in data["weather"]:
        for _ in range(stretch["ticks"]):
            t = len(out)
            sky = ["icons/sun" if t % (day + night) < day else "icons/moon"]
            if stretch.get("sky", "clear") == "cloudy":
                sky.append("icons/weather_cloud")
            if stretch.get("rain", False):
                sky.append("icons/weather_rain")
            out.append([*sky, f"icons/weather_{stretch.get('wind', 'breeze')}"])
    return out


class DrawnPictures:
    """Watches Painter.image: every picture drawn in a frame with its window rect."""

    def __init__(self, monkeypatch) -> None:
        self.drawn: list[tuple[str, pygame.Rect]] = []
        original = Painter.image

        def image(painter, name, r, *args, **kwargs):
            self.drawn.append((name, painter.view.rect(r)))
            return original(painter, name, r, *args, **kwargs)

        monkeypatch.setattr(Painter, "image", image)

    def inside(self, window_rect: pygame.Rect) -> list[str]:
        return [name for name, r in self.drawn if window_rect.contains(r)]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_click_on_test_runs_the_strip_its_pictures_follow_the_level_file(
        data_dir, fake_time, monkeypatch, windless, lang):
    app, scene = open_play(data_dir, fake_time, windless, lang)
    for step in windless.solution.steps:
        assert scene.editor.apply(step)
    scene._after_edit()
    strip = scene.weather_strip
    assert strip is not None and len(strip.tiles) == windless.ticks
    expected = file_pictures(LEVEL_FILE)
    assert len(expected) == windless.ticks

    app.view.mirror = lang == "ar"  # where the Test button is on the (mirrored) screen
    post_click(app, scene.buttons["test"].rect.center)  # a real click on Test
    app.view.mirror = False
    settle(app, fake_time, 1.5)  # about 7 ticks at 5 a second: into the windless night
    assert scene.mode == "run"
    tick = scene.run.state.tick
    assert 0 < tick < windless.ticks - 1

    watch = DrawnPictures(monkeypatch)
    app.step_frame()
    app.step_frame()
    view = app.view
    view.mirror = lang == "ar"
    try:
        tiles = [view.rect(r) for _f, _l, r in strip.tiles]
    finally:
        view.mirror = False
    for t, tile in enumerate(tiles):
        assert sorted(set(watch.inside(tile))) == sorted(set(expected[t])), t
    # time runs in the reading direction: right to left in Arabic
    if lang == "ar":
        assert tiles[0].left > tiles[-1].left
    else:
        assert tiles[0].left < tiles[-1].left

    surface = app.surface

    def background(t: int) -> tuple[int, int, int]:
        r = tiles[t]
        return tuple(surface.get_at((r.centerx, r.bottom - 5)))[:3]  # below the pictures

    present = scene.run.state.tick
    past = [t for t in range(present) if not windless.weather().at(t).is_day]
    for t in past:  # the night so far: its own colour, not veiled
        assert background(t) == weather_strip.NIGHT_TILE
    later = [t for t in range(present + 1, windless.ticks)]
    assert later
    for t in later:  # still to come: veiled, lighter than the night tile
        assert sum(background(t)) > sum(weather_strip.NIGHT_TILE) + 60
    # the present tick is framed in the outline colour
    frame = tiles[present].inflate(2, 6)
    ink = (43, 45, 66)
    assert tuple(surface.get_at((frame.centerx, frame.top + 1)))[:3] == ink
    app.close()


def test_the_strip_shows_the_forecast_before_a_test_and_the_words_of_a_tick(
        data_dir, fake_time, windless):
    app, scene = open_play(data_dir, fake_time, windless)
    strip = scene.weather_strip
    assert scene.mode == "edit" and strip.tiles
    # the pointer on a tick of the calm, cloudy night: its words in the tooltip
    last = strip.tiles[-1][2]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=app.view.point(last.center),
                                         rel=(0, 0), buttons=(0, 0, 0)))
    texts: list[str] = []
    original = Painter.text_box

    def text_box(painter, text, *args, **kwargs):
        texts.append(text)
        return original(painter, text, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Painter, "text_box", text_box)
        app.step_frame()
    assert "Cloudy night\nNo wind" in texts
    app.close()


def test_words_of_each_kind_of_weather():
    _ = str
    assert weather_strip.words(Weather(), _) == "Sunny\nA breeze"
    assert weather_strip.words(Weather(daylight=0.0, wind=0.0), _) == "Clear night\nNo wind"
    assert weather_strip.words(Weather(cloud=0.5, wind=2.0, rain=1.0), _) == \
        "Cloudy\nStrong wind\nRain"


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("text_size", [0, 1, 2])
def test_the_strip_never_covers_the_board_or_the_bubble(data_dir, fake_time, windless, lang,
                                                         text_size):
    app, scene = open_play(data_dir, fake_time, windless, lang, text_size)
    strip = scene.weather_strip.area
    board = pygame.Rect(scene.view.area)
    assert not strip.colliderect(board), (strip, board)
    assert not strip.colliderect(scene.bubble_rect)
    assert strip.bottom <= BOARD_AREA.bottom and strip.left >= BOARD_AREA.left
    app.close()


def test_a_level_without_weather_has_no_strip_and_its_board_where_it_was(data_dir, fake_time):
    level = street_level()
    app, scene = open_play(data_dir, fake_time, level)
    assert scene.weather_strip is None
    assert scene.board_area(scene.bubble_rect).bottom == BOARD_AREA.bottom
    app.close()
