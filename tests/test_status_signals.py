"""Colour is never the only signal, and calmer motion keeps every piece of information.

Each status is drawn, turned to greyscale, and compared with every other status of its family:
two that look the same without colour would be told apart only by colour, which a colour-blind
pupil (about one per class) cannot do. Calmer motion is checked on the real scenes.
"""

from __future__ import annotations

from itertools import combinations

import pygame
import pytest

from game import PROJECT_ROOT
from game.progress.records import CellStatus, Outcome
from game.ui.anim import Tweens, motion
from game.ui.art import Art
from game.ui.badges import draw_badge
from game.ui.fonts import Fonts
from game.ui.grid_view import OUTCOME_LOOK, STATUS_LOOK, draw_outcome, draw_status
from game.ui.theme import STATUS
from game.ui.view import Painter, Viewport

SIZE = 64


def _painter() -> tuple[Painter, pygame.Surface]:
    pygame.display.init()
    surface = pygame.Surface((SIZE, SIZE))
    surface.fill((255, 253, 246))
    view = Viewport((1280, 720))
    view.scale, view.offset = 1.0, (0, 0)
    return Painter(surface, view, Art(PROJECT_ROOT / "assets"),
                   Fonts(PROJECT_ROOT / "assets" / "fonts")), surface


def grey(surface: pygame.Surface) -> pygame.Surface:
    return pygame.transform.grayscale(surface)


