"""Issue 4 on the board and the dashboard: every status has a shape as well as a colour,
pulses stand still with calmer motion, the dashboard's top bar is laid out from its measured
words, and its level numbers and kerndoel rows are keyboard stops whose tooltips show and are
read aloud.

Everything runs on the real game: the level files, the scene gallery's seeded school store,
real Test runs, real renders and keys posted as pygame events.
"""

from __future__ import annotations

import pygame
import pytest

from game import PROJECT_ROOT
from game.scenes.play_run import FAILURE_BADGE, failure_marks
from game.sim.goals import evaluate
from game.ui.art import Art
from game.ui.badges import draw_badge
from game.ui.fonts import Fonts
from game.ui.theme import STATUS
from game.ui.view import Painter, Viewport
from game.ui.widgets import MIN_TARGET
from tests.focus_helpers import press
from tests.scene_gallery import _build, _play, _reset, _settle, gallery_app, show

LANGS = ("nl", "en", "tr", "pl", "uk", "ar")


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("issue4") / "data", ManualTime())
    yield app
    app.close()


@pytest.fixture(autouse=True)
def _calm_off(gallery):
    gallery.settings.reduce_motion = False
    gallery.settings.text_size = 0
    yield
    gallery.settings.reduce_motion = False
    gallery.settings.text_size = 0


# --- 1. every status on the board has its own shape ------------------------------------------

def _grey_badge(status: str, radius: float) -> pygame.Surface:
    size = round(radius * 2 + 8)
    surface = pygame.Surface((size, size))
    surface.fill((255, 253, 246))
    view = Viewport((1280, 720))
    view.scale, view.offset = 1.0, (0, 0)
    painter = Painter(surface, view, Art(PROJECT_ROOT / "assets"),
                      Fonts(PROJECT_ROOT / "assets" / "fonts"))
    draw_badge(painter, status, (size / 2, size / 2), radius)
    return pygame.transform.grayscale(surface)


def _apart(a: pygame.Surface, b: pygame.Surface) -> float:
    w, h = a.get_size()
    differ = sum(1 for x in range(w) for y in range(h)
                 if abs(a.get_at((x, y))[0] - b.get_at((x, y))[0]) > 40)
    return differ / (w * h)


def test_every_failure_has_its_own_badge_that_reads_in_greyscale_at_board_size(gallery):
    """The badges a failed run can show differ without colour, at the size the board draws
    them (a 112 px tile: radius 17) and at the smallest (radius 11)."""
    shown = {"works", "broken", "attention", *FAILURE_BADGE.values()}
    assert {"leak", "unpowered", "dry", "attention"} <= shown <= set(STATUS)
    icons = [STATUS[s][1] for s in shown]
    assert len(set(icons)) == len(icons), "two statuses the board shows share a shape"
    for radius in (17, 11):
        pictures = {s: _grey_badge(s, radius) for s in shown}
        for a in shown:
            for b in shown:
                if a < b:
                    assert _apart(pictures[a], pictures[b]) > 0.04, \
                        f"{a} and {b} look the same without colour at radius {radius}"


def _run(app, prefix: str, steps: int, seconds: float | None):
    """A level built ``steps`` steps far, tested: watched for ``seconds``, or to the end and
    judged (None)."""
    _reset(app)
    scene = _play(app, prefix)
    _build(scene, steps)
    scene.start_test()
    if seconds is None:
        scene.run.finish_now()
        scene._show_run()
        scene._judge()
        app.run_frames(1)
    else:
        _settle(app, seconds)
    return scene


def _badge_pixels(app, scene, cell) -> bytes:
    """The window's pixels where the board draws ``cell``'s badge."""
    view = scene.view
    rad = max(11.0, view.tile * 0.15)
    r = view.cell_rect(cell)
    box = app.view.rect((r.right - rad * 1.9, r.top - rad * 0.1, rad * 2, rad * 2))
    return pygame.image.tobytes(app.surface.subsurface(box), "RGB")


def _without_badges(app, scene, cell) -> bytes:
    view = scene.view
    real = view.badges
    view.badges = dict  # the same frame with no badges at all
    try:
        app.run_frames(1)
        return _badge_pixels(app, scene, cell)
    finally:
        view.badges = real


def test_a_dark_house_shows_no_power_and_a_broken_wire_its_cross_during_the_run(gallery):
    scene = _run(gallery, "city-04", 0, 1.0)  # the broken wire, not repaired
    assert scene.mode == "run"
    badges = scene.view.badges()
    houses = [c for c, p in scene.view.board.pieces.items() if p.kind == "house"]
    broken = [c for c, p in scene.view.board.pieces.items() if p.broken]
    assert houses and broken
    assert all(badges[c] == "unpowered" for c in houses)
    assert all(badges[c] == "broken" for c in broken)
    gallery.run_frames(1)
    drawn = _badge_pixels(gallery, scene, houses[0])
    assert drawn != _without_badges(gallery, scene, houses[0])  # and it is on the screen


