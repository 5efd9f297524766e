"""One attempt, opened by the teacher: the pupil's own build on the board, and its replay.

This is what a class report cannot show: not "failed 4 tests" but the actual machine the
child built, with the simulation running exactly as it ran for the child and the badge of
the failed goal on the spot where it went wrong (and beside that goal in the list). The board
is rebuilt from the stored build (:func:`~game.progress.attempt_log.board_from_build`) and
drawn and run by the same :class:`~game.ui.board_view.BoardView` and
:class:`~game.scenes.play_run.LiveRun` the play screen uses, so the teacher sees what the
pupil saw.
"""

from __future__ import annotations

import pygame

from game.input import Action, Intent
from game.progress.attempt_log import board_from_build
from game.progress.class_progress import as_utc
from game.progress.records import Attempt, Outcome, now
from game.scenes.base import Scene, Target
from game.scenes.play_run import (
    LiveRun,
    draw_timeline,
    failure_badge,
    failure_marks,
    show_run,
    success_marks,
)
from game.sim.goals import Evaluation, evaluate, goal_rule
from game.ui.anim import calm
from game.ui.badges import draw_badge
from game.ui.board_view import BoardView
from game.ui.forms import draw_avatar
from game.ui.grid_view import (
    OUTCOME_NAMES,
    OUTCOME_STATUS,
    attempt_seconds,
    draw_arrow,
    draw_stars,
    draw_status,
    format_duration,
    format_when,
)
from game.ui.view import Painter
from game.ui.widgets import Button, draw_focus, draw_tooltip

BOARD_AREA = pygame.Rect(24, 100, 820, 520)
FACTS = pygame.Rect(868, 100, 396, 604)
BAR_Y = 640
TIMELINE = pygame.Rect(432, BAR_Y + 12, 396, 40)


