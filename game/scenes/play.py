"""Playing one level: build on the board, press Test, watch it run, improve.

The scene is the design cycle made playable. Editing goes through the undoable
:class:`~game.sim.editor.Editor`; a Test runs the simulation on a frozen copy at a pace a
child can follow; a failure is shown on the board where it happened (a badge and a gentle
wobble) with the guide saying what went wrong, and the board keeps that picture until the
pupil goes back to building.
"""

from __future__ import annotations

import contextlib
import math

import pygame

from game.input import Action, Intent
from game.progress.attempt_log import AttemptLog
from game.scenes.base import Scene, Target
from game.scenes.play_run import (
    LOOP_SOUNDS,
    RUN_LOOPS,
    STOPPING_LOOPS,
    LiveRun,
    draw_timeline,
    failure_marks,
    show_run,
    success_marks,
)
from game.scenes.worlds import completes_world
from game.sim.board import Board, Refusal
from game.sim.catalogue import CATALOGUE
from game.sim.editor import Editor
from game.sim.geometry import Cell
from game.sim.goals import Evaluation, evaluate
from game.sim.model import GoalType, Level, LevelKind
from game.sim.parts import N_
from game.speech import sentences
from game.ui.anim import Tweens, calm, motion
from game.ui.badges import art_exists, draw_part_picture
from game.ui.board_view import MAX_TILE, MIN_TILE, BoardView, Preview, meter_of
from game.ui.guide_view import draw_bubble, draw_guide, refresh_speaker, speaker_button
from game.ui.heat_view import draw_graph, draw_graph_tip, heat_level, split_area
from game.ui.palette_view import PaletteView, draw_part_tip
from game.ui.predict import YOU_THOUGHT, draw_choice
from game.ui.probe import TOOLTIP as PROBE_TOOLTIP
from game.ui.probe import draw_meter, medium_at, probe_line
from game.ui.signal_view import draw_guess
from game.ui.star_rules import star_limits
from game.ui.together import together_sections
from game.ui.view import Painter
from game.ui.weather_strip import GAP as STRIP_GAP
from game.ui.weather_strip import HEIGHT as STRIP_HEIGHT
from game.ui.weather_strip import WeatherStrip
from game.ui.widgets import Button, draw_focus, draw_tooltip, reading_seconds

REFUSALS: dict[Refusal, str] = {
    Refusal.OFF_GRID: N_("That is outside the board."),
    Refusal.BLOCKED: N_("You can't build there."),
    Refusal.OCCUPIED: N_("That spot is taken."),
    Refusal.NONE_LEFT: N_("No more of these left."),
    Refusal.UNKNOWN_PART: N_("That part does not exist."),
    Refusal.EMPTY: N_("There is nothing there."),
    Refusal.LOCKED: N_("This part is fixed in place."),
    Refusal.NO_TOGGLE: N_("This part has no switch."),
    Refusal.NO_ROTATE: N_("This part looks the same every way round."),
}

# layout at 1280x720 (logical)
# The top bar leaves the story room for three lines at 20 px: pupils read it aloud together.
TOP = pygame.Rect(0, 0, 1280, 150)
BUBBLE = pygame.Rect(206, 8, 820, 134)
#: how far Noor's bubble may grow over the top of the board for a long text at a big size
BUBBLE_MAX_H = 290
BOARD_AREA = pygame.Rect(24, 162, 984, 466)
#: logical pixels between Noor's bubble and the board's frame when the bubble grows
BOARD_GAP = 14
PALETTE = pygame.Rect(1032, 158, 232, 470)
TOOLBAR_Y = 642
BTN = 68
DRAG_START = 10  # logical pixels the pointer must move before a press becomes a drag
#: seconds the pointer (or the keyboard cursor) rests on a board part before its tooltip
#: shows: long enough not to flicker while a pupil builds, short enough to be found
PART_TIP_SECONDS = 0.7
MESSAGE_SECONDS = 3.0
#: Noor's corner of the top bar, where she bobs (above the board, which starts lower)
GUIDE_CORNER = pygame.Rect(96, 10, 104, 143)
GUIDE_BOB_FPS = 8  # her bob moves 2 px: eight frames a second are smooth enough
HINT_PULSE_FPS = 12  # a hint's cells pulse slowly (under 1 Hz)
#: seconds after a Test starts in which another press does not stop it: a double click (or a
#: child pressing twice to be sure) must not start and stop the run before anything is seen
STOP_GUARD = 0.45
#: the probe's button, right of Start again; the run's time line moves right to make room
PROBE_X = 470


