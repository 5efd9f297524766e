"""A truth table the pupil fills in (predict kind ``table``): before the first Test the pupil
fills in the outputs of the level's table, row by row, by clicks or by keys; the run shows
what happens; the explanation card shows their table beside what the run gave, row by row,
and a wrong prediction costs nothing."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from play_helpers import post_click, post_key, settle, start_play  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import LevelError, load_level  # noqa: E402
from game.i18n import make_translator  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.question import CARD_MAX_H, TABLE_CELL_MIN, TableQuestionScene  # noqa: E402
from game.scenes.result import ResultScene  # noqa: E402
from game.sim.goals import play_solution  # noqa: E402
from game.sim.model import (  # noqa: E402
    GoalType,
    LevelKind,
    PlacedPart,
    SignalTable,
    TableRow,
    table_guess_done,
)
from game.ui.predict import draw_mini_table, empty_guess, row_words  # noqa: E402
from game.ui.view import Painter  # noqa: E402

LEVEL = PROJECT_ROOT / "levels" / "ict" / "06-smoke-or-heat.yaml"
#: what the run gives: only with no smoke and no heat does the bell stay quiet
OR_TABLE = ((False,), (True,), (True,), (True,))


@pytest.fixture(scope="module")
def level():
    return load_level(LEVEL)


def _place(app, scene: PlayScene, kind: str, cell, turns: int = 0) -> None:
    post_click(app, scene.palette.rects[scene.palette.kinds.index(kind)].center)
    for _ in range(turns):
        post_key(pygame.K_r)
    post_click(app, scene.view.cell_center(cell))
    app.step_frame()
    assert scene.board.piece_at(cell).kind == kind


def _build(app, scene: PlayScene) -> None:
    """The OR gate where the sensor wires meet, and a wire on to the bell, by clicks."""
    _place(app, scene, "or_gate", (3, 2))
    _place(app, scene, "signal_wire_straight", (4, 2), turns=1)
    assert scene.board.piece_at((4, 2)).rotation == 1


def _open_picker(app, scene: PlayScene) -> TableQuestionScene:
    post_click(app, scene.buttons["test"].rect.center)  # Test asks for the prediction first
    app.step_frame()
    picker = app.ctx.stack.top
    assert isinstance(picker, TableQuestionScene)
    assert scene.mode == "edit"  # no run before the table is filled in
    return picker


# --- the level file ---------------------------------------------------------------------------
def test_the_level_predicts_its_table_and_the_run_judges(level) -> None:
    assert level.kind == LevelKind.EXPLORE and level.groep == (5, 6)
    assert level.predict.kind == "table" and level.predict.choices == ()
    assert level.predict.answer == OR_TABLE  # the table's want, row by row
    assert [g.type for g in level.goals] == [GoalType.TRUTH_TABLE]
    _board, ev = play_solution(level)
    assert ev.solved and ev.stars == 3


def _mutated(tmp_path, old: str, new: str) -> str:
    text = LEVEL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "06-mutated.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(LevelError) as err:
        load_level(path)
    return str(err.value)


def test_a_table_prediction_takes_no_choices(tmp_path) -> None:
    said = _mutated(tmp_path, "  kind: table\n", "  kind: table\n  choices: [1, 2]\n")
    assert "predict.choices" in said and "a table prediction has none" in said


def test_a_table_prediction_needs_want_in_every_row(tmp_path) -> None:
    said = _mutated(tmp_path, "- {in: [false, true], want: [true]}", "- {in: [false, true]}")
    assert "needs want: in every row" in said


def test_a_table_prediction_needs_the_truth_table_goal(tmp_path) -> None:
    said = _mutated(tmp_path, "  - {type: truth_table}", "  - {type: signal_on}")
    assert "needs the goal {type: truth_table}" in said


def test_other_predictions_still_need_their_choices(tmp_path) -> None:
    said = _mutated(tmp_path, "  kind: table\n", "  kind: number\n  answer: 3\n")
    assert "predict.choices: missing" in said


# --- filling it in ----------------------------------------------------------------------------
def test_clicks_fill_the_table_and_a_wrong_guess_costs_nothing(app, fake_time, level) -> None:
    scene = start_play(app, level)
    _build(app, scene)
    picker = _open_picker(app, scene)
    assert picker.filled() == ((None,), (None,), (None,), (None,))
    post_click(app, picker.done.rect.center)  # Done with nothing filled in: not yet
    app.step_frame()
    assert app.ctx.stack.top is picker and picker.missing and picker.row.focus == 0
    assert picker.read_aloud_text().startswith(
        "What do you think will happen? Fill in every row first: tap each empty box.")
    # the pupil thinks OR needs both, like AND: quiet, quiet, quiet, rings
    clicks = {0: 2, 1: 2, 2: 2, 3: 1}  # a click turns an empty cell on, the next off
    for row, times in clicks.items():
        for _ in range(times):
            post_click(app, picker.cells[row].rect.center)
            app.step_frame()
    assert picker.filled() == ((False,), (False,), (False,), (True,))
    post_click(app, picker.done.rect.center)
    app.step_frame()
    assert app.ctx.stack.top is scene and scene.mode == "run"  # Done starts the run
    assert scene.prediction == ((False,), (False,), (False,), (True,))
    assert not scene.buttons["predict"].enabled  # kept as it is
    settle(app, fake_time, 10.0, draw_all=False)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene)
    assert result.evaluation.solved and result.evaluation.stars == 3  # wrong costs nothing
    assert result.lines()[0] == level.predict.explain
    # row by row: what the run gave, then whether it was as the pupil thought
    assert result.compared() == [
        "Smoke sensor off, Heat sensor off: the bell stays quiet.", "Just as you thought.",
        "Smoke sensor off, Heat sensor on: the bell rings.",
        "You thought: the bell stays quiet.",
        "Smoke sensor on, Heat sensor off: the bell rings.",
        "You thought: the bell stays quiet.",
        "Smoke sensor on, Heat sensor on: the bell rings.", "Just as you thought.",
    ]
    said = result.read_aloud_text()
    assert "Heat sensor on: the bell rings. You thought: the bell stays quiet." in said
    assert level.predict.explain in said


def test_the_keyboard_fills_the_table_and_confirms(app, fake_time, level) -> None:
    scene = start_play(app, level)
    _build(app, scene)
    post_key(pygame.K_t)  # Test: the table comes first
    app.step_frame()
    picker = app.ctx.stack.top
    assert isinstance(picker, TableQuestionScene) and picker.row.focus == 0
    post_key(pygame.K_SPACE)  # row 1: on ...
    post_key(pygame.K_SPACE)  # ... and off again
    post_key(pygame.K_DOWN)
    post_key(pygame.K_RETURN)  # row 2: rings
    post_key(pygame.K_DOWN)
    post_key(pygame.K_SPACE)  # row 3: rings
    post_key(pygame.K_DOWN)
    post_key(pygame.K_UP)
    post_key(pygame.K_DOWN)  # up and down again: still row 4
    post_key(pygame.K_SPACE)  # row 4: rings
    app.step_frame()
    assert picker.filled() == OR_TABLE
    post_key(pygame.K_DOWN)  # under the last row: Done
    app.step_frame()
    assert picker.row.buttons[picker.row.focus] is picker.done
    post_key(pygame.K_RETURN)
    app.step_frame()
    assert app.ctx.stack.top is scene and scene.prediction == OR_TABLE
    settle(app, fake_time, 10.0, draw_all=False)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3
    assert result.compared()[1::2] == ["Just as you thought."] * 4


def test_t_on_the_picker_goes_on_only_when_every_row_is_filled_in(app, level) -> None:
    scene = start_play(app, level)
    picker = _open_picker(app, scene)
    post_key(pygame.K_SPACE)
    post_key(pygame.K_t)  # three rows still empty
    app.step_frame()
    assert app.ctx.stack.top is picker and picker.missing
    assert picker.row.focus == 1  # the first empty row
    for _ in range(3):
        post_key(pygame.K_SPACE)
        post_key(pygame.K_DOWN)
    post_key(pygame.K_t)
    app.step_frame()
    assert app.ctx.stack.top is scene and scene.prediction == ((True,),) * 4


def test_guess_fills_the_table_without_a_run_and_back_keeps_nothing(app, level) -> None:
    scene = start_play(app, level)
    post_click(app, scene.buttons["predict"].rect.center)  # Guess, before building
    app.step_frame()
    picker = app.ctx.stack.top
    assert isinstance(picker, TableQuestionScene)
    post_key(pygame.K_ESCAPE)  # back: nothing kept
    app.step_frame()
    assert app.ctx.stack.top is scene and scene.prediction is None
    post_click(app, scene.buttons["predict"].rect.center)
    app.step_frame()
    picker = app.ctx.stack.top
    for cell in picker.cells:
        post_click(app, cell.rect.center)
    post_click(app, picker.done.rect.center)
    app.step_frame()
    assert scene.mode == "edit" and scene.prediction == ((True,),) * 4  # no run yet


def test_the_rows_are_read_aloud_as_they_are_filled_in(app, level) -> None:
    scene = start_play(app, level)
    picker = _open_picker(app, scene)
    post_click(app, picker.cells[1].rect.center)
    app.step_frame()
    said = picker.read_aloud_text()
    assert said.startswith("What do you think will happen? Fill in the table")
    assert "Smoke sensor off, Heat sensor off: not filled in yet." in said
    assert "Smoke sensor off, Heat sensor on: the bell rings." in said


@pytest.mark.parametrize(("lang", "row", "outs", "said"), [
    ("nl", 1, (True,), "Rooksensor uit, Warmtesensor aan: de bel gaat."),
    ("ar", 2, (False,), "حسّاس الدخان يعمل، حسّاس الحرارة متوقّف: الجرس يبقى صامتًا."),
    ("uk", 0, (None,), "Датчик диму вимкнено, Датчик тепла вимкнено: ще не заповнено."),
])
def test_a_row_is_read_in_the_pupils_language(level, lang, row, outs, said) -> None:
    gettext, _ngettext = make_translator(lang)
    assert row_words(level, row, outs, gettext) == said


def test_two_outputs_and_one_input_are_read_too(level) -> None:
    lamp = PlacedPart("signal_lamp", (6, 0))
    two = replace(level, parts=(*level.parts, lamp), table=SignalTable(
        ((0, 1),), ((5, 2), (6, 0)), (TableRow((True,), (True, False)),)))
    gettext, _n = make_translator("en")
    assert row_words(two, 0, (True, False), gettext) == (
        "Smoke sensor on: the bell rings and the lamp is off.")


# --- the screens --------------------------------------------------------------------------------
def _eight_rows(level):
    """The level with three inputs (a push button too): eight rows."""
    button = PlacedPart("push_button", (6, 4))
    rows = tuple(TableRow((bool(k & 4), bool(k & 2), bool(k & 1)), (k > 0,)) for k in range(8))
    return replace(level, parts=(*level.parts, button),
                   table=SignalTable(((0, 1), (0, 3), (6, 4)), ((5, 2),), rows))


@pytest.mark.parametrize("eight", [False, True])
def test_the_table_fits_the_card_and_the_screen(app, level, eight) -> None:
    lv = _eight_rows(level) if eight else level
    picker = TableQuestionScene(app.ctx, lv.predict, lambda _g: None, lv)
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    app.view.audit.clear() if app.view.audit is not None else None
    picker.draw(painter)
    card, _bubble, cell, _left, _top = picker.table_layout(painter)
    assert card.height <= CARD_MAX_H and pygame.Rect(0, 0, 1280, 720).contains(card)
    assert cell >= TABLE_CELL_MIN and len(picker.cells) == len(lv.table.rows)
    rects = [b.rect for b in (*picker.cells, picker.done)]
    assert all(card.contains(r) for r in rects)
    assert all(min(b.rect.size) >= 48 for b in picker.cells)  # big enough to tap
    assert all(a.colliderect(b) is False for i, a in enumerate(rects) for b in rects[i + 1:])


def test_the_chip_and_the_card_draw_a_filled_in_table(app, level) -> None:
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    draw_mini_table(painter, level, OR_TABLE, (0, 0, 60, 60))  # the chip's picture
    assert table_guess_done(OR_TABLE) and not table_guess_done(empty_guess(level))
    _board, evaluation = play_solution(level)
    card = ResultScene(app.ctx, level, evaluation, prediction=((True,),) * 4)
    card.t = 3.0
    drawn: list[str] = []
    image = painter.image
    painter.image = lambda name, *a, **k: (drawn.append(name), image(name, *a, **k))[1]
    card.draw(painter)
    assert card._wide(painter)  # the table goes beside the stars
    # rows 2-4 as thought: a check each; row 1 otherwise: no check and never a cross
    assert drawn.count("icons/check") == 3 and "icons/cross" not in drawn
    # the pupil's bell ringing in all four rows, the run's in three, quiet in one
    assert drawn.count("parts/alarm_bell_on") == 4 + 3 and drawn.count("parts/alarm_bell") == 1
    assert card.compared()[:2] == ["Smoke sensor off, Heat sensor off: the bell stays quiet.",
                                   "You thought: the bell rings."]


def test_the_board_table_shows_the_filled_in_outputs_beside_the_runs(app, level) -> None:
    """While the run plays, the table beside the board has a column of the pupil's own
    outputs (under the Guess button's magnifier), so each row can be compared as it plays."""
    from game.ui.signal_view import _grid, guess_columns

    assert guess_columns(level) == 1
    assert guess_columns(load_level(PROJECT_ROOT / "levels" / "city" / "06-which-works-at-night"
                                    ".yaml")) == 0
    scene = start_play(app, level)
    rect = scene.view.table_rect
    assert rect is not None
    cell, left, top, columns = _grid(rect, level)
    assert columns == 2 + 1 + 1 + 1 + 1  # inputs, arrow, the pupil's, the run's, mark
    box = pygame.Rect(round(left + 3 * cell), round(top + 2 * cell), round(cell), round(cell))
    pixels = app.view.rect(box)

    def looks() -> bytes:
        app.run_frames(1)
        return pygame.image.tobytes(app.surface.subsurface(pixels), "RGB")

    empty = looks()
    scene.predicted(((False,), (True,), (True,), (True,)))  # Guess: no run
    rings = looks()
    scene.prediction = ((False,), (False,), (True,), (True,))
    assert rings != empty and looks() != rings  # row 2's box: empty, ringing, quiet


@pytest.mark.parametrize("lang", ["pseudo", "ar", "nl", "tr", "pl", "uk"])
def test_the_table_screens_fit_at_the_biggest_text_size(data_dir, fake_time, monkeypatch,
                                                         lang) -> None:
    """The picker (and with rows left empty), the run with the chip and the column, and the
    card, in every language and the long pseudo-language, at the biggest text size: no text
    leaves its box (the text audit of tests/test_text_fit_everywhere.py)."""
    from tests.scene_gallery import show
    from tests.test_text_fit_everywhere import open_app

    app = open_app(data_dir, fake_time, lang, 2, monkeypatch)
    try:
        problems = {}
        for name in ("predict_table", "predict_table_missing", "play_predicted_table",
                     "result_explore_table"):
            show(app, name, audit=app.view.audit)
            if app.view.audit.problems():
                problems[name] = app.view.audit.problems()
        assert not problems
    finally:
        app.close()


def test_the_rows_reach_the_arabic_voice_vocalised(data_dir, fake_time) -> None:
    """The picker's and the card's rows, as Noor reads them in Arabic, carry their vowel
    marks (game.spoken): the part names, on and off, what the bell does."""
    import re

    from game.speech import instruction_text
    from tests.scene_gallery import gallery_app, show

    app = gallery_app(data_dir, fake_time, lang="ar")
    vocalise = app.ctx.speech.spoken_text
    try:
        for name, said in (("predict_table", "لَمْ يُمْلَأْ بَعْدُ"),  # not filled in yet
                           ("predict_table_missing", "الجَرَسُ يَبْقى صامِتًا"),  # stays quiet
                           ("result_explore_table", "الجَرَسُ يَرِنُّ")):  # the bell rings
            text = instruction_text(show(app, name))
            words = re.findall("[\u0621-\u064a\u064b-\u0652\u0670]+", vocalise(text))
            bare = [w for w in words if len(w) > 4 and not re.search("[\u064b-\u0652\u0670]", w)]
            assert len(bare) <= 0.1 * len(words), f"{name}: read without marks: {bare}"
            assert said in vocalise(text), name  # a row's words, vocalised
    finally:
        app.close()


def test_a_failed_try_keeps_the_table_and_the_next_run_is_compared(app, fake_time, level):
    """AND first: the run fails (seen, not punished); the table stays as filled in, OR in its
    place and Test again (no second table), and the card compares the first table."""
    scene = start_play(app, level)
    _place(app, scene, "and_gate", (3, 2))
    _place(app, scene, "signal_wire_straight", (4, 2), turns=1)
    picker = _open_picker(app, scene)
    for cell in picker.cells[1:]:  # quiet, rings, rings, rings: what OR does
        post_click(app, cell.rect.center)
    post_click(app, picker.cells[0].rect.center)
    post_click(app, picker.cells[0].rect.center)
    post_click(app, picker.done.rect.center)
    app.step_frame()
    assert scene.prediction == OR_TABLE
    settle(app, fake_time, 10.0, draw_all=False)
    assert scene.mode == "failed" and isinstance(app.ctx.stack.top, PlayScene)
    post_click(app, scene.buttons["remove"].rect.center)
    post_click(app, scene.view.cell_center((3, 2)))
    post_click(app, scene.buttons["remove"].rect.center)
    app.step_frame()
    _place(app, scene, "or_gate", (3, 2))
    post_click(app, scene.buttons["test"].rect.center)
    app.step_frame()
    assert app.ctx.stack.top is scene and scene.mode == "run"  # no second table to fill in
    settle(app, fake_time, 10.0, draw_all=False)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3
    assert result.prediction == OR_TABLE
    assert result.compared()[1::2] == ["Just as you thought."] * 4
