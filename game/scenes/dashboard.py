"""The class at a glance: pupils x levels, who is stuck right now, and the kerndoelen.

This is the screen a teacher keeps open on the front PC during a lesson. It refreshes itself
from the school store every few seconds and puts the pupils who are stuck (needs help, or on
one level for a long time with failed tests) in a panel of their own, so the teacher walks to
the right table without reading a table. Every cell has a colour AND a symbol; tapping a cell
opens that pupil's latest attempt with the build on the board, tapping a name the pupil's page.

Scenes never write SQL: everything here goes through the :class:`SchoolStore` protocol.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame

from game import bidi
from game.i18n import format_percent, is_rtl
from game.input import Action, Intent
from game.kerndoelen import number as kerndoel_number
from game.progress.class_progress import (
    KERNDOELEN,
    SORTS,
    Stuck,
    as_utc,
    find_stuck,
    is_playing,
    kerndoel_summary,
    level_counts,
    level_sets,
    levels_for,
    needs_help,
    solved_count,
    sort_pupils,
)
from game.progress.records import CellStatus, Dashboard, Lesson, Pupil, now
from game.scenes import exports
from game.scenes.base import Scene, Target
from game.scenes.worlds import world_colour, world_name
from game.sim.model import Level
from game.sim.parts import N_
from game.ui.anim import calm
from game.ui.badges import draw_icon_shape
from game.ui.forms import draw_avatar
from game.ui.grid_view import (
    STATUS_LOOK,
    STATUS_TINT,
    draw_arrow,
    draw_status,
    format_clock,
    format_duration,
    format_minutes,
)
from game.ui.textfit import MIN_LABEL
from game.ui.theme import readable
from game.ui.view import Painter
from game.ui.widgets import MIN_TARGET, Button, Toast, draw_focus, draw_tooltip

REFRESH_SECONDS = 5.0  # the live view reads the store this often

# layout, logical 1280x720
GRID = pygame.Rect(16, 156, 880, 552)
NAME_W = 220
SUM_W = 70
COL_W = 49
HEAD_H = 52
ROW_H = 48
SIDE = pygame.Rect(962, 92, 302, 616)
KD_ROOMY = 4  # up to this many kerndoelen: each with its name, and its bar and counts under it
SCROLL_X = 904
KERNDOEL_BOX = pygame.Rect(SIDE.x, SIDE.y + 300, SIDE.width, 216)  # at text size 1
LEGEND_H = 44  # the legend: one line along the bottom of the class table
TITLE_MIN_W = 220  # the class's name in the top bar gets at least this much room
EXPORT_MAX_W = 330  # an export button grows with its words up to this
PLAYING_TEXT_X = 22  # "playing now" starts this far right of the live block's edge

SORT_NAMES = {"name": N_("Sort: name"), "progress": N_("Sort: progress"),
              "help": N_("Sort: needs help first")}


class DashboardScene(Scene):
    """The class grid, live: ``clock`` is injectable so tests and pictures show a fixed now."""

    def __init__(self, ctx, class_id: str, clock: Callable[[], datetime] = now) -> None:
        super().__init__(ctx)
        self.class_id = class_id
        self.clock = clock
        self.class_name = ""
        self.lesson: Lesson | None = None
        self.level_set = ""  # "lesson", a world name, or "all"
        self.levels: list[Level] = []
        self.sort = "name"
        self.help_only = False
        self.data: Dashboard | None = None
        self._kept_shares: tuple | None = None  # (data, levels, their kerndoel shares)
        self.rows: list[Pupil] = []
        self.stuck: list[Stuck] = []
        self.updated: datetime | None = None
        self.since_refresh = 0.0
        self.top_row = 0
        self.first_col = 0
        self.cursor: tuple[int, int] = (0, -1)  # (row, column); column -1 is the name
        self.focus = "grid"
        self.stuck_focus = 0
        self.head_focus = 0  # the level column whose number tag has the keyboard focus
        self.kd_focus = 0  # the kerndoel row that has the keyboard focus
        self.tip_hidden = False  # Enter put the focused kerndoel's explanation away
        self.pointer: tuple[float, float] | None = None
        self.keyboard = False  # the last input came from the keys: show the cursor's tooltip
        self.pressed: str | None = None
        self.toast = Toast(6.0)
        # the side column's layout at text size 1 until the first frame lays it out
        self._side: dict = {"kd": (KERNDOEL_BOX.y + 38, MIN_TARGET + 1),
                            "kd_box": (KERNDOEL_BOX.y, 216),
                            "help_h": 288, "head_h": 46, "stuck": (SIDE.y + 46, 56),
                            "stuck_room": 4, "name_h": 25}
        self.time = 0.0
        self.drawn: dict[tuple[str, str], str] = {}  # (pupil, level) -> symbol, as last drawn
        self.buttons: dict[str, Button] = {}
        # the top bar at text size 0 until the first frame lays it out
        self._head: dict = {"title_w": 480, "live": pygame.Rect(590, 0, 180, 88), "live_w": 80}
        self._build_buttons()

    # --- helpers --------------------------------------------------------------------------------
    def _(self, msgid: str) -> str:
        return self.ctx.gettext(msgid)

    @property
    def lang(self) -> str:
        return self.ctx.settings.language or "nl"

    def _build_buttons(self) -> None:
        _ = self._
        b = {
            "back": Button(pygame.Rect(16, 12, 64, 64), self.close, icon="icons/back",
                           tooltip=_("Back")),
            "levels": Button(pygame.Rect(16, 92, 250, 52), self.next_level_set, text_size=20,
                             tooltip=_("Which levels to show: this lesson, one world or all")),
            "sort": Button(pygame.Rect(276, 92, 250, 52), self.next_sort, text_size=20,
                           tooltip=_("Change the order of the pupils")),
            "help_only": Button(pygame.Rect(536, 92, 230, 52), self.toggle_help_only,
                                text_size=20, tooltip=_("Show only pupils who need help")),
            "left": Button(pygame.Rect(792, 92, 48, 52), lambda: self.scroll_cols(-1),
                           tooltip=_("Earlier levels")),
            "right": Button(pygame.Rect(848, 92, 48, 52), lambda: self.scroll_cols(1),
                            tooltip=_("Later levels")),
            "up": Button(pygame.Rect(SCROLL_X, GRID.y, 48, 48), lambda: self.scroll_rows(-1),
                         tooltip=_("Scroll up")),
            "down": Button(pygame.Rect(SCROLL_X, GRID.bottom - 48, 48, 48),
                           lambda: self.scroll_rows(1), tooltip=_("Scroll down")),
        }
        b["csv"] = Button(pygame.Rect(776, 12, 232, 64), lambda: self.export("csv"),
                          label=_("Export CSV"), icon=self._icon("csv", "menu"), text_size=20,
                          tooltip=_("Save the class table for a spreadsheet"))
        b["pdf"] = Button(pygame.Rect(1020, 12, 244, 64), lambda: self.export("pdf"),
                          label=_("Print PDF"), icon=self._icon("pdf", "menu"), text_size=20,
                          tooltip=_("Save a class report and open it to print"))
        self.buttons = b

    def _icon(self, name: str, fallback: str) -> str:
        art = self.ctx.art
        return f"icons/{name}" if art is not None and art.exists(f"icons/{name}") else \
            f"icons/{fallback}"

    @property
    def order(self) -> list[str]:
        """Keyboard stops, in Tab order."""
        names = [n for n in ("back", "csv", "pdf", "levels", "sort", "help_only") if n in
                 self.buttons]
        names += [n for n in ("left", "right") if self.buttons[n].enabled]
        if self.levels:
            names.append("head")  # the level numbers above the table: their tooltips
        if self.rows:
            names.append("grid")
        names += [n for n in ("up", "down") if self.buttons[n].enabled]
        if self.stuck:
            names.append("stuck")
        if self.data is not None:
            names.append("kd")  # the kerndoel rows: their tooltips
        return names

    def focus_stop(self) -> str | None:
        return self.focus if self.focus in self.order else None

    def targets(self) -> list[Target]:
        """The enabled buttons, every visible name and cell of the grid, the stuck list."""
        out = [Target.of(self.buttons[n].rect, n) for n in self.order
               if n in self.buttons and self.buttons[n].enabled]
        rows = range(self.top_row, min(len(self.rows), self.top_row + self.visible_rows))
        cols = range(self.first_col, min(len(self.levels), self.first_col + self.visible_cols))
        out += [Target.of(self.head_rect(c), "head") for c in cols]
        out += [Target.of(self.cell_rect(r, c), "grid") for r in rows for c in (-1, *cols)]
        out += [Target.of(self.stuck_rect(i), "stuck") for i in range(self.stuck_shown)]
        if self.data is not None:
            out += [Target.of(self.kerndoel_rect(i), "kd") for i in range(self.kerndoel_rows())]
        return out

    # --- data -----------------------------------------------------------------------------------
    def enter(self) -> None:
        self.refresh()

    def _catalogue(self) -> list[Level]:
        return list(self.ctx.levels or ())  # None until the game has loaded its levels

    def level_sets(self) -> list[str]:
        """The lesson (when the class has one), all levels, each world: the button's steps."""
        return level_sets(self._catalogue(), self.lesson is not None)

    def level_no(self, lv: Level) -> int:
        """The level's number, as on the pupils' cards, the CSV and the report: in the lesson
        its place in the lesson, else its number in its world (export.level_number)."""
        from game.progress.export import level_number

        index = next((i for i, x in enumerate(self.levels) if x.id == lv.id), 0)
        return level_number(lv, index, in_lesson=self.level_set == "lesson")

    def reload(self) -> None:
        """Read the class from the store (on entering, every few seconds, after a change)."""
        school = self.ctx.school
        if school is None:
            return
        group = next((c for c in school.classes() if c.id == self.class_id), None)
        self.class_name = group.name if group is not None else ""
        self.lesson = school.active_lesson(self.class_id)
        sets = self.level_sets()
        if self.level_set not in sets:
            self.level_set = sets[0]
        self.levels = levels_for(self._catalogue(), self.level_set,
                                 self.lesson.level_ids if self.lesson is not None else None)
        keep = self._cursor_ids()
        self.data = school.dashboard(self.class_id, [lv.id for lv in self.levels])
        self.stuck = self._find_stuck()
        self._arrange()
        self._restore_cursor(keep)
        self.updated = self.clock()
        self.since_refresh = 0.0

    def _find_stuck(self) -> list[Stuck]:
        """Who to go to now (class_progress.find_stuck): the store is asked for the attempts
        of the few cells that may be stuck only."""
        school = self.ctx.school
        return find_stuck(self.data, lambda pupil_id, level_id: school.attempts(
            pupil_id=pupil_id, level_id=level_id), self.clock())

    def _arrange(self) -> None:
        data = self.data
        rows = sort_pupils(data, self.sort, (s.pupil.id for s in self.stuck))
        if self.help_only:
            stuck = {s.pupil.id for s in self.stuck}
            rows = [p for p in rows if p.id in stuck or needs_help(data, p.id)]
        self.rows = rows
        _ = self._
        names = {"lesson": _("Levels: this lesson"), "all": _("Levels: all")}
        levels = self.buttons["levels"]
        if self.level_set in names:
            levels.label, levels.icon = names[self.level_set], None
            levels.tooltip = _("Which levels to show: this lesson, one world or all")
        else:  # a world: its badge and its name (a long name in a long language fits)
            # TRANSLATORS: class overview, filter button; {world}: a world's name, e.g. "Health Lab"
            levels.tooltip = _("Levels: {world}").format(world=_(world_name(self.level_set)))
            levels.label, levels.icon = _(world_name(self.level_set)), f"map/{self.level_set}"
        self.buttons["sort"].label = _(SORT_NAMES[self.sort])
        hb = self.buttons["help_only"]
        hb.label = ""  # drawn by _draw_checkbox: a box that shows on/off by its check, too
        hb.fill = (251, 232, 196) if self.help_only else "paper"
        self._clamp()

    def _cursor_ids(self) -> tuple[str | None, str | None]:
        row, col = self.cursor
        pid = self.rows[row].id if 0 <= row < len(self.rows) else None
        lid = self.levels[col].id if 0 <= col < len(self.levels) else None
        return pid, lid

    def _restore_cursor(self, ids: tuple[str | None, str | None]) -> None:
        pid, lid = ids
        row = next((i for i, p in enumerate(self.rows) if p.id == pid), self.cursor[0])
        col = next((i for i, lv in enumerate(self.levels) if lv.id == lid), -1 if lid is None
                   else self.cursor[1])
        self.cursor = (row, col)
        self._clamp()

    # --- geometry -------------------------------------------------------------------------------
    @property
    def visible_rows(self) -> int:
        return (GRID.height - HEAD_H - LEGEND_H) // ROW_H

    @property
    def visible_cols(self) -> int:
        return (GRID.width - NAME_W - SUM_W) // COL_W

    def _clamp(self) -> None:
        n, m = len(self.rows), len(self.levels)
        row, col = self.cursor
        row = max(0, min(n - 1, row)) if n else 0
        col = max(-1, min(m - 1, col))
        self.cursor = (row, col)
        self.head_focus = max(0, min(m - 1, self.head_focus))
        self.top_row = max(0, min(self.top_row, max(0, n - self.visible_rows)))
        self.first_col = max(0, min(self.first_col, max(0, m - self.visible_cols)))
        b = self.buttons
        b["left"].enabled = self.first_col > 0
        b["right"].enabled = self.first_col + self.visible_cols < m
        b["up"].enabled = self.top_row > 0
        b["down"].enabled = self.top_row + self.visible_rows < n

    def _follow_cursor(self) -> None:
        row, col = self.cursor
        if row < self.top_row:
            self.top_row = row
        elif row >= self.top_row + self.visible_rows:
            self.top_row = row - self.visible_rows + 1
        if col >= 0:
            if col < self.first_col:
                self.first_col = col
            elif col >= self.first_col + self.visible_cols:
                self.first_col = col - self.visible_cols + 1
        self._clamp()

    def row_rect(self, row: int) -> pygame.Rect:
        return pygame.Rect(GRID.x, GRID.y + HEAD_H + (row - self.top_row) * ROW_H, GRID.width,
                           ROW_H)

    def cell_rect(self, row: int, col: int) -> pygame.Rect:
        r = self.row_rect(row)
        if col < 0:
            return pygame.Rect(r.x, r.y, NAME_W, ROW_H)
        x = GRID.x + NAME_W + SUM_W + (col - self.first_col) * COL_W
        return pygame.Rect(x, r.y, COL_W, ROW_H)

    def hit(self, pos) -> tuple[int, int] | None:
        """The (row, column) under a point, if it is a visible name or cell."""
        if pos is None:
            return None
        x, y = pos
        if not (GRID.y + HEAD_H <= y < GRID.bottom - LEGEND_H and GRID.x <= x < GRID.right):
            return None
        row = self.top_row + int((y - GRID.y - HEAD_H) // ROW_H)
        if row >= min(len(self.rows), self.top_row + self.visible_rows):
            return None
        if x < GRID.x + NAME_W + SUM_W:
            return (row, -1)
        col = self.first_col + int((x - GRID.x - NAME_W - SUM_W) // COL_W)
        if col >= min(len(self.levels), self.first_col + self.visible_cols):
            return None
        return (row, col)

    def stuck_rect(self, i: int) -> pygame.Rect:
        top, h = self._side["stuck"]
        return pygame.Rect(SIDE.x + 10, top + i * (h + 4), SIDE.width - 20, h)

    @property
    def stuck_shown(self) -> int:
        return min(len(self.stuck), self._side["stuck_room"])

    # --- actions --------------------------------------------------------------------------------
    def close(self) -> None:
        self.ctx.stack.pop()

    def next_level_set(self) -> None:
        sets = self.level_sets()
        i = sets.index(self.level_set) if self.level_set in sets else -1
        self.level_set = sets[(i + 1) % len(sets)]
        self.first_col = 0
        self.reload()

    def next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        keep = self._cursor_ids()
        self._arrange()
        self._restore_cursor(keep)

    def toggle_help_only(self) -> None:
        self.help_only = not self.help_only
        keep = self._cursor_ids()
        self._arrange()
        self._restore_cursor(keep)
        if self.help_only and not self.rows:
            self.toast.show(self._("Nobody needs help right now."), "icons/check")

    def scroll_rows(self, step: int) -> None:
        self.top_row += step * max(1, self.visible_rows - 1)
        self._clamp()
        row, col = self.cursor
        if not self.top_row <= row < self.top_row + self.visible_rows:
            self.cursor = (min(len(self.rows) - 1, self.top_row), col)

    def scroll_cols(self, step: int) -> None:
        self.first_col += step * max(1, self.visible_cols - 1)
        self._clamp()

    def open_pupil(self, pupil_id: str) -> None:
        self.ctx.push("pupil_page", pupil_id=pupil_id)

    def open_cell(self, row: int, col: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        pupil = self.rows[row]
        if col < 0:
            self.open_pupil(pupil.id)
            return
        self.open_latest(pupil, self.levels[col].id)

    def open_latest(self, pupil: Pupil, level_id: str) -> None:
        """The pupil's latest attempt at the level, on the board."""
        attempts = self.ctx.school.attempts(pupil_id=pupil.id, level_id=level_id)
        if not attempts:
            # TRANSLATORS: class overview, a short note; {name}: a pupil's first name
            self.toast.show(self._("{name} has not started this level yet.").format(
                name=pupil.name), "icons/" + STATUS_LOOK[CellStatus.NOT_STARTED][1]
                if self.ctx.art.exists("icons/not_started") else None)
            return
        latest = max(attempts, key=lambda a: as_utc(a.started))
        self.ctx.push("attempt", attempt_id=latest.id)

    @staticmethod
    def _exporter(kind: str):
        """The export function (imported only when asked: fpdf2 is loaded for a report)."""
        if kind == "csv":
            from game.progress.export import write_class_csv

            return write_class_csv
        from game.progress.report import write_class_report

        return write_class_report

    def export_folder(self) -> Path:
        return exports.export_folder(self.ctx)

    def export(self, kind: str) -> Path | None:
        write = self._exporter(kind)
        from game.progress.export import safe_filename

        day = self.clock().astimezone().strftime("%Y-%m-%d")
        name = f"{safe_filename(self.class_name) or 'class'}-{day}.{kind}"
        out = self.export_folder() / name
        _ = self._
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            if kind == "csv":
                write(self.ctx.school, self.class_id, self.levels, out, gettext=self.ctx.gettext,
                      in_lesson=self.level_set == "lesson")
            else:
                write(self.ctx.school, self.class_id, self.levels, out,
                      lesson_title=self.lesson.title if self.lesson and
                      self.level_set == "lesson" else None,
                      gettext=self.ctx.gettext, lang=self.lang, ngettext=self.ctx.ngettext)
        except Exception as exc:  # noqa: BLE001 - tell the teacher, never crash the lesson
            # TRANSLATORS: a note after a failed export; {error}: the computer's error message
            self.toast.show(_("Could not save the file: {error}").format(error=exc),
                            "icons/attention")
            return None
        message = exports.saved_message(_, out.name, out.parent)
        if kind == "pdf" and not exports.open_with_viewer(out):  # looked up now (tests)
            # TRANSLATORS: after "Saved as ... in ...", when no PDF viewer could be started
            self.toast.show(message + "\n" + _("No program to show it was found: open the file "
                                               "from there to print it."), "icons/check")
            return out
        self.toast.show(message, "icons/check")
        return out

    # --- input ----------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        it = action.intent
        if it in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE):
            return False
        if it == Intent.POINTER_MOVE:
            self.pointer, self.keyboard = action.pos, False
            return True
        if it == Intent.POINTER_DOWN:
            self.pointer, self.keyboard = action.pos, False
            self.pressed = self._target_at(action.pos)
            return True
        if it == Intent.POINTER_UP:
            target, self.pressed = self.pressed, None
            if target is not None and target == self._target_at(action.pos):
                self._activate(target)
            return True
        if it in (Intent.ROTATE, Intent.ROTATE_BACK) and action.pos is None:  # mouse wheel
            step = action.amount if it == Intent.ROTATE else -action.amount
            self.top_row += step
            self._clamp()
            return True
        if it == Intent.BACK:
            self.close()
            return True
        self.keyboard = True
        if not (it == Intent.SELECT and self.focus in ("kd", "head")):
            self.tip_hidden = False  # the focus moves on: its explanation shows again
        if it in (Intent.NEXT, Intent.PREVIOUS):
            order = self.order
            i = order.index(self.focus) if self.focus in order else 0
            self.focus = order[(i + (1 if it == Intent.NEXT else -1)) % len(order)]
            if self.focus == "head":
                self._focus_head(self.cursor[1] if self.cursor[1] >= 0 else self.first_col)
            return True
        if self.focus == "grid":
            return self._grid_key(it)
        if self.focus == "head":
            return self._head_key(it)
        if self.focus == "kd":
            if it in (Intent.UP, Intent.DOWN):
                step = 1 if it == Intent.DOWN else -1
                self.kd_focus = max(0, min(self.kerndoel_rows() - 1, self.kd_focus + step))
            elif it == Intent.SELECT:  # the explanation away, and back (WCAG 1.4.13)
                self.tip_hidden = not self.tip_hidden
            return True
        if self.focus == "stuck":
            if it in (Intent.UP, Intent.DOWN):
                step = 1 if it == Intent.DOWN else -1
                self.stuck_focus = max(0, min(self.stuck_shown - 1, self.stuck_focus + step))
            elif it == Intent.SELECT and self.stuck:
                s = self.stuck[min(self.stuck_focus, len(self.stuck) - 1)]
                self.open_latest(s.pupil, s.level_id)
            return True
        if it in (Intent.LEFT, Intent.RIGHT):
            order = [n for n in self.order if n in self.buttons]
            i = order.index(self.focus) if self.focus in order else 0
            self.focus = order[(i + (1 if it == Intent.RIGHT else -1)) % len(order)]
        elif it == Intent.DOWN and self.levels:  # down from the buttons: the level numbers
            self.focus = "head"
            self._focus_head(self.cursor[1] if self.cursor[1] >= 0 else self.first_col)
        elif it == Intent.DOWN and self.rows:
            self.focus = "grid"
        elif it == Intent.SELECT and self.focus in self.buttons:
            b = self.buttons[self.focus]
            if b.enabled:
                b.on_click()
        return True

    def _grid_key(self, it: Intent) -> bool:
        row, col = self.cursor
        if it == Intent.SELECT:
            self.open_cell(row, col)
            return True
        moves = {Intent.UP: (-1, 0), Intent.DOWN: (1, 0), Intent.LEFT: (0, -1),
                 Intent.RIGHT: (0, 1)}
        if it in moves:
            dr, dc = moves[it]
            if row + dr < 0:  # up from the first row: the level's number tag, or the filters
                if col >= 0:
                    self.focus = "head"
                    self._focus_head(col)
                else:
                    self.focus = "levels"
                return True
            self.cursor = (min(len(self.rows) - 1, max(0, row + dr)),
                           max(-1, min(len(self.levels) - 1, col + dc)))
            self._follow_cursor()
        return True

    def _focus_head(self, col: int) -> None:
        """The focus on the number tag of level column ``col`` (scrolled into view)."""
        if not self.levels:
            return
        col = max(0, min(len(self.levels) - 1, col))
        self.head_focus = col
        if col < self.first_col:
            self.first_col = col
        elif col >= self.first_col + self.visible_cols:
            self.first_col = col - self.visible_cols + 1
        self._clamp()

    def _head_key(self, it: Intent) -> bool:
        """On the level numbers: Left/Right go along them, Up to the filters, Down or Enter
        into the table at that level (its first visible pupil)."""
        if it in (Intent.LEFT, Intent.RIGHT):
            self._focus_head(self.head_focus + (1 if it == Intent.RIGHT else -1))
        elif it == Intent.UP:
            self.focus = "levels"
        elif it in (Intent.DOWN, Intent.SELECT) and self.rows:
            row = self.cursor[0] if self.top_row <= self.cursor[0] < self.top_row + \
                self.visible_rows else self.top_row
            self.focus, self.cursor = "grid", (row, self.head_focus)
            self._follow_cursor()
        elif it == Intent.SELECT:  # nobody in the table: the explanation away, and back
            self.tip_hidden = not self.tip_hidden
        return True

    def _target_at(self, pos) -> str | None:
        for name, b in self.buttons.items():
            if b.enabled and b.hit(pos):
                return name
        cell = self.hit(pos)
        if cell is not None:
            return f"cell:{cell[0]}:{cell[1]}"
        for i in range(self.stuck_shown):
            if self.stuck_rect(i).collidepoint(pos):
                return f"stuck:{i}"
        col = self.header_at(pos)
        if col is not None:
            return f"head:{col}"
        for i in range(self.kerndoel_rows()):
            if self.kerndoel_rect(i).collidepoint(pos):
                return f"kd:{i}"
        return None

    def kerndoel_rows(self) -> int:
        """How many kerndoelen the side column lists: those the shown levels are tagged with."""
        return len(self._shares())

    def _shares(self) -> list:
        """:func:`kerndoel_summary` of the grid shown, worked out once for each grid the store
        gives (the layout, the pointer and every frame's drawing ask for it)."""
        if self.data is None:
            return []
        kept = self._kept_shares
        if kept is None or kept[0] is not self.data or kept[1] is not self.levels:
            kept = self._kept_shares = (self.data, self.levels,
                                        kerndoel_summary(self.data, self.levels))
        return kept[2]

    def kerndoel_rect(self, i: int) -> pygame.Rect:
        top, h = self._side["kd"]
        cols = self._side.get("kd_cols", 1)
        w = (KERNDOEL_BOX.width - 16 - 6 * (cols - 1)) // cols
        row, col = divmod(i, cols)
        return pygame.Rect(KERNDOEL_BOX.x + 8 + col * (w + 6), top + row * h, w, h - 1)

    def _layout_side(self, painter: Painter) -> None:
        """The side column at this text size: the kerndoel rows as tall as their words and
        numbers need, the help panel above them takes the rest (as many stuck pupils as fit;
        the table shows every one anyway)."""
        label_h = painter.measure_letters("Ag", 17)[1]
        num_h = painter.measure_letters("58%", 18, True)[1]
        kd_row = max(MIN_TARGET + 1, round(label_h + 4 + max(14, num_h) + 6))
        if self.kerndoel_rows() > KD_ROOMY:  # more rows: the share beside the name, a thin bar
            kd_row = max(MIN_TARGET + 1, round(max(label_h, num_h) + 16))
        title_h = painter.fit(self._("Kerndoelen: share solved"), KERNDOEL_BOX.width - 28, 80, 20,
                              16, True).height
        head_h = max(46, round(painter.measure_letters("Ag", 22, True)[1] + 22))
        name_h = painter.measure_letters("Ag", 20, True)[1]
        info_h = max([painter.fit(self._stuck_info(s), SIDE.width - 86, 300, 18, 16).height
                      for s in self.stuck[:4]] + [painter.measure_letters("Ag", 18)[1]])
        stuck_h = max(56, round(name_h + info_h + 16))
        rows = max(1, self.kerndoel_rows())
        # many kerndoelen at a big text size: two to a row, so a pupil who needs help stays in
        # view above them (each row's name is cut short; its tooltip says it in full)
        cols = 1
        for cols in (1, 2):
            kd_h = round(title_h + 18 + -(-rows // cols) * kd_row)
            help_h = SIDE.bottom - kd_h - 12 - SIDE.y
            if rows <= KD_ROOMY or not self.stuck or help_h - head_h - 6 >= stuck_h + 4:
                break
        kd_top = SIDE.bottom - kd_h
        self._side = {"kd": (kd_top + title_h + 14, kd_row), "kd_box": (kd_top, kd_h),
                      "kd_cols": cols,
                      "help_h": help_h, "head_h": head_h, "stuck": (SIDE.y + head_h, stuck_h),
                      "name_h": name_h,
                      "stuck_room": max(0, min(4, (help_h - head_h - 6) // (stuck_h + 4)))}

    def kerndoel_text(self, i: int) -> str:
        """A kerndoel in full, and what its number means."""
        _ = self._
        shares = self._shares()
        if not 0 <= i < len(shares):
            return ""
        k = shares[i]
        number = kerndoel_number(k.kerndoel)
        title = _(KERNDOELEN[k.kerndoel])
        text = f"{_('Kerndoel')} {number}: {title}\n" if number else f"{title}\n"
        # TRANSLATORS: class overview, a kerndoel's info; {solved}, {possible}: numbers of solves
        return text + _("{solved} of {possible} possible solves: every pupil times every "
                        "level here that trains it").format(solved=k.solved,
                                                            possible=k.possible)

    def header_at(self, pos) -> int | None:
        """The level column whose number tag is under a point (for its tooltip)."""
        if pos is None or not GRID.y <= pos[1] < GRID.y + HEAD_H:
            return None
        x0 = GRID.x + NAME_W + SUM_W
        if pos[0] < x0:
            return None
        col = self.first_col + int((pos[0] - x0) // COL_W)
        return col if col < min(len(self.levels), self.first_col + self.visible_cols) else None

    def head_rect(self, col: int) -> pygame.Rect:
        """Where level column ``col``'s number tag can be pointed at: the column's header."""
        x = GRID.x + NAME_W + SUM_W + (col - self.first_col) * COL_W
        return pygame.Rect(x, GRID.y, COL_W, HEAD_H)

    def level_text(self, col: int) -> str:
        """A level column in words: which level, and how far the class got with it."""
        _ = self._
        lv = self.levels[col]
        solved, helpless = level_counts(self.data, lv.id)
        total = len(self.data.pupils)
        text = f"{_('Level {number}').format(number=self.level_no(lv))}: {_(lv.title)}\n"
        # TRANSLATORS: class overview, a level's info; {solved}, {total}: numbers of pupils
        text += self.ctx.ngettext("{solved} of {total} pupil solved it",
                                  "{solved} of {total} pupils solved it", total).format(
            solved=solved, total=total)
        if helpless:
            # TRANSLATORS: class overview, a level's info; {n}: how many pupils need help with it
            text += "\n" + self.ctx.ngettext("{n} pupil needs help", "{n} pupils need help",
                                              helpless).format(n=helpless)
        return text

    def _activate(self, target: str) -> None:
        kind, _sep, rest = target.partition(":")
        if kind == "cell":
            row, col = (int(v) for v in rest.split(":"))
            self.focus, self.cursor = "grid", (row, col)
            self.open_cell(row, col)
        elif kind in ("head", "kd"):
            return  # a level number or a kerndoel: its tooltip says it all
        elif kind == "stuck":
            self.focus, self.stuck_focus = "stuck", int(rest)
            s = self.stuck[int(rest)]
            self.open_latest(s.pupil, s.level_id)
        else:
            self.buttons[target].on_click()

    # --- frame ----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.time += dt
        self.toast.update(dt)
        self.since_refresh += dt
        if self.since_refresh >= REFRESH_SECONDS:
            self.refresh()

    def refresh(self) -> None:
        """Reload, but a school server that went away must not end the lesson's view: keep
        the last picture, say so, and try again a few seconds later."""
        try:
            self.reload()
        except Exception as exc:  # noqa: BLE001 - any store error
            self.since_refresh = 0.0
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            # TRANSLATORS: class overview, a short note; {error}: the computer's error message
            self.toast.show(self._("Could not read the class just now: {error}").format(
                error=first), "icons/attention")

    def _layout_filters(self, painter: Painter) -> None:
        """The three filter buttons as wide as their labels need on one line (16 to 780); the
        "needs help only" box shrinks to its sign when the words do not fit beside them."""
        b = self.buttons
        need = {k: painter.measure(b[k].label, 20, True)[0] + 28 for k in ("levels", "sort")}
        need = {k: max(200, min(420, w)) for k, w in need.items()}
        help_w = painter.measure(self._("Needs help only"), 20, True)[0] + 66
        room = 780 - 16 - 20
        if need["levels"] + need["sort"] + help_w > room:
            help_w = 100
        spare = max(0, room - need["levels"] - need["sort"] - help_w)
        widths = [need["levels"] + spare / 3, need["sort"] + spare / 3, help_w + spare / 3]
        x = 16
        for key, w in zip(("levels", "sort", "help_only"), widths, strict=True):
            b[key].rect = pygame.Rect(round(x), 92, round(w), 52)
            x += w + 10

    def _layout_header(self, painter: Painter) -> None:
        """The top bar from the right: the export buttons as wide as their words need on one
        line, then the live block (the "Live" word and the clock, the "playing now" sign below)
        as wide as its words, and the class's name takes what is left (cut short if need be:
        the classes screen shows it in full). Measured per language and text size, so nothing
        runs into anything else."""
        _ = self._
        right = 1264
        for key in ("pdf", "csv"):
            b = self.buttons.get(key)
            if b is None:
                continue
            icon = min(b.rect.height - 16, 56)
            w = round(16 + icon + painter.measure(b.label, b.text_size, True)[0] + 16)
            w = max(200, min(EXPORT_MAX_W, w))
            b.rect = pygame.Rect(right - w, b.rect.y, w, b.rect.height)
            right -= w + 12
        live_w = painter.measure(_("Live"), 20, True)[0]
        clock = format_clock(self.updated, self.lang) if self.updated is not None else ""
        line = live_w + 8 + painter.measure(clock, 20)[0]
        sign = PLAYING_TEXT_X + painter.measure(_("playing now"), 18)[0]
        room = right - 4 - (96 + TITLE_MIN_W + 16)  # the class's name keeps at least its minimum
        block = min(room, math.ceil(max(line, sign)) + 2)
        x = right - 4 - block
        self._head = {"title_w": x - 16 - 96, "live": pygame.Rect(x, 0, block, 88),
                      "live_w": min(math.ceil(live_w) + 1, block)}

    def draw(self, painter: Painter) -> None:
        painter.rect("cream", (0, 0, 1280, 720))
        self._layout_header(painter)
        self._layout_filters(painter)
        self._draw_header(painter)
        self._draw_grid(painter)
        self._draw_side(painter)
        for name, b in self.buttons.items():
            if name in ("left", "right") and not (b.enabled or self.buttons["left"].enabled
                                                  or self.buttons["right"].enabled):
                continue
            if name in ("up", "down") and not (self.buttons["up"].enabled
                                               or self.buttons["down"].enabled):
                continue
            hovered = b.enabled and b.hit(self.pointer)
            b.draw(painter, focused=self.focus == name, hovered=hovered,
                   pressed=self.pressed == name)
            if name in ("left", "right", "up", "down"):
                draw_arrow(painter, b.rect, name, b.enabled)
            elif name == "help_only":
                self._draw_checkbox(painter, b.rect)
        self._draw_tooltips(painter)
        self.toast.draw(painter)

    def _draw_header(self, painter: Painter) -> None:
        _ = self._
        # the class's and the lesson's names may be cut short: the classes and lessons screens
        # show them in full
        head = self._head
        title_w = head["title_w"]
        painter.text_box(self.class_name or _("Class"), (96, 8, title_w, 44), 32, bold=True,
                         align="midleft", min_size=22, wrap=False, ellipsize=True)
        n = len(self.data.pupils) if self.data else 0
        # TRANSLATORS: class overview, under the class's name; {n}: how many pupils it has
        parts = [self.ctx.ngettext("{n} pupil", "{n} pupils", n).format(n=n)]
        if self.lesson is not None:
            # TRANSLATORS: class overview, under the class's name; {title}: a lesson's title
            parts.insert(0, _("Lesson: {title}").format(title=self.lesson.title))
        line = bidi.join(parts, " · ", is_rtl(self.lang))  # a count never joins a Latin title
        painter.text_box(line, (96, 56, title_w, 30), 20, "ink_soft",
                         align="midleft", min_size=16, wrap=False, ellipsize=True)
        if self.updated is not None:  # this view is live: when it last looked, what the dot means
            block = head["live"]
            x = block.x
            live = painter.text_box(_("Live"), (x, 4, head["live_w"], 34), 20, "green_deep",
                                    bold=True, align="midleft", wrap=False)
            painter.text_box(format_clock(self.updated, self.lang),
                             (live.right + 8, 4, max(1, block.right - live.right - 8), 34), 20,
                             "ink_soft", align="midleft", wrap=False)
            self._draw_playing(painter, (x + 8, 61))
            painter.text_box(_("playing now"), (x + PLAYING_TEXT_X, 38,
                                                block.width - PLAYING_TEXT_X, 48), 18,
                             "ink_soft", align="midleft", min_size=16)

    def _draw_grid(self, painter: Painter) -> None:
        _ = self._
        painter.panel(GRID, fill="paper", radius=14, shadow=4)
        data = self.data
        if data is None:
            return
        head = pygame.Rect(GRID.x, GRID.y, GRID.width, HEAD_H)
        painter.text(_("Pupil"), (head.x + 16, head.centery), 20, "ink_soft", bold=True,
                     align="midleft")
        solved_box = (head.x + NAME_W - 6, head.y + 4, SUM_W + 10, HEAD_H - 8)
        if painter.fit(_("Solved"), SUM_W + 10, HEAD_H - 8, 18, MIN_LABEL, True, False).fits:
            painter.text_box(_("Solved"), solved_box, 18, "ink_soft", bold=True, wrap=False)
        else:  # a long word at a big size: the solved sign, as in the legend below
            draw_status(painter, CellStatus.SOLVED, (head.x + NAME_W + SUM_W / 2, head.centery),
                        16)
        cols = range(self.first_col, min(len(self.levels), self.first_col + self.visible_cols))
        for col in cols:
            lv = self.levels[col]
            r = self.cell_rect(self.top_row, col)
            if col > 0 and self.levels[col - 1].world != lv.world:  # a new world starts here
                painter.line("ink_soft", (r.x, GRID.y + 8), (r.x, GRID.bottom - 8), 3)
            tag = pygame.Rect(r.x + 4, head.y + 10, COL_W - 8, 34)
            letters, accent = readable("white", world_colour(lv.world))
            painter.rect(accent, tag, 10)
            painter.text(str(self.level_no(lv)), tag.center, 20, letters, bold=True,
                         align="center")
            if self.focus == "head" and col == self.head_focus:
                painter.rect("white", tag.inflate(8, 8), 13, 4)  # a light gap, the ring
                painter.rect("blue", tag.inflate(14, 14), 15, 4)  # outside the blue tag
        painter.line("tile_edge", (GRID.x + 8, head.bottom), (GRID.right - 8, head.bottom), 2)
        if not self.rows:
            msg = _("Nobody needs help right now.") if self.help_only else _(
                "No pupils in this class yet.")
            painter.text(msg, (GRID.centerx, GRID.y + 160), 24, "ink_soft", align="center")
        stuck = {s.pupil.id for s in self.stuck}
        self.drawn = {}
        moment = as_utc(self.clock())
        for row in range(self.top_row, min(len(self.rows), self.top_row + self.visible_rows)):
            pupil = self.rows[row]
            rr = self.row_rect(row)
            if row % 2:
                painter.rect((244, 239, 225), (rr.x + 4, rr.y, rr.width - 8, rr.height))
            name_r = self.cell_rect(row, -1)
            if pupil.id in stuck:
                painter.rect((251, 232, 196), (name_r.x + 4, name_r.y + 2, NAME_W + SUM_W - 8,
                                               ROW_H - 4), 10)
                painter.rect("orange", (name_r.x + 4, name_r.y + 4, 6, ROW_H - 8), 3)
            draw_avatar(painter, pupil.avatar, pupil.name, (name_r.x + 16, name_r.y + 5, 38, 38))
            # a long name is cut short here: the cell's tooltip and the pupil page say it all
            painter.text_box(pupil.name, (name_r.x + 62, name_r.y + 2, NAME_W - 68, ROW_H - 4), 22,
                             bold=True, align="midleft", wrap=False, ellipsize=True)
            solved, _stars = solved_count(data, pupil.id)
            painter.text(f"{solved}/{len(self.levels)}", (name_r.right + SUM_W / 2,
                                                          name_r.centery), 20, "ink",
                         align="center")
            for col in cols:
                lv = self.levels[col]
                cell = data.cell(pupil.id, lv.id)
                cr = self.cell_rect(row, col).inflate(-4, -4)
                painter.rect(STATUS_TINT[cell.status], cr, 8)
                if is_playing(cell, moment):
                    self._draw_playing(painter, (cr.right - 5, cr.top + 5))
                self.drawn[(pupil.id, lv.id)] = draw_status(
                    painter, cell.status, cr.center, 17, cell.best_stars)
        self._draw_legend(painter, pygame.Rect(GRID.x, GRID.bottom - LEGEND_H, GRID.width,
                                               LEGEND_H))
        self._draw_scrollbar(painter)
        if self.focus == "grid" and self.rows:
            row, col = self.cursor
            if self.top_row <= row < self.top_row + self.visible_rows:
                r = self.cell_rect(row, col)
                if col < 0:
                    r = pygame.Rect(r.x, r.y, NAME_W + SUM_W, ROW_H)
                painter.rect("white", r.inflate(2, 2), 10, 6)
                painter.rect("blue", r.inflate(-1, -1), 10, 4)

    def _draw_checkbox(self, painter: Painter, r: pygame.Rect) -> None:
        box = pygame.Rect(r.x + 14, r.centery - 13, 26, 26)
        painter.rect("white", box, 6)
        painter.rect("ink", box, 6, 3)
        if self.help_only:
            draw_icon_shape(painter, "check", box.center, 10, "ink")
        room = pygame.Rect(box.right + 10, r.y + 3, r.right - box.right - 18, r.height - 6)
        label = self._("Needs help only")
        if painter.fit(label, room.width, room.height, 20, MIN_LABEL, True).fits:
            painter.text_box(label, room, 20, bold=True, align="midleft")
        else:  # a long label at a big size: the help sign (the tooltip says it in words)
            draw_status(painter, CellStatus.NEEDS_HELP, (room.x + 18, room.centery), 16)

    def _draw_playing(self, painter: Painter, center: tuple[float, float]) -> None:
        """A small pulsing dot: this level is being played right now (slower than 3 Hz); a
        steady one with calmer motion."""
        pulse = 1.0 if calm(self.ctx.settings) else 0.5 + 0.5 * math.sin(self.time * math.tau * 0.7)
        painter.circle("white", center, 7)
        painter.circle("blue", center, 4 + 1.5 * pulse)

    def _draw_scrollbar(self, painter: Painter) -> None:
        n, shown = len(self.rows), self.visible_rows
        if n <= shown:
            return
        track = pygame.Rect(SCROLL_X + 14, GRID.y + 56, 20, GRID.height - 112)
        painter.rect("tile_edge", track, 10)
        h = max(30, track.height * shown / n)
        y = track.y + (track.height - h) * self.top_row / max(1, n - shown)
        painter.rect("ink_soft", (track.x, y, track.width, h), 10)

    def _draw_side(self, painter: Painter) -> None:
        _ = self._
        self._layout_side(painter)
        side = self._side
        # who needs help now
        box = pygame.Rect(SIDE.x, SIDE.y, SIDE.width, side["help_h"])
        has = bool(self.stuck)
        painter.panel(box, fill=(251, 232, 196) if has else "paper", radius=14, shadow=4)
        if has:
            painter.rect("orange", box, 14, 4)
        head_h = side["head_h"]
        draw_status(painter, CellStatus.NEEDS_HELP, (box.x + 26, box.y + head_h / 2), 18)
        head = painter.text_box(_("Needs help now"), (box.x + 52, box.y + 4,
                                                      box.width - 52 - (48 if has else 10),
                                                      head_h - 8),
                                22, bold=True, align="midleft", min_size=16)
        if has:
            painter.circle("ink", (head.right + 20, head.centery), 15)
            painter.text(str(len(self.stuck)), (head.right + 20, head.centery), 18, "white",
                         bold=True, align="center")
        else:
            draw_status(painter, CellStatus.SOLVED, (box.x + 30, box.y + head_h + 20), 16)
            painter.text_box(_("Nobody is stuck right now."),
                             (box.x + 54, box.y + head_h + 4, box.width - 66,
                              box.height - head_h - 12), 20, "ink_soft", align="topleft",
                             min_size=16)
        levels = {lv.id: lv for lv in self.levels}
        for i in range(self.stuck_shown):
            s = self.stuck[i]
            r = self.stuck_rect(i)
            painter.panel(r, fill="paper", radius=12, shadow=2)
            if self.focus == "stuck" and i == self.stuck_focus:
                draw_focus(painter, r, 12)
                painter.panel(r, fill="paper", radius=12, shadow=0)
            draw_avatar(painter, s.pupil.avatar, s.pupil.name, (r.x + 8, r.centery - 21, 42, 42))
            lv = levels.get(s.level_id)
            # TRANSLATORS: class overview, a level's name by its number; {number}: e.g. 3
            where = _("Level {number}").format(number=self.level_no(lv)) if lv is not None else s.level_id
            line_h = side["name_h"] + 4
            tag = painter.text_box(where, (r.right - 130, r.y + 4, 120, line_h), 18, "blue",
                                   bold=True, align="midright", wrap=False)
            # the name may be cut short: the table and the pupil page show it in full
            painter.text_box(s.pupil.name, (r.x + 58, r.y + 4, tag.x - r.x - 64, line_h), 20,
                             bold=True, align="midleft", wrap=False, ellipsize=True)
            painter.text_box(self._stuck_info(s), (r.x + 58, r.y + 6 + line_h, r.width - 66,
                                                   r.bottom - 4 - (r.y + 6 + line_h)),
                             18, "ink_soft", align="topleft", min_size=16)
        top, h = side["kd_box"]
        self._draw_kerndoelen(painter, pygame.Rect(SIDE.x, top, SIDE.width, h))

    def _stuck_info(self, s: Stuck) -> str:
        # TRANSLATORS: class overview; {n}: how many times a pupil's Test failed on a level
        bits = [self.ctx.ngettext("{n} failed test", "{n} failed tests",
                                  s.failed_tests).format(n=s.failed_tests)]
        if s.minutes:
            bits.append(format_minutes(s.minutes, self.lang))
        return " · ".join(bits)

    def _draw_kerndoelen(self, painter: Painter, box: pygame.Rect) -> None:
        _ = self._
        painter.panel(box, fill="paper", radius=14, shadow=4)
        first, _row = self._side["kd"]
        painter.text_box(_("Kerndoelen: share solved"), (box.x + 14, box.y + 6, box.width - 28,
                                                          first - box.y - 10),
                         20, bold=True, align="midleft", min_size=16)
        if self.data is None:
            return
        shares = self._shares()
        for i, k in enumerate(shares):
            r = self.kerndoel_rect(i)
            if self.focus == "kd" and i == self.kd_focus:
                painter.rect("white", r.inflate(4, 2), 10, 6)
                painter.rect("blue", r.inflate(0, -2), 10, 4)
            if len(shares) > KD_ROOMY:
                self._draw_kerndoel_compact(painter, r, k)
                continue
            # the number, then the goal's name: cut short here, its tooltip says it in full
            label_h = painter.measure_letters("Ag", 17)[1] + 2
            painter.text_box(f"{kerndoel_number(k.kerndoel)} {_(KERNDOELEN[k.kerndoel])}".strip(),
                             (r.x + 6, r.y + 2, r.width - 12, label_h), 17, align="midleft",
                             wrap=False, ellipsize=True)
            line = pygame.Rect(r.x + 6, r.y + 4 + label_h, r.width - 12,
                               r.bottom - 2 - (r.y + 4 + label_h))
            if not k.possible:
                painter.text_box("–", (line.right - 40, line.y, 40, line.height), 18, "ink_soft",
                                 align="midright")
                bar = pygame.Rect(line.x, line.centery - 7, line.width - 52, 14)
                painter.rect("tile", bar, 7)
                painter.rect("ink", bar, 7, 2)
                continue
            numbers = painter.text_box(f"{k.solved}/{k.possible}", (line.x, line.y, line.width,
                                                                    line.height),
                                       16, "ink_soft", align="midright", wrap=False)
            pct = painter.text_box(format_percent(k.share, self.lang),
                                   (line.x, line.y, numbers.x - 6 - line.x, line.height), 18,
                                   "ink", bold=True, align="midright", wrap=False)
            bar = pygame.Rect(line.x, line.centery - 7, max(40, pct.x - 10 - line.x), 14)
            painter.rect("tile", bar, 7)
            if k.solved:
                painter.rect("green", (bar.x, bar.y, max(14, round(bar.width * k.share)),
                                       bar.height), 7)
            painter.rect("ink", bar, 7, 2)

    def _draw_kerndoel_compact(self, painter: Painter, r: pygame.Rect, k) -> None:
        """One kerndoel in one line (number and name, its share at the end) over a thin bar:
        the side column keeps room for the pupils who need help (the tooltip has the counts)."""
        _ = self._
        bar = pygame.Rect(r.x + 6, r.bottom - 10, r.width - 12, 7)
        line = pygame.Rect(r.x + 6, r.y + 1, r.width - 12, bar.y - 1 - (r.y + 1))
        share = format_percent(k.share, self.lang) if k.possible else "–"
        pct = painter.text_box(share, line, 18, "ink" if k.possible else "ink_soft",
                               bold=True, align="midright", wrap=False)
        painter.text_box(f"{kerndoel_number(k.kerndoel)} {_(KERNDOELEN[k.kerndoel])}".strip(),
                         (line.x, line.y, pct.x - 8 - line.x, line.height), 17, align="midleft",
                         wrap=False, ellipsize=True)
        painter.rect("tile", bar, 4)
        if k.solved:
            painter.rect("green", (bar.x, bar.y, max(8, round(bar.width * k.share)),
                                   bar.height), 4)
        painter.rect("ink", bar, 4, 1)

    def _draw_legend(self, painter: Painter, box: pygame.Rect) -> None:
        """What the signs in the cells mean: one line along the bottom of the table."""
        _ = self._
        painter.line("tile_edge", (box.x + 8, box.y), (box.right - 8, box.y), 2)
        order = (CellStatus.NOT_STARTED, CellStatus.TRIED, CellStatus.SOLVED,
                 CellStatus.NEEDS_HELP)
        labels = [_(STATUS_LOOK[status][2]) for status in order]
        # each sign as wide as its words need on one line ("Tried" is short, "Not started" is
        # not), the room to spare shared out; too little room: shared by what each needs
        need = [46 + painter.measure(label, 18)[0] + 4 for label in labels]
        room = box.width - 16
        spare = room - sum(need)
        widths = [n + spare / len(need) for n in need] if spare >= 0 else [
            n * room / sum(need) for n in need]
        x = box.x + 8
        for status, label, step in zip(order, labels, widths, strict=True):
            draw_status(painter, status, (x + 17, box.centery), 16,
                        2 if status == CellStatus.SOLVED else 0)
            painter.text_box(label, (x + 38, box.y + 3, step - 46, box.height - 6), 18,
                             align="midleft", min_size=16)
            x += step

    def read_aloud_focus(self, pointer: bool = False) -> str:
        """What read-aloud says for the focus (or, after the mouse, what is under the
        pointer): the tooltip shown there, in words."""
        if pointer:
            target = self._target_at(self.pointer) if self.pointer is not None else None
        else:
            target = self.focus
            if target == "grid":
                target = "cell:{}:{}".format(*self.cursor)
            elif target == "head":
                target = f"head:{self.head_focus}"
            elif target == "kd":
                target = f"kd:{self.kd_focus}"
            elif target == "stuck":
                target = f"stuck:{self.stuck_focus}"
        if target is None or self.data is None:
            return ""
        kind, _sep, rest = target.partition(":")
        if target in self.buttons:
            b = self.buttons[target]
            return (b.tooltip or b.label) if b.enabled else ""
        if kind == "cell":
            row, col = (int(v) for v in rest.split(":"))
            return self.cell_text(row, col) if 0 <= row < len(self.rows) else ""
        if kind == "head":
            return self.level_text(int(rest)) if 0 <= int(rest) < len(self.levels) else ""
        if kind == "kd":
            return self.kerndoel_text(int(rest))
        if kind == "stuck" and 0 <= int(rest) < len(self.stuck):
            s = self.stuck[int(rest)]
            lv = next((lv for lv in self.levels if lv.id == s.level_id), None)
            # TRANSLATORS: class overview, a level's name by its number; {number}: e.g. 3
            where = self._("Level {number}").format(number=self.level_no(lv)) if lv else s.level_id
            return ". ".join((s.pupil.name, where, self._stuck_info(s)))
        return ""

    def _draw_tooltips(self, painter: Painter) -> None:
        """What a cell means in words: on hover, or on the keyboard cursor."""
        target = None if self.keyboard or self.pointer is None else self._target_at(self.pointer)
        if target in self.buttons:
            b = self.buttons[target]
            if b.tooltip:
                draw_tooltip(painter, b)
            return
        cell = None
        if target is not None and target.startswith("kd:") and self.data is not None:
            r = self.kerndoel_rect(int(target[3:]))
            draw_tooltip(painter, Button(r, lambda: None, tooltip=self.kerndoel_text(
                int(target[3:]))))
            return
        if target is not None and target.startswith("head:") and self.data is not None:
            col = int(target[5:])
            r = self.cell_rect(self.top_row, col)
            tag = pygame.Rect(r.x, GRID.y, COL_W, HEAD_H)
            draw_tooltip(painter, Button(tag, lambda: None, tooltip=self.level_text(col)))
            return
        if target is not None and target.startswith("cell:"):
            cell = tuple(int(v) for v in target.split(":")[1:])
        elif self.focus == "grid" and self.keyboard:
            cell = self.cursor
        elif self.keyboard and self.focus == "head" and self.levels and self.data is not None:
            if not self.tip_hidden:
                draw_tooltip(painter, Button(self.head_rect(self.head_focus), lambda: None,
                                             tooltip=self.level_text(self.head_focus)))
            return
        elif self.keyboard and self.focus == "kd" and self.data is not None:
            if not self.tip_hidden:
                draw_tooltip(painter, Button(self.kerndoel_rect(self.kd_focus), lambda: None,
                                             tooltip=self.kerndoel_text(self.kd_focus)))
            return
        elif self.keyboard and self.focus in self.buttons and self.buttons[self.focus].tooltip:
            draw_tooltip(painter, self.buttons[self.focus])
            return
        if cell is None or not self.rows or not 0 <= cell[0] < len(self.rows):
            return
        row, col = cell
        text = self.cell_text(row, col)
        r = self.cell_rect(row, col)
        tip = Button(r, lambda: None, tooltip=text)
        draw_tooltip(painter, tip)

    def cell_text(self, row: int, col: int) -> str:
        """A cell in words, for the tooltip (and the keyboard user)."""
        _ = self._
        pupil = self.rows[row]
        if col < 0:
            solved, stars = solved_count(self.data, pupil.id)
            total = len(self.levels)
            # TRANSLATORS: class overview, a pupil's row; {name}: the pupil's first name;
            # {levels}: "3 of 5 levels solved"; {stars}: "7 stars"
            text = _("{name}: {levels}, {stars}. Enter: open the pupil's page.").format(
                name=pupil.name,
                # TRANSLATORS: class overview, a pupil's row; {solved}, {total}: numbers of levels
                levels=self.ctx.ngettext("{solved} of {total} level solved",
                                         "{solved} of {total} levels solved", total).format(
                    solved=solved, total=total),
                # TRANSLATORS: class overview; {n}: how many stars a pupil earned
                stars=self.ctx.ngettext("{n} star", "{n} stars", stars).format(n=stars))
            stuck = next((s for s in self.stuck if s.pupil.id == pupil.id), None)
            lv = next((lv for lv in self.levels if stuck and lv.id == stuck.level_id), None)
            if lv is not None:
                # TRANSLATORS: class overview; {number}: a level's number; {title}: its title
                text += "\n" + _("Needs help now with level {number}: {title}").format(
                    number=self.level_no(lv), title=_(lv.title))
            return text
        lv = self.levels[col]
        c = self.data.cell(pupil.id, lv.id)
        status = _(STATUS_LOOK[c.status][2])
        text = f"{pupil.name} · {_('Level {number}').format(number=self.level_no(lv))}: {_(lv.title)}\n{status}"
        if c.status == CellStatus.SOLVED:
            # TRANSLATORS: class overview; {n}: how many stars a pupil earned
            text += ", " + self.ctx.ngettext("{n} star", "{n} stars", c.best_stars).format(
                n=c.best_stars)
        if c.attempts:
            # TRANSLATORS: class overview; {n}: how many times a pupil tried a level
            text += "\n" + self.ctx.ngettext("{n} attempt", "{n} attempts", c.attempts).format(
                n=c.attempts)
            # TRANSLATORS: class overview; {n}: how many times a pupil's Test failed on a level
            text += ", " + self.ctx.ngettext("{n} failed test", "{n} failed tests",
                                             c.failed_tests).format(n=c.failed_tests)
            text += ", " + format_duration(c.seconds, self.lang)
        return text