def difference(a: pygame.Surface, b: pygame.Surface) -> float:
    """Share of pixels whose grey level differs clearly (more than 40 of 255)."""
    w, h = a.get_size()
    differ = sum(1 for x in range(0, w, 2) for y in range(0, h, 2)
                 if abs(a.get_at((x, y))[0] - b.get_at((x, y))[0]) > 40)
    return differ / ((w // 2) * (h // 2))


def drawn(draw) -> pygame.Surface:
    painter, surface = _painter()
    draw(painter)
    return grey(surface)


def assert_apart(pictures: dict) -> None:
    for (a, pa), (b, pb) in combinations(pictures.items(), 2):
        assert difference(pa, pb) > 0.04, f"{a} and {b} look the same without colour"


def test_board_badges_differ_in_greyscale():
    meaning = {k: v for k, v in STATUS.items() if k != "off"}  # "off" is the switch's knob
    icons = [icon for _colour, icon in meaning.values()]
    same_icon = {i for i in icons if icons.count(i) > 1}
    assert same_icon <= {"drop"}  # water and leak share the drop; their colours and rings…
    pictures = {k: drawn(lambda p, k=k: draw_badge(p, k, (32, 32), 26)) for k in meaning
                if k != "water"}  # …and leak never shows beside water on one part
    assert_apart(pictures)


def test_dashboard_cells_differ_in_greyscale():
    assert len({icon for _c, icon, _n in STATUS_LOOK.values()}) == len(CellStatus)
    assert_apart({s: drawn(lambda p, s=s: draw_status(p, s, (32, 32), 28)) for s in CellStatus})


def test_each_outcome_on_the_pupil_page_has_its_own_shape():
    icons = {o: icon for o, (_c, icon) in OUTCOME_LOOK.items()}
    assert len(set(icons.values())) == len(Outcome)  # "Stopped" and "Still busy" apart
    pictures = {}
    for outcome in Outcome:
        painter, surface = _painter()
        assert draw_outcome(painter, outcome, (32, 32), 28) == icons[outcome]
        pictures[outcome] = grey(surface)
    assert_apart(pictures)


def test_result_stars_filled_and_empty_differ_in_greyscale():
    def star(name):
        return lambda p: p.image(f"icons/{name}", (4, 4, 56, 56))

    assert_apart({"star": drawn(star("star")), "star_empty": drawn(star("star_empty"))})


def test_lit_and_dark_house_and_wet_and_dry_bed_differ_in_greyscale():
    art = Art(PROJECT_ROOT / "assets")
    pygame.display.init()
    for a, b in (("parts/house_on", "parts/house"), ("parts/bed_wet", "parts/bed")):
        assert art.exists(a) and art.exists(b)
        assert difference(grey(art.get(a, (SIZE, SIZE))), grey(art.get(b, (SIZE, SIZE)))) > 0.03


# --- calmer motion --------------------------------------------------------------------------


def test_calm_tweens_end_at_once_and_stop_running_ones():
    calm = False
    tweens = Tweens(lambda: calm)
    tweens.start((1, 1), "wobble", 1.8, loops=True)
    assert tweens.get((1, 1), "wobble") is not None
    calm = True
    tweens.update(0.016)
    assert not tweens  # a wobble that was running stops where the part belongs
    tweens.start((1, 1), "pop", 0.2)
    assert not tweens


def test_decorative_motion_is_zero_when_calm():
    from game.settings import Settings

    assert motion(Settings()) == 1.0 and motion(Settings(reduce_motion=True)) == 0.0


def _play_failed(app, levels_catalogue):
    """The first city level, tested with an empty board: it fails and marks the parts."""
    from game.scenes.play import PlayScene

    level = levels_catalogue.world("city")[0]
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.step_frame()  # lays the board out
    scene.start_test()
    scene.run.finish_now()
    scene._judge()
    return scene


@pytest.fixture
def real_app(data_dir, fake_time):
    from game.app import App, load_catalogue

    game = App(size=(1280, 720), fullscreen=False, lang="nl", data_dir=data_dir,
               levels=load_catalogue(PROJECT_ROOT / "levels"), time_source=fake_time)
    yield game
    game.close()


def test_a_failed_board_keeps_its_crosses_but_does_not_wobble_when_calm(real_app):
    real_app.settings.reduce_motion = True
    scene = _play_failed(real_app, real_app.ctx.levels)
    assert scene.mode == "failed" and scene.view.marks
    assert "unpowered" in scene.view.badges().values()  # the information stays
    assert not scene.view.tweens  # nothing wobbles
    real_app.settings.reduce_motion = False
    scene.view.wobble(scene.view.marks)
    assert scene.view.tweens  # without calmer motion the failed parts do wobble


def test_the_result_shows_its_stars_at_once_without_confetti_when_calm(real_app):
    from game.scenes.play_run import LiveRun
    from game.scenes.result import ResultScene
    from game.sim.board import Board
    from game.sim.editor import Editor
    from game.sim.goals import evaluate
    from game.sim.model import StepAction

    real_app.settings.reduce_motion = True
    level = real_app.ctx.levels.world("city")[0]
    board = Board(level)
    editor = Editor(board)
    for step in level.solution.steps:
        if step.action != StepAction.ANSWER:
            editor.apply(step)
    run = LiveRun(board)
    run.finish_now()
    result = ResultScene(real_app.ctx, level, evaluate(run.board, run.states, 0, None))
    real_app.ctx.stack.push(result)
    result.update(0.5 + 0.4 * 3)
    assert result.stars_shown >= 1
    assert all(result._star_progress(i) == 1.0 for i in range(result.stars_shown))
    painter, surface = _painter()
    calls = []
    painter.rect = lambda *a, **k: calls.append(a)  # confetti is drawn as small rects
    result._draw_confetti(painter, behind=True)
    assert calls == []


def test_the_play_scene_has_no_countdown(real_app):
    """No timers in play: nothing counts down a pupil's time on a level."""
    import inspect

    from game.scenes import play, play_run

    for module in (play, play_run):
        source = inspect.getsource(module).lower()
        for word in ("countdown", "time_left", "time limit", "seconds_left", "deadline"):
            assert word not in source, f"{module.__name__} mentions {word}"


def test_messages_that_go_by_themselves_stay_long_enough_to_read():
    """About 0.6 s a word for a slow reader; a short message keeps its usual time."""
    from game.ui.widgets import Toast

    toast = Toast(3.0)
    toast.show("Coming soon!")
    assert toast.left == 3.0
    long = ("First finish the levels of this lesson. Then you may play every level in the "
            "whole game!")
    toast.show(long)
    assert toast.left >= 0.6 * len(long.split())
    toast.update(toast.left - 0.1)
    assert toast.visible
    toast.update(0.2)
    assert not toast.visible


def test_noors_news_on_the_play_screen_stays_long_enough_to_read(real_app):
    from game.scenes.play import MESSAGE_SECONDS, PlayScene

    level = next(iter(real_app.ctx.levels))
    scene = PlayScene(real_app.ctx, level)
    scene.say("Oops!")
    assert scene.message_left == MESSAGE_SECONDS
    words = "This wire is broken. Tap it to throw it away. Then build a new one here."
    scene.say(words)
    assert scene.message_left >= 0.6 * len(words.split())