def test_a_leak_shows_its_drop_during_the_run_and_the_failure_says_what_failed(gallery):
    scene = _run(gallery, "greenport-04", 1, 2.0)
    leaks = {cell for cell, _side in scene.run.state.leaks}
    assert leaks and all(scene.view.badges()[c] == "leak" for c in leaks)
    scene = _run(gallery, "greenport-04", 1, None)
    marks = scene.view.marks
    beds = {c for c, p in scene.view.board.pieces.items() if p.kind == "bed"}
    assert scene.mode == "failed"
    assert {marks[c] for c in beds & set(marks)} == {"dry"}
    assert "leak" in marks.values()


@pytest.mark.parametrize(("prefix", "steps", "badge"), [
    ("city-01", 0, "unpowered"),  # nothing built: the house stays dark
    ("city-05", 1, "attention"),  # one solar panel for four houses: a shortage
    ("greenport-09", 2, "dry"),  # the tank does not fill
])
def test_failure_marks_name_the_goal_that_failed(gallery, prefix, steps, badge):
    scene = _run(gallery, prefix, steps, None)
    ev = evaluate(scene.run.board, scene.run.states)
    assert not ev.solved
    assert badge in failure_marks(ev).values()
    assert badge in scene.view.badges().values()


# --- 2. calmer motion: the hint and the "playing now" dot stand still --------------------------

def _board_frame(app, scene, time: float) -> bytes:
    surface = pygame.Surface(app.surface.get_size())
    painter = Painter(surface, app.view, app.art, app.fonts)
    scene.view.draw(painter, time)
    return pygame.image.tobytes(surface, "RGB")


def test_the_hint_pulse_is_a_steady_highlight_with_calmer_motion(gallery):
    scene = show(gallery, "play_hint")
    assert scene.view.hint_cells
    gallery.settings.reduce_motion = False
    assert _board_frame(gallery, scene, 0.0) != _board_frame(gallery, scene, 0.3)
    gallery.settings.reduce_motion = True
    assert _board_frame(gallery, scene, 0.0) == _board_frame(gallery, scene, 0.3)
    still = _board_frame(gallery, scene, 0.0)
    scene.view.hint_cells = ()
    assert _board_frame(gallery, scene, 0.0) != still  # the highlight is still there


def _dashboard_frame(app, scene, time: float) -> bytes:
    scene.time = time
    surface = pygame.Surface(app.surface.get_size())
    scene.draw(Painter(surface, app.view, app.art, app.fonts))
    return pygame.image.tobytes(surface, "RGB")


def test_the_playing_now_dot_stands_still_with_calmer_motion(gallery):
    scene = show(gallery, "dashboard")
    assert scene.updated is not None  # the live header, with its dot
    trough = 0.75 / 0.7  # the dot at its smallest (it pulses 0.7 times a second)
    gallery.settings.reduce_motion = False
    assert _dashboard_frame(gallery, scene, 0.0) != _dashboard_frame(gallery, scene, trough)
    gallery.settings.reduce_motion = True
    assert _dashboard_frame(gallery, scene, 0.0) == _dashboard_frame(gallery, scene, trough)


# --- 3. the dashboard's top bar: nothing runs into anything ---------------------------------

def _overlap(a: pygame.Rect, b: pygame.Rect) -> bool:
    clip = a.clip(b)
    return clip.width > 1 and clip.height > 1


@pytest.mark.parametrize("lang", (*LANGS, "pseudo"))
def test_the_live_label_never_runs_into_the_title_or_the_buttons(gallery, lang, monkeypatch):
    """In every language and the 40 % longer pseudo-language (see test_text_fit_everywhere),
    at every text size."""
    import game.i18n
    from game.i18n import apply_language
    from game.scenes.dashboard import format_clock
    from game.ui.textfit import TextAudit

    first = gallery.settings.language
    if lang == "pseudo":
        from tests.test_text_fit_everywhere import translator

        monkeypatch.setattr(game.i18n, "make_translator", lambda *_a, **_k: translator(lang))
    apply_language(gallery.ctx, "en" if lang == "pseudo" else lang)
    gallery.view.audit = TextAudit()
    try:
        scene = show(gallery, "dashboard")
        assert scene.lang == ("en" if lang == "pseudo" else lang)
        assert (gallery.ctx.gettext("playing now") != "playing now") == (lang != "en")
        _ = gallery.ctx.gettext
        for size in (0, 1, 2):
            gallery.settings.text_size = size
            gallery.view.audit.clear()
            gallery.run_frames(1)
            texts = {t.text: t.rect for t in gallery.view.audit.texts}
            clock = format_clock(scene.updated, scene.lang)
            live = {k: texts[k] for k in (_("Live"), clock, _("playing now"))}
            title = texts[scene.class_name]
            buttons = {n: scene.buttons[n].rect for n in ("back", "csv", "pdf")}
            where = f"{lang} size {size}"
            for name, r in live.items():
                assert r.bottom <= 88 and r.right <= 1264, f"{where}: {name!r} at {r}"
                assert not _overlap(r, title), f"{where}: {name!r} runs into the class's name"
                for b, br in buttons.items():
                    assert not _overlap(r, br), f"{where}: {name!r} runs into {b}"
            assert not _overlap(live[_("Live")], live[clock]), f"{where}: Live and the clock"
            assert buttons["csv"].right < buttons["pdf"].left, where
            assert live[_("Live")].left >= title.left, where
    finally:
        gallery.view.audit = None
        monkeypatch.undo()
        apply_language(gallery.ctx, first)