class PlayScene(Scene):
    music = "play"  # the calm loop, for thinking (see App's music_for)

    def __init__(self, ctx, level: Level) -> None:
        super().__init__(ctx)
        self.level = level
        self.board = Board(level)
        self.editor = Editor(self.board)
        self.view = BoardView(ctx.art, level.world)
        self.view.tweens.calm = lambda: calm(ctx.settings)  # calmer motion: no wobble, no pop
        self.palette = PaletteView(list(level.palette), star_limits(level))
        self.palette.layout(PALETTE)
        self.selected: str | None = None  # palette kind chosen for placing
        # An own part on the board picked by a tap: the Turn button (and R, Delete) act on it.
        self.picked: Cell | None = None
        self.rotation = 0  # how the chosen kind will be placed
        self.remove_mode = False
        self.mode = "edit"  # edit | run | failed | solved
        self.run: LiveRun | None = None
        self._loops: set[str] = set()  # the run's sound loops playing now (RUN_LOOPS)
        self.run_started = 0.0  # self.time when the last Test started (see STOP_GUARD)
        self.bubble_rect = pygame.Rect(BUBBLE)  # where Noor's bubble was drawn last
        self.evaluation: Evaluation | None = None
        self.hints_used = 0
        self.answer: str | None = None
        self.first_answer: str | None = None  # explore levels: the first picture picked
        # Predict, test, explain: the pupil's prediction (made before the first run, kept on
        # screen, shown beside what happened on the result card); whether a run has started.
        self.prediction = None
        self.tested = False
        # The measuring probe: on or off, and the cell it is held to.
        self.probing = False
        self.probe_cell: Cell | None = None
        self.time = 0.0
        self.pointer: tuple[float, float] | None = None
        self.hover_button: str | None = None
        self.keyboard = False  # the last board input came from the keys (use the cursor)
        # Where Tab has put the keyboard focus: None, "palette" (the item is palette.focus),
        # "board" (the cursor), or a button's name. See focus_order.
        self.focus: str | None = None
        self.press: dict | None = None  # what a pointer press started: palette item or piece
        self._tip_cell: Cell | None = None  # the board part the pointer or cursor rests on
        self._tip_wait = 0.0  # for how long
        self.message = ""  # a short note (refusals, prompts) over the story for a moment
        self.message_left = 0.0
        self.mood = "happy"
        self.celebrate_left = 0.0
        self.finale = False  # this solve finished the world (its celebration follows the card)
        self.tweens = Tweens(lambda: calm(ctx.settings))
        self.buttons: dict[str, Button] = {}
        self._chrome: tuple[tuple, pygame.Surface] | None = None
        self._build_buttons()
        # Every go at a level is logged for the teacher (None: try-it mode or no school store).
        self.log: AttemptLog | None = AttemptLog.for_play(ctx, level)
        # A level with its own weather shows it under the board (game.ui.weather_strip).
        self.weather_strip = WeatherStrip.for_level(level)
        # A level with temperatures shows their graph beside or under the board (heat_view).
        self.heat_graph = heat_level(self.board)
        self.graph_rect: pygame.Rect | None = None  # where the graph was drawn last

    # --- helpers -------------------------------------------------------------------------------
    def _(self, msgid: str) -> str:
        return self.ctx.gettext(msgid)

    def sfx(self, name: str, loop: bool = False) -> None:
        audio = self.ctx.audio
        if audio is None:
            return
        if loop:
            with contextlib.suppress(TypeError):  # a stand-in audio without loops: stay quiet
                audio.play(name, loop=True)
        else:
            audio.play(name)

    def stop_sfx(self, *names: str) -> None:
        for name in names:
            self.ctx.audio.stop(name)

    def say(self, msgid: str, mood: str = "thinking", seconds: float = MESSAGE_SECONDS) -> None:
        self.message, self.mood = msgid, mood
        self.message_left = reading_seconds(self._(msgid), seconds)

    def read_aloud_text(self) -> str:
        """What Noor's bubble says now: the task (title and story), a hint, or news. The
        speaker button reads it, and auto-read reads each new one as it appears."""
        _ = self._
        if self.probing and self.probe_cell is not None:
            return self.probe_text(self.probe_cell)
        if self.message_left > 0 or self.mood in ("oops", "cheer"):
            return _(self.message)
        return sentences(_(self.level.title), _(self.level.story))

    @property
    def hints_left(self) -> int:
        return max(0, len(self.level.hints) - self.hints_used)

    def _build_buttons(self) -> None:
        _ = self._
        y = TOOLBAR_Y
        b = {
            "pause": Button(pygame.Rect(16, 6, 72, 68), self.pause, icon="icons/pause",
                            tooltip=_("Pause")),
            "hint": Button(pygame.Rect(1040, 39, 112, 72), self.hint, icon="icons/hint",
                           tooltip=_("Get a hint"), fill="yellow"),
            "parent": Button(pygame.Rect(1168, 39, 96, 72), self.parent_tip, icon="icons/parent",
                             tooltip=_("Discover together: a tip for parents")),
            "undo": Button(pygame.Rect(24, y, BTN, BTN), self.undo, icon="icons/undo",
                           tooltip=_("Undo")),
            "redo": Button(pygame.Rect(104, y, BTN, BTN), self.redo, icon="icons/redo",
                           tooltip=_("Redo")),
            "rotate": Button(pygame.Rect(200, y, BTN, BTN), self.rotate_button,
                             icon="icons/rotate", tooltip=_("Turn")),
            "remove": Button(pygame.Rect(280, y, BTN, BTN), self.toggle_remove,
                             icon="icons/remove", tooltip=_("Take parts away")),
            "reset": Button(pygame.Rect(376, y, BTN, BTN), self.reset, icon="icons/retry",
                            tooltip=_("Start again")),
            "fast": Button(pygame.Rect(904, y, BTN + 12, BTN), self.toggle_fast,
                           icon="icons/fast", tooltip=_("Faster")),
            "test": Button(pygame.Rect(1000, y, 264, BTN), self.test_or_stop, label=_("Test"),
                           icon="icons/test", fill="green", text_color="white", text_size=30,
                           tooltip=_("Test your machine")),
        }
        # Under the pause button, beside Noor: hear what her bubble says.
        speak = speaker_button(self.ctx, pygame.Rect(16, 82, 72, 64), self.read_aloud_text)
        if speak is not None:
            b["speak"] = speak
        if self.level.kind == LevelKind.EXPLORE and self.level.question is not None:
            # The magnifier of explore levels (as on their level cards), not a "?" glued to the
            # word: a question mark is written differently in Arabic.
            b["answer"] = Button(pygame.Rect(680, y, 208, BTN), self.ask, label=_("Answer"),
                                 icon="icons/explore", fill="purple", text_size=28,
                                 tooltip=_("Answer the question"))
        if self.level.predict is not None:
            # Predict before the first run: the same magnifier; after the pick the button
            # shows the prediction itself (kept on screen during the run).
            b["predict"] = Button(pygame.Rect(680, y, 208, BTN), self.open_predict,
                                  label=_("Guess"), icon="icons/explore", fill="purple",
                                  text_size=28, tooltip=_("Guess what will happen"))
        if self.level.probe:
            b["probe"] = Button(pygame.Rect(PROBE_X, y, BTN, BTN), self.toggle_probe,
                                icon="icons/probe", tooltip=_(PROBE_TOOLTIP))
        self.buttons = b

    def _refresh_buttons(self) -> None:
        _ = self._
        b = self.buttons
        running = self.mode == "run"
        editing = self.mode in ("edit", "failed")
        b["undo"].enabled = editing and self.editor.can_undo
        b["redo"].enabled = editing and self.editor.can_redo
        b["rotate"].enabled = editing
        b["remove"].enabled = editing
        b["remove"].fill = "vermillion" if self.remove_mode else "paper"
        b["reset"].enabled = editing and self.editor.can_undo
        b["hint"].enabled = self.hints_left > 0 and not running
        b["fast"].enabled = running
        b["fast"].fill = "yellow" if self.run is not None and self.run.fast else "paper"
        test = b["test"]
        if running:  # only while the machine runs: after a run the button tests again
            test.label, test.icon, test.fill, test.text_color = (
                _("Stop"), "icons/stop", "paper", "ink")
        else:
            test.label, test.icon, test.fill, test.text_color = (
                _("Test"), "icons/test", "green", "white")
        if "answer" in b:
            b["answer"].enabled = not running
            b["answer"].label = _("Answer")
        if "predict" in b:  # a prediction is made before the first run, then kept
            b["predict"].enabled = not running and not self.tested
            b["predict"].label = _("Guess")
        if "probe" in b:
            b["probe"].fill = "yellow" if self.probing else "paper"

    # --- lifecycle -----------------------------------------------------------------------------
    def enter(self) -> None:
        self._refresh_buttons()

    def exit(self) -> None:
        self.stop_sfx(*LOOP_SOUNDS)
        # Covered by an overlay or gone: forget the pointer, or its tooltip would show through.
        self.hover_button = None
        self.palette.hover = None
        self.press = None

    def on_close(self) -> None:
        super().on_close()
        # Left for good (not just covered by the pause menu): unsolved means gave up.
        if self.log is not None:
            self.log.left(self.board)
            self.log = None

    # --- actions (buttons and keys) -------------------------------------------------------------
    def pause(self) -> None:
        self.sfx("click")
        self.ctx.push("pause", level=self.level)

    def parent_tip(self) -> None:
        """"Samen ontdekken": what the technology is, where it is used, what to try at home."""
        self.ctx.push("info_card", title=N_("Discover together"), icon="icons/parent",
                      mood="happy", sections=together_sections(self.level.parent_tip))

    def hint(self) -> None:
        if self.hints_left <= 0 or self.mode == "run":
            return
        self.back_to_edit()
        self.hints_used += 1
        if self.log is not None:
            self.log.hint_opened(self.hints_used)
        self.sfx("hint")
        self._show_hints()
        hint = self.level.hints[self.hints_used - 1]
        self.say(hint.text, "thinking", seconds=1e9)
        self._refresh_buttons()

    def _show_hints(self) -> None:
        opened = self.level.hints[: self.hints_used]
        cells: list[Cell] = []
        ghost = None
        for h in opened:
            cells.extend(c for c in h.cells if c not in cells)
            ghost = h.ghost or ghost
        self.view.hint_cells = tuple(cells)
        self.view.hint_ghost = ghost

    def undo(self) -> None:
        self.back_to_edit()
        self._edit(self.editor.undo, "remove")

    def redo(self) -> None:
        self.back_to_edit()
        self._edit(self.editor.redo, "place")

    def reset(self) -> None:
        self.back_to_edit()
        version = self.editor.version
        self._edit(self.editor.reset, "remove")
        if self.log is not None and self.editor.version != version:
            self.log.board_reset()

    def _edit(self, do, sound: str) -> None:
        """Undo/redo/reset: pop the parts that changed so the pupil sees what happened."""
        before = dict(self.board.pieces)
        if do():
            self.sfx(sound)
            for cell, piece in self.board.pieces.items():
                if before.get(cell) is not piece:
                    self.view.pop(cell)
        self._after_edit()

    def toggle_remove(self) -> None:
        self.back_to_edit()
        self.remove_mode = not self.remove_mode
        if self.remove_mode:
            self.selected = None
        self.sfx("click")
        self._after_edit()

    def rotate_button(self) -> None:
        """Turn: the keyboard's cursor part, else the board part picked by a tap, else the
        part chosen in the box (mouse, touch and keys alike)."""
        self.back_to_edit()
        cell = self.view.cursor if self.keyboard else self._picked_cell()
        self.rotate_at(cell, 1)

    def _picked_cell(self) -> Cell | None:
        """The picked board part, while it is still there and the pupil's own."""
        piece = self.board.piece_at(self.picked) if self.picked is not None else None
        if piece is None or piece.locked:
            self.picked = None
            return None
        return self.picked

    def toggle_fast(self) -> None:
        if self.run is not None:
            self.run.fast = not self.run.fast
            self.sfx("click")
            self._refresh_buttons()

    def test_or_stop(self) -> None:
        """Test while building (and again after a run has ended); Stop while it runs, but
        not in the first moment of a run (a double click would show nothing)."""
        if self.mode == "run":
            if self.time - self.run_started < STOP_GUARD:
                return
            self.back_to_edit()
            self.sfx("click")
            return
        if self.level.predict is not None and self.prediction is None:
            self.open_predict(then_test=True)  # predict first, then the run tests it
            return
        self.back_to_edit()
        self.start_test()

    def ask(self) -> None:
        """Explore levels: open the question (picture choices)."""
        if self.level.question is None or self.mode == "run":
            return
        self.sfx("click")
        self.ctx.push("question", question=self.level.question, on_answer=self.answered)

    def open_predict(self, then_test: bool = False) -> None:
        """Explore levels with a prediction: pick what will happen, before the first run."""
        if self.level.predict is None or self.mode == "run" or self.tested:
            return
        self.sfx("click")
        picker = "predict_table" if self.level.predict.kind == "table" else "question"
        self.ctx.push(picker, question=self.level.predict, level=self.level,
                      on_answer=lambda choice: self.predicted(choice, then_test))

    def predicted(self, choice, then_test: bool = False) -> None:
        """The pupil's prediction: kept on screen, never judged (the run is the test)."""
        self.prediction = choice
        self._refresh_buttons()
        if then_test:
            self.back_to_edit()
            self.start_test()
        else:
            self.say(N_("Now press Test and see what happens!"), "happy")

    # --- the measuring probe ----------------------------------------------------------------
    def toggle_probe(self) -> None:
        """The meter on or off. On, a click, a tap or the keyboard cursor holds it to a part
        (during a run and after it too); building waits until it is off again."""
        self.probing = not self.probing
        self.sfx("click")
        if self.probing:
            self.selected, self.remove_mode, self.picked = None, False, None
            self.palette.focus = None
            self.probe_cell = self.view.cursor if self.keyboard else None
        else:
            self.probe_cell = None
        self._after_edit()

    def probe_reading(self, cell: Cell):
        """The simulation's reading at ``cell`` in the tick on screen (None: no run to read,
        or nothing flows there)."""
        if self.run is None:
            return None
        return self.run.state.meter.get(cell)

    def probe_text(self, cell: Cell) -> str:
        board = self.run.board if self.run is not None else self.board
        piece = board.piece_at(cell)
        return probe_line(self.probe_reading(cell), medium_at(piece.kind if piece else None),
                          self.run is not None, self._, self.ctx.ngettext, piece is not None,
                          self.ctx.settings.language)

    def _hold_probe(self, cell: Cell | None) -> None:
        if cell is not None and cell != self.probe_cell:
            self.probe_cell = cell
            self.view.cursor = cell

    def answered(self, kind: str) -> None:
        if self.first_answer is None:
            self.first_answer = kind  # the pupil's prediction, for the result card
        self.answer = kind
        if self.mode == "failed" and self.run is not None and self._only_answer_missing():
            self._judge()
        elif self.mode == "edit" or self.mode == "failed":
            self.say(N_("Now press Test to check!"), "happy")

    # --- the test run -----------------------------------------------------------------------
    def start_test(self) -> None:
        self.remove_mode = False
        self.press = None
        self.run = LiveRun(self.board)
        self._loops.clear()
        self.mode = "run"
        self.tested = True  # the prediction is made: it stays as it is from now on
        self.run_started = self.time
        if self.log is not None:
            self.log.test_started(self.board, self.hints_used, self.answer)
        self.evaluation = None
        self.view.marks = {}
        self.view.tweens.clear("wobble")
        self.message_left = 0
        self.mood = "happy"
        self.sfx("test_start")
        self._show_run()
        self._run_sounds()
        self._refresh_buttons()

    def _show_run(self) -> None:
        show_run(self.view, self.run, self.mode == "run")

    def _run_sounds(self) -> None:
        s = self.run.state if self.run else None
        if s is None or self.mode != "run":
            self.stop_sfx(*LOOP_SOUNDS)
            return
        for fact, sound in RUN_LOOPS:  # each loop starts once, when its fact first names a cell
            if s.fact(fact) and sound not in self._loops:
                self._loops.add(sound)
                self.sfx(sound, loop=True)
            elif not s.fact(fact) and sound in self._loops and sound in STOPPING_LOOPS:
                self._loops.discard(sound)  # a fridge that stopped cooling falls quiet
                self.stop_sfx(sound)

    def back_to_edit(self) -> None:
        """Stop a run at once (or leave the failed picture) and make the board editable."""
        if self.mode == "edit":
            return
        self.mode = "edit"
        self.run = None
        self._loops.clear()
        self.stop_sfx(*LOOP_SOUNDS)
        self.view.marks = {}
        self.view.tweens.clear("wobble")
        if self.mood == "oops":
            self.message_left = 0
            self.mood = "happy"
        self._show_run()
        self._refresh_buttons()

    def _only_answer_missing(self) -> bool:
        ev = self.evaluation
        return ev is not None and bool(ev.failures) and all(
            r.goal.type == GoalType.ANSWER for r in ev.failures)

    def _judge(self) -> None:
        """The run has ended: say how it went, on the board."""
        run = self.run
        self.stop_sfx(*LOOP_SOUNDS)
        ev = evaluate(run.board, run.states, self.hints_used, self.answer)
        self.evaluation = ev
        self.palette.reached = ev.checks  # the star limits under the parts: reached or not
        if ev.solved:
            self._record(ev)
            self.mode = "solved"
            self.view.marks = success_marks(run.board)
            self.mood = "cheer"
            self.say(N_("It works!"), "cheer", seconds=1e9)
            self.sfx("success")
            self.celebrate_left = 0.8
            self._refresh_buttons()
            return
        if self._only_answer_missing() and self.answer is None:
            self.mode = "failed"
            self._refresh_buttons()
            self.say(N_("It works! Now answer the question."), "happy", seconds=1e9)
            self.ask()
            return
        self._record(ev)
        self.mode = "failed"
        first = ev.failures[0]
        marks = failure_marks(ev)
        self.view.marks = marks
        self.view.wobble(marks)
        self.sfx("not_yet")
        self.say(first.message, "oops", seconds=1e9)
        self._refresh_buttons()

    def _record(self, ev: Evaluation) -> None:
        store = self.ctx.store
        self.finale = ev.solved and completes_world(store, self.ctx.levels, self.level)
        if store is not None:
            store.record_result(self.level.id, ev.stars, ev.solved, ev.parts_used, ev.hints_used)
        if self.log is not None:
            self.log.test_judged(ev.solved, ev.stars, self.hints_used, self.answer)

    def _show_result(self) -> None:
        self.ctx.push("result", level=self.level, evaluation=self.evaluation,
                      on_replay=self.replay, first_answer=self.first_answer,
                      prediction=self.prediction, finale=self.finale)

    def replay(self) -> None:
        self.ctx.replace("play", level=self.level)

    # --- editing ------------------------------------------------------------------------------
    def refuse(self, cell: Cell | None = None) -> None:
        reason = self.editor.last_refusal
        if reason is not None:
            self.say(REFUSALS.get(reason, N_("That does not fit there.")), "thinking")
        if cell is not None and self.board.in_grid(cell):
            self.view.shake(cell)
        self.sfx("not_yet")

    def place_at(self, cell: Cell) -> None:
        if self.selected is None:
            self.say(N_("Pick a part from the box first."), "thinking")
            return
        if self.editor.place(self.selected, cell, self.rotation):
            self.view.pop(cell)
            self.sfx("place")
        else:
            if self.editor.last_refusal == Refusal.NONE_LEFT and self.selected in self.palette.kinds:
                self.palette.shake[self.palette.kinds.index(self.selected)] = 0.35
            self.refuse(cell)
        self._after_edit()

    def remove_at(self, cell: Cell | None) -> None:
        if cell is None:
            return
        if self.editor.remove(cell):
            self.sfx("remove")
        else:
            self.refuse(cell)
        self._after_edit()

    def toggle_at(self, cell: Cell) -> None:
        if self.editor.toggle(cell):
            self.sfx("toggle")
            self.view.pop(cell)
        else:
            self.refuse(cell)
        self._after_edit()

    def rotate_at(self, cell: Cell | None, turns: int) -> None:
        """Turn the part at ``cell`` if it is the pupil's, else the chosen palette part."""
        piece = self.board.piece_at(cell) if cell is not None else None
        if piece is not None and (not piece.locked or self.selected is None):
            if self.editor.rotate(cell, turns):
                self.view.turn(cell, turns)
                self.sfx("rotate")
            else:
                self.refuse(cell)
        elif self.selected is not None:
            if CATALOGUE[self.selected].rotates:
                self.rotation = (self.rotation + turns) % 4
                self.sfx("rotate")
            else:
                self.say(REFUSALS[Refusal.NO_ROTATE], "thinking")
        self._after_edit()

    def select_kind(self, index: int) -> None:
        if self.probing:  # a part from the box: back to building, the meter goes away
            self.toggle_probe()
        kind = self.palette.kinds[index]
        self.remove_mode = False
        if self.selected != kind:
            self.rotation = 0
        self.selected = kind
        self.picked = None  # the box's part is what Turn acts on now
        self.palette.focus = index
        if self.board.palette_left.get(kind, 0) <= 0:
            self.palette.shake[index] = 0.35
            self.say(REFUSALS[Refusal.NONE_LEFT], "thinking")
            self.sfx("not_yet")
        else:
            self.sfx("click")
        self._after_edit()

    def _after_edit(self) -> None:
        self.view.version = self.editor.version
        self.view.remove_mode = self.remove_mode
        self._refresh_buttons()

    def _target_cell(self) -> Cell | None:
        """Where a key acts: the keyboard cursor, or the cell under the pointer."""
        if self.keyboard or self.pointer is None:
            return self.view.cursor
        return self.view.cell_at(self.pointer)

    # --- keyboard focus -----------------------------------------------------------------------
    #: the buttons Tab reaches after the board: the toolbar left to right, then the top bar
    BUTTON_ORDER = ("undo", "redo", "rotate", "remove", "reset", "probe", "predict", "answer",
                    "fast", "test", "pause", "speak", "hint", "parent")

    def _shown(self, name: str) -> bool:
        b = self.buttons.get(name)
        return b is not None and b.enabled and (name != "fast" or self.mode == "run")

    def focus_order(self) -> list[str]:
        """Tab's stops: every part in the box, the board, then the buttons (the box and the
        board only while building: the board is read-only during a run)."""
        build = self.mode != "run"
        parts = [f"palette:{i}" for i in range(len(self.palette.kinds))] if build else []
        board = ["board"] if build or self.probing else []  # the probe measures during a run
        return [*parts, *board, *(n for n in self.BUTTON_ORDER if self._shown(n))]

    def focus_stop(self) -> str | None:
        if self.focus in (None, "palette") and self.palette.focus is not None:
            return f"palette:{self.palette.focus}"
        if self.focus == "board" or (self.focus is None and self.keyboard
                                     and self.view.cursor is not None):
            return "board"
        return self.focus if self.focus in self.buttons else None

    def targets(self) -> list[Target]:
        out = [Target.of(r, f"palette:{i}") for i, r in enumerate(self.palette.rects)]
        out += [Target.of(self.view.cell_rect((x, y)), "board")
                for y in range(self.board.height) for x in range(self.board.width)]
        out += [Target.of(self.buttons[n].rect, n) for n in self.BUTTON_ORDER if self._shown(n)]
        if self.mode == "run":
            out = [t for t in out if not t.stop.startswith("palette")
                   and (t.stop != "board" or self.probing)]
        return out

    def move_focus(self, step: int) -> None:
        """Tab / Shift+Tab: the next stop; a part in the box is taken as the focus lands."""
        order = self.focus_order()
        if not order:
            return
        here = self.focus_stop()
        if here in order:
            nxt = order[(order.index(here) + step) % len(order)]
        else:
            nxt = order[0] if step > 0 else order[-1]
        if nxt.startswith("palette:"):
            self.focus = "palette"
            self.select_kind(int(nxt.partition(":")[2]))
            self.keyboard = True
            return
        self.palette.focus = None
        self.focus = nxt
        if nxt == "board":
            self.keyboard = True
            self._ensure_cursor()

    def _keep_focus(self, before: list[str], name: str) -> None:
        """A pressed button that went away (Redo with nothing left to redo, Fast after the
        run) hands the focus to the nearest stop before it that is still there."""
        if self.focus != name or self._shown(name):
            return
        now = self.focus_order()
        i = before.index(name) if name in before else 0
        for stop in [*reversed(before[:i]), *before[i + 1:]]:
            if stop in now and not stop.startswith("palette:"):
                self.focus = stop
                return
        self.focus = None

    # --- input ------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        it = action.intent
        if it in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE):
            return False
        if it == Intent.POINTER_MOVE:
            self._pointer_move(action.pos)
            return True
        if it == Intent.POINTER_DOWN:
            self.keyboard = False
            self.focus = None  # the pointer took over: no focus ring until a key again
            self._pointer_down(action.pos)
            return True
        if it == Intent.POINTER_UP:
            self._pointer_up(action.pos)
            return True
        if it == Intent.BACK:
            if self.press is not None:
                self.press = None
            elif self.probing:
                self.toggle_probe()
            elif self.remove_mode or self.selected is not None or self.picked is not None:
                self.remove_mode, self.selected, self.picked = False, None, None
                self._after_edit()
            else:
                self.pause()
            return True
        if it == Intent.TEST:
            self.test_or_stop()
            return True
        if it == Intent.HINT:
            self.hint()
            return True
        if it in (Intent.NEXT, Intent.PREVIOUS):
            self.move_focus(1 if it == Intent.NEXT else -1)
            return True
        if it == Intent.SELECT and self.focus in self.buttons:
            order, name = self.focus_order(), self.focus
            if self._shown(name):
                self.buttons[name].on_click()
                self._keep_focus(order, name)
            return True
        if self.probing and it in (Intent.UP, Intent.DOWN, Intent.LEFT, Intent.RIGHT):
            self.focus, self.palette.focus = "board", None
            held = self.probe_cell is not None
            self._move_cursor(it)  # a held meter goes where the cursor goes, in a run too
            self.probe_cell = self.view.cursor if held else None
            return True
        if self.probing and it == Intent.SELECT and self.focus in (None, "board"):
            # Enter holds the meter to the cursor's cell, or takes it off that cell again
            self.keyboard = True
            cell = self._ensure_cursor()
            self.probe_cell = None if self.probe_cell == cell else cell
            return True
        if self.mode == "run":
            return True  # the board is read-only while the machine runs
        if it == Intent.UNDO:
            self.undo()
        elif it == Intent.REDO:
            self.redo()
        elif it in (Intent.ROTATE, Intent.ROTATE_BACK):
            self.back_to_edit()
            turns = action.amount if it == Intent.ROTATE else -action.amount
            if action.pos is not None:  # right-click: what is under the pointer
                self.pointer = action.pos
                self.keyboard = False
                cell = self.view.cell_at(action.pos)
            else:
                cell = self._target_cell()
            self.rotate_at(cell, turns)
        elif it == Intent.REMOVE:
            self.back_to_edit()
            self.remove_at(self._target_cell())
        elif it in (Intent.UP, Intent.DOWN, Intent.LEFT, Intent.RIGHT):
            if self.focus != "board":  # the arrows always move the board cursor
                self.focus, self.palette.focus = "board", None
            self._move_cursor(it)
        elif it == Intent.SELECT:
            self.back_to_edit()
            self.keyboard = True
            self._enter_at(self._ensure_cursor())
        return True

    def _ensure_cursor(self) -> Cell:
        if self.view.cursor is None:
            self.view.cursor = (self.board.width // 2, self.board.height // 2)
        return self.view.cursor

    def _move_cursor(self, it: Intent) -> None:
        self.keyboard = True
        if self.view.cursor is None:
            self._ensure_cursor()
            return
        dx, dy = {Intent.UP: (0, -1), Intent.DOWN: (0, 1), Intent.LEFT: (-1, 0),
                  Intent.RIGHT: (1, 0)}[it]
        x, y = self.view.cursor
        self.view.cursor = (min(self.board.width - 1, max(0, x + dx)),
                            min(self.board.height - 1, max(0, y + dy)))

    def _enter_at(self, cell: Cell) -> None:
        """Enter on a cell: toggle a switch there, else place the chosen part."""
        piece = self.board.piece_at(cell)
        if self.remove_mode:
            self.remove_at(cell)
        elif piece is not None and piece.spec.toggle and not piece.broken:
            self.toggle_at(cell)
        else:
            self.place_at(cell)

    def _pointer_move(self, pos) -> None:
        self.pointer = pos
        self.palette.hover = self.palette.index_at(pos)
        self.hover_button = self._button_at(pos)
        self.view.hover = self.view.cell_at(pos) if self.mode != "run" else None
        if self.probing and self.press is None:
            self._hold_probe(self.view.cell_at(pos))  # the mouse holds the meter where it is
        if self.press is not None and not self.press.get("drag"):
            sx, sy = self.press["pos"]
            if pos is not None and math.hypot(pos[0] - sx, pos[1] - sy) > DRAG_START:
                self.press["drag"] = True

    def _button_at(self, pos) -> str | None:
        for name, b in self.buttons.items():
            if b.enabled and b.hit(pos):
                return name
        return None

    def _pointer_down(self, pos) -> None:
        self.pointer = pos
        name = self._button_at(pos)
        if name is not None:
            self.press = {"button": name, "pos": pos}
            return
        if self.probing:  # a click or a tap holds the meter there (and builds nothing)
            self._hold_probe(self.view.cell_at(pos))
            return
        if self.mode == "run":
            return
        i = self.palette.index_at(pos)
        if i is not None:
            self.back_to_edit()
            self.select_kind(i)
            self.press = {"palette": i, "pos": pos}
            return
        cell = self.view.cell_at(pos)
        if cell is None:
            return
        self.back_to_edit()
        self.view.cursor = cell
        self.press = {"cell": cell, "pos": pos}

    def _pointer_up(self, pos) -> None:
        press, self.press = self.press, None
        self.pointer = pos
        if press is None:
            return
        if "button" in press:
            if self._button_at(pos) == press["button"]:
                self.buttons[press["button"]].on_click()
            return
        if self.mode == "run":
            return
        cell = self.view.cell_at(pos)
        if "palette" in press:
            if press.get("drag") and cell is not None:  # dragged from the box onto the board
                self.view.cursor = cell
                self.place_at(cell)
            return
        start = press["cell"]
        piece = self.board.piece_at(start)
        if press.get("drag") and piece is not None and cell is None and self._over_box(pos):
            self.picked = None  # dragged back into the box: it goes back in (one undo step)
            self.remove_at(start)
            return
        if press.get("drag") and piece is not None and cell is not None and cell != start:
            self._move_piece(start, cell)
            return
        if cell != start:
            return
        self._click_cell(cell)

    def _click_cell(self, cell: Cell) -> None:
        piece = self.board.piece_at(cell)
        self.picked = None
        if self.remove_mode:
            self.remove_at(cell)
        elif piece is None:
            self.place_at(cell)
        elif piece.spec.toggle and not piece.broken:
            self.toggle_at(cell)
        elif not piece.locked:
            # An own part: a tap turns it (what a young child tries first, and what the hints
            # say) and picks it, so the Turn button, R and Delete act on it next.
            self.keyboard = True
            self.view.cursor = cell
            self.picked = cell
            if piece.spec.rotates:
                self.rotate_at(cell, 1)
            else:
                self.sfx("click")
        elif piece.broken:
            self.keyboard = True
            self.view.cursor = cell
            self.say(N_("This part is broken. Take it away and put a good one there."), "thinking")
        else:  # a level part: with a part in hand the spot is taken, else it is fixed
            self.editor.last_refusal = Refusal.OCCUPIED if self.selected else Refusal.LOCKED
            self.refuse(cell)

    def _over_box(self, pos) -> bool:
        return pos is not None and self.palette.area.collidepoint(pos)

    def _move_piece(self, start: Cell, to: Cell) -> None:
        """Drag an own part to another cell, turned the same: one step to undo."""
        if self.editor.move(start, to):
            self.view.pop(to)
            self.view.cursor = to
            self.picked = to if self.picked == start else self.picked
            self.sfx("place")
        else:
            self.refuse(to if self.editor.last_refusal != Refusal.LOCKED else start)
        self._after_edit()

    # --- frame ------------------------------------------------------------------------------
    def _resting_on(self) -> Cell | None:
        """The board part under the keyboard cursor (board focus) or the pointer, if any."""
        if self.keyboard:
            cell = self.view.cursor if self.focus in (None, "board") else None
        else:
            cell = self.view.cell_at(self.pointer)
        return cell if cell is not None and cell in self.board.pieces else None

    def update(self, dt: float) -> None:
        self.time += dt
        cell = self._resting_on()
        if cell != self._tip_cell:
            self._tip_cell, self._tip_wait = cell, 0.0
        else:
            self._tip_wait += dt
        self.view.update(dt)
        self.palette.update(dt)
        if self.message_left > 0:
            self.message_left -= dt
            if self.message_left <= 0 and self.mood not in ("oops", "cheer"):
                self.mood = "happy"
        if self.mode == "run" and self.run is not None:
            news = self.run.update(dt)
            for sound in sorted(news.sounds):
                self.sfx(sound)
            self._run_sounds()
            if self.run.finished:
                self._show_run()
                self._judge()
            self._show_run()
        if self.mode == "solved" and self.celebrate_left > 0:
            self.celebrate_left -= dt
            if self.celebrate_left <= 0:
                self._show_result()

    def idle_motion(self) -> float | None:
        """While a pupil looks and thinks, only Noor bobs (a few frames a second, only her
        corner: see draw_motion) and a hint's cells pulse; a run, a tween, a note that goes
        away, a press: every frame."""
        if (self.mode != "edit" or self.message_left > 0 or self.press is not None
                or self.view.tweens or self.palette.shake
                or (self._tip_cell is not None and self._tip_wait < PART_TIP_SECONDS)):
            return None  # (a part's tooltip is about to show)
        if self.view.hint_cells:
            return HINT_PULSE_FPS
        return 0.0 if motion(self.ctx.settings) == 0 else GUIDE_BOB_FPS

    def draw_motion(self, painter: Painter) -> list[pygame.Rect] | None:
        """Noor's bob: her corner of the top bar drawn again over the backdrop, clipped to it
        (the bubble's tail, a button's focus ring or tooltip there are drawn again too)."""
        if self._chrome is None or self.view.hint_cells:
            return None
        surface = painter.surface
        clip = surface.get_clip()
        win = painter.view.rect(GUIDE_CORNER).clip(clip)
        surface.set_clip(win)
        try:
            surface.blit(self._chrome[1], win, area=win)
            self._draw_top(painter)
            self._draw_tooltips(painter)
        finally:
            surface.set_clip(clip)
        return [win]

    def _preview(self) -> Preview | None:
        if self.mode != "edit" or self.remove_mode:
            return None
        kind = self.selected
        dragging = self.press is not None and self.press.get("drag")
        cell = None
        if self.press is not None and "cell" in self.press and dragging:
            piece = self.board.piece_at(self.press["cell"])
            if piece is None or piece.locked:
                return None
            kind, rot = piece.kind, piece.rotation
            cell = self.view.cell_at(self.pointer)
            if cell is None or cell == piece.at:
                return None
            ok = cell not in self.board.pieces and cell not in self.board.blocked
            return Preview(kind, cell, rot, ok)
        if kind is None:
            return None
        cell = self.view.cursor if self.keyboard else self.view.cell_at(self.pointer)
        if cell is None:
            return None
        if not self.keyboard and cell in self.board.pieces and not dragging:
            return None  # pointing at a part: the click acts on that part, not a placement
        return Preview(kind, cell, self.rotation, self.board.can_place(kind, cell) is None)

    def draw(self, painter: Painter) -> None:
        _ = self._
        self._draw_backdrop(painter)
        # Noor's bubble first: a long story at a big text size makes it taller, and then the
        # board moves down and gets smaller tiles. The bubble never covers the board.
        self.bubble_rect = self._draw_top(painter)
        area = self.board_area(self.bubble_rect)
        self.graph_rect = None
        if self.heat_graph:
            area, self.graph_rect = split_area(area, self.board, MIN_TILE, MAX_TILE)
        self.view.layout(area, self.board, painter.view)
        self.view.preview = self._preview()
        cursor = self.view.cursor
        if self.focus in self.buttons:
            self.view.cursor = None  # one focus ring at a time: it is on a button now
        self.view.draw(painter, self.time)
        # a table to fill in: the pupil's outputs in their columns of it
        draw_guess(painter, self.view.table_rect, self.level, self.prediction)
        self.view.cursor = cursor
        self._draw_weather(painter)
        self._draw_graph(painter)
        self._draw_toolbar(painter)
        self.palette.draw(painter, self.board.palette_left, self.selected, self.rotation,
                          _("Parts"), enabled=self.mode != "run", new=frozenset(self.level.new_parts))
        self._draw_drag(painter)
        self._draw_probe(painter)
        self._draw_tooltips(painter)

    def _draw_probe(self, painter: Painter) -> None:
        """The meter held to a cell: a ring on the cell and what flows there."""
        cell = self.probe_cell
        if not self.probing or cell is None or not self.board.in_grid(cell):
            return
        v = painter.view
        with v.keep_ltr(self.view.area):  # where the (never mirrored) board shows the cell
            px = v.rect(self.view.cell_rect(cell))
        anchor = v.logical_rect(px)
        painter.rect("vermillion", anchor.inflate(6, 6), 10, 4)
        board = self.run.board if self.run is not None else self.board
        piece = board.piece_at(cell)
        draw_meter(painter, anchor, self.probe_reading(cell),
                   medium_at(piece.kind if piece else None), self.run is not None,
                   self.probe_text(cell), self.ctx.settings.language)

    def _draw_backdrop(self, painter: Painter) -> None:
        """The world behind the board, veiled, and the top bar: drawn once per window size,
        because a full-screen translucent layer every frame costs an old PC a millisecond."""
        surf = painter.surface
        key = (surf.get_size(), painter.view.scale, painter.view.offset, id(painter.art))
        if self._chrome is None or self._chrome[0] != key:
            layer = pygame.Surface(surf.get_size())
            p = Painter(layer, painter.view, painter.art, painter.fonts)
            name = f"worlds/{self.level.world}"
            if art_exists(painter.art, name):
                p.image(name, (0, 0, 1280, 720))
            else:
                p.rect("sky", (0, 0, 1280, 720))
                p.rect("grass", (0, 560, 1280, 160))
            p.rect((255, 253, 246, 120), (0, 0, 1280, 720))
            p.rect((255, 253, 246, 235), TOP)
            p.line("tile_edge", (0, TOP.bottom), (1280, TOP.bottom), 3)
            self._chrome = (key, layer)
        surf.blit(self._chrome[1], (0, 0))

    def bubble_max_height(self) -> int:
        """How tall Noor's bubble may grow: never so tall that the board gets tiles smaller
        than a part can be read at (BoardView's MIN_TILE)."""
        room = self._board_bottom() - self.board.height * MIN_TILE - BOARD_GAP - BUBBLE.top
        return max(BUBBLE.height, min(BUBBLE_MAX_H, room))

    def board_area(self, bubble: pygame.Rect) -> pygame.Rect:
        """Where the board may be: BOARD_AREA, starting below the bubble when it grew."""
        top = max(BOARD_AREA.top, bubble.bottom + BOARD_GAP)
        return pygame.Rect(BOARD_AREA.x, top, BOARD_AREA.width, self._board_bottom() - top)

    def _board_bottom(self) -> int:
        """The board's lowest edge: above the weather strip when the level has one."""
        if self.weather_strip is None:
            return BOARD_AREA.bottom
        return BOARD_AREA.bottom - STRIP_HEIGHT - STRIP_GAP

    def _draw_weather(self, painter: Painter) -> None:
        """The weather strip under the board: the forecast, and the run's present tick."""
        if self.weather_strip is None:
            return
        self.weather_strip.layout(pygame.Rect(BOARD_AREA.x, BOARD_AREA.bottom - STRIP_HEIGHT,
                                              BOARD_AREA.width, STRIP_HEIGHT))
        self.weather_strip.draw(painter, self.run.state.tick if self.run is not None else None)

    def _draw_graph(self, painter: Painter) -> None:
        """The temperatures of the run so far, a line per part with a band and thermometer."""
        if self.graph_rect is None:
            return
        run = self.run
        board = run.board if run is not None else self.board
        states = run.states if run is not None else []
        draw_graph(painter, self.graph_rect, board, states, self.level.ticks)

    def _draw_top(self, painter: Painter) -> pygame.Rect:
        """The top bar; returns the rect Noor's bubble took."""
        _ = self._
        bob = 2 * math.sin(self.time * 2.0) * motion(self.ctx.settings)
        draw_guide(painter, self.mood, (98, 14, 100, 136), bob)
        if self.message_left > 0 or self.mood in ("oops", "cheer"):
            text = _(self.message)
        else:
            text = _(self.level.story)
        fill = "cream" if self.mood != "oops" else "paper"
        bubble = draw_bubble(painter, BUBBLE, _(self.level.title), text, tail=(186, 72),
                             fill=fill, text_size=22, max_height=self.bubble_max_height())
        for name in ("pause", "hint", "parent"):
            self._draw_button(painter, self.buttons[name])
        if "speak" in self.buttons:
            refresh_speaker(self.buttons["speak"], self.ctx)
            self._draw_button(painter, self.buttons["speak"])
        hb = self.buttons["hint"].rect
        c = (hb.right - 8, hb.top + 8)
        painter.circle("ink", c, 17)
        painter.circle("blue" if self.hints_left else "ink_soft", c, 15)
        painter.text(str(self.hints_left), c, 20, "white", bold=True, align="center")
        return bubble

    def _draw_button(self, painter: Painter, b: Button) -> None:
        hovered = self.hover_button is not None and self.buttons[self.hover_button] is b
        pressed = self.press is not None and self.buttons.get(self.press.get("button", "")) is b
        focused = self.focus in self.buttons and self.buttons[self.focus] is b
        b.draw(painter, focused=focused and b.enabled, hovered=hovered, pressed=pressed)

    def _draw_toolbar(self, painter: Painter) -> None:
        for name, b in self.buttons.items():
            if name in ("pause", "speak", "hint", "parent"):
                continue
            if name == "fast" and self.mode != "run":
                continue
            if name == "predict" and self.prediction is not None:
                continue  # drawn as the prediction itself (see _draw_prediction)
            self._draw_button(painter, b)
        if self.prediction is not None and "predict" in self.buttons:
            self._draw_prediction(painter, self.buttons["predict"])
        if self.mode in ("run", "failed", "solved") and self.run is not None:
            left = PROBE_X + BTN + 12 if "probe" in self.buttons else 474
            right = 668 if "answer" in self.buttons or "predict" in self.buttons else 892
            self._draw_timeline(painter, pygame.Rect(left, TOOLBAR_Y + 14, right - left, 40))

    def _draw_prediction(self, painter: Painter, b: Button) -> None:
        """The pupil's prediction, kept on screen: "You thought" and its picture, where the
        Guess button was (still a button, with a focus ring, until the first run)."""
        predict = self.level.predict
        r = b.rect
        hovered = self.hover_button == "predict" and b.enabled
        painter.panel(r, fill="cream" if not hovered else "paper", radius=16, shadow=3)
        from game.ui.textfit import MIN_LABEL

        label = self._(YOU_THOUGHT)
        pic = r.height - 12
        box = (r.x + 10, r.y + 4, r.width - pic - 24, r.height - 8)
        if not painter.fit(label, box[2], box[3], 20, MIN_LABEL, bold=True).fits:
            # a long label at the biggest text size: a smaller picture gives it two full lines
            pic = r.height - 24
            box = (r.x + 8, r.y + 2, r.width - pic - 20, r.height - 4)
        painter.text_box(label, box, 20, "ink_soft", bold=True, align="midleft")
        draw_choice(painter, predict, self.prediction,
                    (r.right - pic - 8, r.centery - pic / 2, pic, pic), self.level)
        if self.focus == "predict" and b.enabled:
            draw_focus(painter, r)

    def _draw_timeline(self, painter: Painter, r: pygame.Rect) -> None:
        draw_timeline(painter, r, self.run, self.level.cycle)

    def _draw_drag(self, painter: Painter) -> None:
        """A part being dragged from the box, or off the board, follows the pointer; over the
        box, a board part shows that letting go puts it back."""
        press = self.press
        if press is None or not press.get("drag") or self.pointer is None or self.mode == "run":
            return
        if "palette" in press:
            kind = self.palette.kinds[press["palette"]]
            rot = self.rotation if CATALOGUE[kind].rotates else 0
        else:
            piece = self.board.piece_at(press["cell"])
            if piece is None or (piece.locked and not piece.broken):
                return
            kind, rot = piece.kind, piece.rotation
            if self._over_box(self.pointer):
                painter.rect("green", self.palette.area.inflate(8, 8), 24, 5)
        if self.view.cell_at(self.pointer) is not None:
            return  # over the board the placement preview shows it in its cell
        t = self.view.tile
        x, y = self.pointer
        draw_part_picture(painter, kind, (x - t / 2, y - t / 2, t, t), rot, alpha=200)

    def _draw_tooltips(self, painter: Painter) -> None:
        if self.press is not None and self.press.get("drag"):
            return
        if self.palette.hover is not None or (self.palette.focus is not None and self.keyboard):
            self.palette.draw_tooltip(painter, self._, self.ctx.ngettext)
            return
        b = self.buttons.get(self.hover_button or "")
        if b is None and self.focus in self.buttons:  # the keyboard's button says what it does
            b = self.buttons[self.focus]
        if b is not None and b.tooltip and b.enabled:
            draw_tooltip(painter, b)
        elif (self._tip_cell is not None and self._tip_wait >= PART_TIP_SECONDS
              and not self.probing):  # the meter says what is there
            self._draw_part_tip(painter, self._tip_cell)
        elif self.graph_rect is not None and self.pointer is not None and (
                self.graph_rect.collidepoint(self.pointer)):  # what the heat graph shows
            draw_graph_tip(painter, self.graph_rect, self._)
        elif self.weather_strip is not None:  # a tick of the weather strip, in words
            self.weather_strip.draw_tooltip(painter, self.pointer, self._)

    def _draw_part_tip(self, painter: Painter, cell: Cell) -> None:
        """A board part's name, what it does and its numbers, over the part."""
        piece = (self.run.board if self.run is not None else self.board).piece_at(cell)
        if piece is None:
            return
        v = painter.view
        with v.keep_ltr(self.view.area):  # where the (never mirrored) board shows the cell
            px = v.rect(self.view.cell_rect(cell))
        draw_part_tip(painter, piece.kind, self._, self.ctx.ngettext, v.logical_rect(px), "above",
                      meter_of(piece), piece=piece)