class AttemptView(Scene):
    """Read-only: nothing here changes the attempt; the replay runs on a copy of the board."""

    def __init__(self, ctx, attempt_id: str) -> None:
        super().__init__(ctx)
        school = ctx.school
        self.attempt: Attempt | None = school.attempt(attempt_id) if school else None
        a = self.attempt
        self.level = (ctx.levels.find(a.level_id)
                      if a is not None and ctx.levels is not None else None)
        self.pupil = school.pupil(a.pupil_id) if a is not None and a.pupil_id else None
        self.board = board_from_build(self.level, a.build) if self.level is not None else None
        self.view = BoardView(ctx.art, self.level.world) if self.level is not None else None
        if self.view is not None:
            self.view.tweens.calm = lambda: calm(ctx.settings)
        self.run: LiveRun | None = None
        self.evaluation: Evaluation | None = None
        self.tick: int | None = None  # a finished run looked at one moment (None: its end)
        # the pupil's other goes at this level, oldest first, to step through them
        self.siblings: list[Attempt] = []
        if a is not None and school is not None:
            same = school.attempts(pupil_id=a.pupil_id, level_id=a.level_id) if a.pupil_id \
                else [a]
            self.siblings = sorted(same, key=lambda x: (as_utc(x.started), x.id))
        self.time = 0.0
        self.pointer: tuple[float, float] | None = None
        self.pressed: str | None = None
        self.focus = "replay" if self.board is not None else "back"  # nothing to replay
        self.buttons: dict[str, Button] = {}
        self._build_buttons()

    def _(self, msgid: str) -> str:
        return self.ctx.gettext(msgid)

    @property
    def lang(self) -> str:
        return self.ctx.settings.language or "nl"

    def _build_buttons(self) -> None:
        _ = self._
        self.buttons = {
            "back": Button(pygame.Rect(16, 16, 64, 64), self.close, icon="icons/back",
                           tooltip=_("Back")),
            "replay": Button(pygame.Rect(24, BAR_Y, 300, 64), self.replay_or_stop,
                             label=_("Replay"), icon=self._icon("replay", "play"),
                             fill="green", text_color="white", text_size=26,
                             tooltip=_("Run the pupil's machine again, as the pupil saw it")),
            "fast": Button(pygame.Rect(336, BAR_Y, 76, 64), self.toggle_fast,
                           icon="icons/fast", tooltip=_("Faster")),
            "earlier": Button(pygame.Rect(1060, 16, 64, 64), lambda: self.step_attempt(-1),
                              tooltip=_("The pupil's previous attempt at this level")),
            "later": Button(pygame.Rect(1200, 16, 64, 64), lambda: self.step_attempt(1),
                            tooltip=_("The pupil's next attempt at this level")),
        }
        self._refresh()

    def _icon(self, name: str, fallback: str) -> str:
        art = self.ctx.art
        return f"icons/{name}" if art is not None and art.exists(f"icons/{name}") else \
            f"icons/{fallback}"

    def _refresh(self) -> None:
        _ = self._
        b = self.buttons
        b["replay"].enabled = self.board is not None
        running = self.run is not None and not self.run.finished
        if running:
            b["replay"].label, b["replay"].icon, b["replay"].fill = (
                _("Stop"), "icons/stop", "paper")
            b["replay"].text_color = "ink"
        else:
            b["replay"].label = _("Replay") if self.run is None else _("Replay again")
            b["replay"].icon, b["replay"].fill = self._icon("replay", "play"), "green"
            b["replay"].text_color = "white"
        b["fast"].enabled = running
        b["fast"].fill = "yellow" if self.run is not None and self.run.fast else "paper"
        i = self.index
        b["earlier"].enabled = i is not None and i > 0
        b["later"].enabled = i is not None and i < len(self.siblings) - 1

    @property
    def index(self) -> int | None:
        """Where this attempt is among the pupil's goes at the level."""
        ids = [x.id for x in self.siblings]
        return ids.index(self.attempt.id) if self.attempt is not None and \
            self.attempt.id in ids else None

    def step_attempt(self, step: int) -> None:
        """Show the pupil's previous or next go at the same level in place of this one."""
        i = self.index
        if i is None or not 0 <= i + step < len(self.siblings):
            return
        other = AttemptView(self.ctx, self.siblings[i + step].id)
        other.focus = self.focus
        self.ctx.stack.replace(other)

    def show_tick(self, tick: int | None) -> None:
        """Look at one moment of the finished run (the board as it was then)."""
        run = self.run
        if run is None or not run.finished:
            return
        self.tick = None if tick is None else max(0, min(len(run.states) - 1, tick))
        self.view.state = run.states[self.tick] if self.tick is not None else run.state
        self.view.more_ticks = False

    # --- actions --------------------------------------------------------------------------------
    def close(self) -> None:
        self.ctx.stack.pop()

    def replay_or_stop(self) -> None:
        if self.run is not None and not self.run.finished:
            self.stop()
        else:
            self.replay()

    def replay(self) -> None:
        """Run the build from the start, at the pace the pupil watched it."""
        if self.board is None:
            return
        self.run = LiveRun(self.board)
        self.evaluation = None
        self.tick = None
        self.view.marks = {}
        self.view.tweens.clear("wobble")
        show_run(self.view, self.run, True)
        self._refresh()

    def stop(self) -> None:
        self.run = None
        self.evaluation = None
        self.tick = None
        self.view.marks = {}
        self.view.tweens.clear("wobble")
        show_run(self.view, None, False)
        self._refresh()

    def toggle_fast(self) -> None:
        if self.run is not None:
            self.run.fast = not self.run.fast
            self._refresh()

    def finish(self) -> Evaluation:
        """Run the rest at once and judge it (tests, and a teacher in a hurry)."""
        if self.run is None:
            self.replay()
        self.run.finish_now()
        self._judge()
        return self.evaluation

    def _judge(self) -> None:
        """The same verdict the play screen gave: the pupil's hints and answer count."""
        a = self.attempt
        run = self.run
        ev = evaluate(run.board, run.states, a.hints_used, a.answer)
        self.evaluation = ev
        show_run(self.view, run, False)
        if ev.solved:
            self.view.marks = success_marks(run.board)
        else:
            self.view.marks = failure_marks(ev)
            self.view.wobble(self.view.marks)
        self._refresh()

    # --- input ----------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        it = action.intent
        if it in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE):
            return False
        if it == Intent.POINTER_MOVE:
            self.pointer = action.pos
            return True
        if it == Intent.POINTER_DOWN:
            self.pointer = action.pos
            self.pressed = self._button_at(action.pos)
            if self.pressed is None and self.run is not None and self.run.finished \
                    and TIMELINE.inflate(0, 16).collidepoint(action.pos):
                frac = (action.pos[0] - TIMELINE.x) / TIMELINE.width
                self.show_tick(int(max(0.0, min(0.999, frac)) * self.run.sim.ticks_total))
            return True
        if it == Intent.POINTER_UP:
            name, self.pressed = self.pressed, None
            if name is not None and name == self._button_at(action.pos):
                self.focus = name
                self.buttons[name].on_click()
            return True
        if it == Intent.BACK:
            self.close()
        elif it in (Intent.ROTATE, Intent.ROTATE_BACK) and self.run is not None \
                and self.run.finished:  # wheel, R / Shift+R: step through the finished run
            last = len(self.run.states) - 1
            now_at = last if self.tick is None else self.tick
            self.show_tick(now_at + (1 if it == Intent.ROTATE else -1) * action.amount)
        elif it == Intent.TEST:
            self.replay_or_stop()
        elif it in (Intent.NEXT, Intent.PREVIOUS, Intent.LEFT, Intent.RIGHT, Intent.UP,
                    Intent.DOWN):
            order = [n for n, b in self.buttons.items() if b.enabled]
            i = order.index(self.focus) if self.focus in order else 0
            step = 1 if it in (Intent.NEXT, Intent.RIGHT, Intent.DOWN) else -1
            self.focus = order[(i + step) % len(order)]
        elif it == Intent.SELECT and self.focus in self.buttons \
                and self.buttons[self.focus].enabled:
            self.buttons[self.focus].on_click()
        return True

    def _shown(self, name: str) -> bool:
        """Drawn and enabled (see _draw_buttons)."""
        if name == "fast" and (self.run is None or self.run.finished):
            return False
        if name in ("earlier", "later") and len(self.siblings) < 2:
            return False
        return self.buttons[name].enabled

    def focus_stop(self) -> str | None:
        return self.focus if self.focus in self.buttons and self._shown(self.focus) else None

    def targets(self) -> list[Target]:
        return [Target.of(b.rect, n) for n, b in self.buttons.items() if self._shown(n)]

    def _button_at(self, pos) -> str | None:
        for name, b in self.buttons.items():
            if b.enabled and b.hit(pos):
                return name
        return None

    # --- frame ----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.time += dt
        if self.view is not None:
            self.view.update(dt)
        run = self.run
        if run is not None and not run.finished:
            run.update(dt)
            show_run(self.view, run, True)
            if run.finished:
                self._judge()

    def draw(self, painter: Painter) -> None:
        _ = self._
        painter.rect("cream", (0, 0, 1280, 720))
        a = self.attempt
        if a is None or self.level is None:
            painter.text(_("This attempt is not there any more."), (640, 340), 28, bold=True,
                         align="center")
            self._draw_buttons(painter)
            return
        self._draw_title(painter)
        painter.panel(BOARD_AREA.inflate(8, 8), fill=(238, 244, 230), radius=16, shadow=4)
        self.view.layout(BOARD_AREA.inflate(-24, -24), self.board, painter.view)
        self.view.draw(painter, self.time)
        self._draw_facts(painter)
        if self.run is not None:
            draw_timeline(painter, TIMELINE, self.run, self.level.cycle, self.tick)
        else:
            painter.text_box(_("This is the board as the pupil left it."),
                             (428, BAR_Y + 4, BOARD_AREA.right - 428, 60), 20, "ink_soft",
                             align="midleft")
        self._draw_buttons(painter)

    def _draw_buttons(self, painter: Painter) -> None:
        for name, b in self.buttons.items():
            if name == "fast" and (self.run is None or self.run.finished):
                continue
            if name == "replay" and self.board is None:
                continue  # the attempt (or its level) is not there: nothing to replay
            if name in ("earlier", "later") and len(self.siblings) < 2:
                continue
            if self.focus == name:
                draw_focus(painter, b.rect, 16)
            b.draw(painter, hovered=b.enabled and b.hit(self.pointer), pressed=self.pressed == name)
            if name in ("earlier", "later"):
                draw_arrow(painter, b.rect, "left" if name == "earlier" else "right", b.enabled)
        name = self._button_at(self.pointer) if self.pointer is not None else None
        if name is not None and self.buttons[name].tooltip:
            draw_tooltip(painter, self.buttons[name])

    def _draw_title(self, painter: Painter) -> None:
        _ = self._
        x = 96
        if self.pupil is not None:
            draw_avatar(painter, self.pupil.avatar, self.pupil.name, (x, 16, 64, 64))
            x += 76
        who = self.pupil.name if self.pupil is not None else _("Guest")
        # the name on top, the level under it, each on its own line (names may be cut short:
        # the pupil page shows them in full)
        painter.text_box(who, (x, 6, 1040 - x, 44), 30, bold=True, align="midleft", min_size=22,
                         wrap=False, ellipsize=True)
        lv = self.level
        line = f"{_('Level {number}').format(number=lv.order)}: {_(lv.title)}"
        painter.text_box(line, (x, 52, 1040 - x, 36), 22, "ink_soft", align="midleft",
                         min_size=16, wrap=False, ellipsize=True)
        i = self.index
        if i is not None and len(self.siblings) > 1:
            painter.text(_("Attempt"), (1162, 30), 17, "ink_soft", align="center")
            painter.text(f"{i + 1} / {len(self.siblings)}", (1162, 60), 22, bold=True,
                         align="center")

    def _draw_facts(self, painter: Painter) -> None:
        _ = self._
        a = self.attempt
        box = FACTS
        painter.panel(box, fill="paper", radius=16, shadow=4)
        status = OUTCOME_STATUS[a.outcome]
        draw_status(painter, status, (box.x + 34, box.y + 36), 24)
        painter.text(_(OUTCOME_NAMES[a.outcome]), (box.x + 68, box.y + 36), 28, bold=True,
                     align="midleft")
        if a.outcome == Outcome.SOLVED:
            draw_stars(painter, (box.right - 70, box.y + 36), a.stars, 15)
        rows = [
            (_("Started"), format_when(a.started, self.lang, now())),
            (_("Tests run"), str(a.tests_run)),
            (_("Tests that failed"), str(a.failed_tests)),
            (_("Hints used"), str(a.hints_used)),
            (_("Parts placed"), str(a.parts_used)),
            (_("Started again"), str(a.resets)),
            (_("Time on task"), format_duration(attempt_seconds(a.started, a.ended),
                                                self.lang)),
        ]
        question = self.level.question
        if question is not None:
            from game.sim.catalogue import CATALOGUE

            spec = CATALOGUE.get(a.answer or "")
            given = _(spec.name) if spec is not None else (a.answer or "–")
            rows.append((_("Answer"), given))
        y = box.y + 74
        for label, value in rows:
            right = box.right - 20
            answer = label == _("Answer") and question is not None and a.answer is not None
            if answer:
                right -= 30  # room for a check or a cross: the pupil's pick right or not
            # the fact's name and its value on one line, both smaller if they must share it;
            # what still does not fit goes onto two lines (the row grows)
            room = right - box.x - 20 - 12
            size = next((s for s in range(20, 15, -1) if painter.measure(label, s)[0]
                         + painter.measure(value, s, True)[0] + 4 <= room), 16)
            label_need = painter.measure(label, size)[0] + 4
            value_w = painter.measure(value, size, True)[0] + 2
            if label_need + value_w > room:
                value_w = min(value_w, room * 0.6)
            label_w = room - value_w
            row_h = 32
            for text, w, bold in ((label, label_w, False), (value, value_w, True)):
                if painter.measure(text, size, bold)[0] > w:  # on two lines
                    row_h = max(row_h, round(painter.fit(text, w, 120, size, 16, bold).height
                                             + 8))
            if answer:
                draw_badge(painter, "works" if a.answer == question.answer else "broken",
                           (right + 20, y + row_h / 2), 11)
            painter.text_box(value, (right - value_w, y, value_w, row_h), size, "ink",
                             bold=True, align="midright", min_size=16)
            painter.text_box(label, (box.x + 20, y, label_w, row_h), size, "ink_soft",
                             align="midleft", min_size=16)
            y += row_h
        painter.line("tile_edge", (box.x + 16, y + 4), (box.right - 16, y + 4), 2)
        y += 14
        self._draw_verdict(painter, pygame.Rect(box.x + 16, y, box.width - 32, box.bottom - y - 12))

    def _draw_verdict(self, painter: Painter, r: pygame.Rect) -> None:
        """Before the replay: what the level asks. After: each goal with ✓, or with the badge
        its failure has on the board (a struck-through drop or bolt, a leak's drop, "!"), and
        when it went wrong."""
        _ = self._
        ev = self.evaluation
        badges: list[str | None] = []
        lines: list[str] = []
        note, note_colour, note_needed = "", "ink_soft", True
        if ev is None:
            title = _("The job")
            for goal in self.level.goals:
                ask = _(goal_rule(goal.type).text)
                if goal.type.value == "answer" and self.level.question is not None:
                    ask = _(self.level.question.text)  # the question itself says more
                badges.append(None)
                lines.append("• " + ask)
            note = _("Press Replay to watch the machine run.") if self.run is None else _(
                "The machine runs as it ran for the pupil.")
        else:
            title = _("It worked.") if ev.solved else _("Where it went wrong")
            seen = set()
            for res in (*ev.failures, *(x for x in ev.results if x.ok)):  # causes first
                if res.goal.type in seen and res.ok:
                    continue
                seen.add(res.goal.type)
                text = _(goal_rule(res.goal.type).text) if res.ok else _(res.message)
                if not res.ok and res.tick is not None and self.run is not None:
                    total = self.run.sim.ticks_total
                    # a goal judged at the end of the run (a tank not full) went wrong at
                    # the last step, not after it
                    if res.tick == 0:
                        when = _("(right from the start)")
                    else:
                        # TRANSLATORS: after a failed goal in the teacher's replay; {step}: the
                        # step of the run where it went wrong, {total}: the run's last step
                        when = _("(from step {step} of {total})").format(
                            step=min(res.tick + 1, total), total=total)
                    text += " " + when
                # the badge the pupil saw on the board where this goal failed
                badges.append("works" if res.ok else failure_badge(res.goal.type))
                lines.append(text)
            if not ev.solved and self.attempt.outcome == Outcome.SOLVED:
                # Should never happen: say so rather than show a contradiction silently.
                note, note_colour = _("The level has changed since this attempt."), "vermillion_deep"
            else:
                note = _("Click the time bar, or turn the mouse wheel, to look at any moment.")
                note_needed = False  # a tip: only where there is room for it
        title_h = max(30, painter.measure_letters(title, 20, True)[1] + 4)
        head = painter.text_box(title, (r.x, r.y, r.width, title_h), 20, bold=True,
                                align="topleft")
        top = max(r.y + 30, head.bottom + 8)
        indent = 32 if ev is not None else 0
        # every line at one size: the largest at which the lines (and a needed note) fit
        for size in range(19, 15, -1):
            heights = [painter.fit(t, r.width - indent, 400, size, size).height for t in lines]
            note_h = painter.fit(note, r.width, 400, size, size).height if note else 0
            used = sum(max(24, h) + 6 for h in heights)
            if top + used + (note_h + 10 if note_needed else 0) <= r.bottom:
                break
        y = top
        for badge, text, h in zip(badges, lines, heights, strict=True):
            if y + h > r.bottom:
                break  # nothing left of the card (a long language at the biggest size)
            if badge is not None:
                draw_badge(painter, badge, (r.x + 12, y + 12), 12)
            painter.text_box(text, (r.x + indent, y, r.width - indent, h + 2), size,
                             align="topleft", min_size=size)
            y += max(24, h) + 6
        if note and y + 10 + note_h <= r.bottom:
            # at the bottom of the card when it is a note, under the lines when a hint
            note_top = r.bottom - note_h if ev is not None else y + 4
            painter.text_box(note, (r.x, note_top, r.width, note_h + 2), size, note_colour,
                             align="topleft", min_size=size)