# --- 4. level numbers and kerndoel rows: keyboard stops with tooltips --------------------------

def _tab_to(app, scene, stop: str) -> None:
    for _ in range(60):
        if scene.focus_stop() == stop:
            return
        press(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {stop}")


@pytest.mark.parametrize("size", (0, 1, 2))
def test_level_numbers_and_kerndoel_rows_are_big_enough_targets(gallery, size):
    gallery.settings.text_size = size
    scene = show(gallery, "dashboard")
    gallery.run_frames(1)
    targets = scene.targets()
    heads = [t for t in targets if t.stop == "head"]
    rows = [t for t in targets if t.stop == "kd"]
    assert len(heads) == min(len(scene.levels), scene.visible_cols)
    assert len(rows) == scene.kerndoel_rows() >= 1  # one row per kerndoel the levels train
    for t in heads + rows:
        assert t.rect[2] >= MIN_TARGET and t.rect[3] >= MIN_TARGET, f"{t.stop} is {t.rect}"
    for i, t in enumerate(rows):  # each row is what the pointer finds there
        assert scene._target_at(pygame.Rect(t.rect).center) == f"kd:{i}"


def test_tab_shows_a_level_numbers_tooltip_and_reads_it(gallery):
    from game.speech import focus_text

    scene = show(gallery, "dashboard")
    _tab_to(gallery, scene, "head")
    press(gallery, pygame.K_RIGHT)
    col = scene.head_focus
    assert col == 1
    text = scene.level_text(col)
    assert focus_text(scene) == text  # read-aloud reads the tooltip of the focus
    with_tip = pygame.image.tobytes(gallery.surface, "RGB")
    press(gallery, pygame.K_DOWN)  # into the table, at that level
    assert scene.focus_stop() == "grid" and scene.cursor[1] == col
    assert pygame.image.tobytes(gallery.surface, "RGB") != with_tip
    press(gallery, pygame.K_UP)  # and back up to its number
    assert scene.focus_stop() == "head" and scene.head_focus == col


def test_tab_shows_a_kerndoel_tooltip_reads_it_and_enter_puts_it_away(gallery):
    from game.speech import focus_text
    from game.ui.textfit import TextAudit

    scene = show(gallery, "dashboard")
    _tab_to(gallery, scene, "kd")
    press(gallery, pygame.K_DOWN)
    assert scene.kd_focus == 1
    assert focus_text(scene) == scene.kerndoel_text(1)
    gallery.view.audit = TextAudit()
    try:
        gallery.run_frames(1)
        assert scene.kerndoel_text(1) in [t.text for t in gallery.view.audit.texts]
        press(gallery, pygame.K_RETURN)  # the explanation away (WCAG 1.4.13)...
        gallery.view.audit.clear()
        gallery.run_frames(1)
        assert scene.kerndoel_text(1) not in [t.text for t in gallery.view.audit.texts]
        press(gallery, pygame.K_RETURN)  # ...and back
        gallery.view.audit.clear()
        gallery.run_frames(1)
        assert scene.kerndoel_text(1) in [t.text for t in gallery.view.audit.texts]
    finally:
        gallery.view.audit = None


def test_the_pointer_reads_what_is_under_it(gallery):
    from game.speech import focus_text

    scene = show(gallery, "dashboard")
    scene.pointer = scene.kerndoel_rect(2).center
    assert focus_text(scene, pointer=True) == scene.kerndoel_text(2)
    scene.pointer = scene.head_rect(0).center
    assert focus_text(scene, pointer=True) == scene.level_text(0)
    scene.pointer = scene.buttons["sort"].rect.center
    assert focus_text(scene, pointer=True) == scene.buttons["sort"].tooltip
