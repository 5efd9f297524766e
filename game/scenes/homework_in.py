"""At home, for grown-ups (behind the parental gate): open the homework from school.

The teacher gave a file (``<title>.techniekwerf-huiswerk``) or a short code. As on the
teacher's data screen, files are not looked for all over the computer: the game looks in a
few known folders (:func:`folders`: Downloads, where a mail's attachment lands, and the
game's own folder in Documents) and lists the homework files it finds there, newest first;
the parent taps one. Or the parent types the code. Either way the homework is kept in the
data folder (game.homework.HOME_FILE) and the child finds its levels first. A broken, foreign,
too big or newer file, an unknown level or a mistyped code gives one line and changes
nothing: the homework of before stays.

Written for adults: not read aloud (game/spoken.py lists it with the teachers' screens).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygame

from game import homework as hw
from game.scenes.base import Scene
from game.settings import data_dir
from game.ui.forms import FieldEntry, FocusRow, TextField, draw_backdrop, draw_heading, icon
from game.ui.textfit import MIN_BODY, MIN_LABEL
from game.ui.view import Painter
from game.ui.widgets import Button

NOW = pygame.Rect(32, 116, 1216, 132)
NOTE = pygame.Rect(32, 258, 1216, 72)
FILES = pygame.Rect(32, 340, 592, 368)
CODE = pygame.Rect(656, 340, 592, 368)
FILE_ROWS = 2  # the newest (a third would crowd the note at the biggest text)
CODE_MAX = 48  # twelve levels make 38 characters and 9 dashes


def folders(ctx) -> list[Path]:
    """Where homework files are looked for (looked up on this module at call time, so tests
    point it elsewhere): Downloads, then the game's folder in Documents, then the data folder."""
    import platformdirs

    from game.scenes import exports

    out: list[Path] = []
    with contextlib.suppress(Exception):  # a computer without a Downloads folder
        out.append(Path(platformdirs.user_downloads_dir()))
    with contextlib.suppress(Exception):
        out.append(exports.export_folder(ctx))
    out.append(data_dir(ctx.settings.folder))
    return list(dict.fromkeys(out))


class HomeworkInScene(FieldEntry, Scene):
    """The homework now, the files found, the code field; one line says what happened."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        _ = ctx.gettext
        self.row = FocusRow()
        self.field = TextField(pygame.Rect(CODE.x + 24, CODE.y + 164, CODE.width - 48, 72), "",
                               CODE_MAX, "1ABC-DEF2")
        self.files: list[Path] = []
        self.looked_in: list[Path] = []
        self.current: hw.Homework | None = None
        self.message = ""
        self.ok = True  # the message tells of success (else: why nothing changed)
        self.wants_text = True

    def known(self) -> list[str]:
        return [lv.id for lv in self.ctx.levels] if self.ctx.levels is not None else []

    def folder(self) -> Path:
        return data_dir(self.ctx.settings.folder)

    def enter(self) -> None:
        self.current = hw.load(self.folder(), self.known())
        self.look()

    def look(self) -> None:
        import game.scenes.homework_in as me  # folders() looked up now (tests)

        self.looked_in = me.folders(self.ctx)
        self.files = hw.find_files(self.looked_in, FILE_ROWS)
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        art = self.ctx.art
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back")))]
        if self.current is not None:
            items.append(("remove", Button(
                pygame.Rect(NOW.right - 264, NOW.y + 34, 240, 64), self.remove,
                # TRANSLATORS: at home, the homework screen: take the homework away again
                label=_("Remove it"), icon=icon(art, "icons/delete", "icons/remove"),
                text_size=22)))
        for k, path in enumerate(self.files):
            items.append((f"file:{k}", Button(
                pygame.Rect(FILES.x + 24, FILES.y + 140 + k * 66, FILES.width - 48, 58),
                lambda p=path: self.open_file(p), label=path.name[:-len(hw.SUFFIX)],
                icon=icon(art, "icons/import", "icons/export"), text_size=22)))
        items.append(("look", Button(
            pygame.Rect(FILES.x + 24, FILES.bottom - 72, FILES.width - 48, 56), self.look,
            # TRANSLATORS: at home, the homework screen: look for homework files again
            label=_("Look again"), icon=icon(art, "icons/retry", "icons/redo"), text_size=24)))
        items.append(("code", Button(
            pygame.Rect(CODE.x + 24, CODE.bottom - 84, CODE.width - 48, 64), self.open_code,
            # TRANSLATORS: at home, the homework screen: open the homework of the typed code
            label=_("Open the code"), icon="icons/check", fill="yellow", text_size=24)))
        self.row.set(items, focus=self.row.focused_key())

    # --- actions ---------------------------------------------------------------------------
    def open_file(self, path: Path) -> None:
        try:
            found = hw.read_file(path, self.known())
        except hw.HomeworkError as exc:
            self.refuse(exc)
            return
        self.take(found)

    def open_code(self) -> None:
        try:
            found = hw.from_code(self.field.value, self.known())
        except hw.HomeworkError as exc:
            self.refuse(exc)
            return
        self.take(found)
        self.field.text = ""

    def refuse(self, exc: hw.HomeworkError) -> None:
        self.ctx.audio.play("not_yet")
        self.message, self.ok = self.ctx.gettext(hw.MESSAGES[exc.reason]), False

    def take(self, found: hw.Homework) -> None:
        _ = self.ctx.gettext
        try:
            hw.save(self.folder(), found)
        except OSError as exc:
            # TRANSLATORS: a note after a failed export; {error}: the computer's error message
            self.message, self.ok = _("Could not save the file: {error}").format(error=exc), False
            return
        self.current = found
        self.ctx.audio.play("click")
        # TRANSLATORS: at home, after the homework was opened
        self.message, self.ok = _("Done: the homework is on the first screen, with its levels "
                                  "first."), True
        self._build()

    def remove(self) -> None:
        hw.remove(self.folder())
        self.current = None
        self.ctx.audio.play("click")
        # TRANSLATORS: at home, after the homework was removed
        self.message, self.ok = self.ctx.gettext("The homework is removed."), True
        self._build()

    # --- input ------------------------------------------------------------------------------
    def handle_text(self, text: str) -> bool:
        self.row.focus = None  # typing: Enter opens the code
        return super().handle_text(text)

    def submit(self) -> None:  # Enter in the code field
        self.open_code()

    def update(self, dt: float) -> None:
        self.field.update(dt)

    def idle_motion(self) -> float | None:
        return 2.0  # the field's caret

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, _("Homework from school"),
                     icon_name=icon(painter, "icons/homework", "icons/lesson"), max_width=900)
        self._draw_now(painter)
        if self.message:
            painter.panel(NOTE, fill="cream" if self.ok else "orange", radius=16, shadow=2)
            painter.image("icons/check" if self.ok else "icons/attention",
                          (NOTE.x + 14, NOTE.centery - 24, 48, 48))
            painter.text_box(self.message, NOTE.inflate(-96, -8).move(34, 0), 24, bold=True,
                             align="midleft", min_size=MIN_LABEL)
        self._draw_files(painter)
        self._draw_code(painter)
        self.row.draw(painter)

    def _draw_now(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.panel(NOW, fill="paper", radius=24, shadow=4)
        room = NOW.width - 48 - (264 if self.current is not None else 0)
        if self.current is None:
            painter.text_box(_("No homework yet. Open the file or the code the teacher gave."),
                             (NOW.x + 24, NOW.y + 12, room, NOW.height - 24), 24,
                             align="midleft", min_size=MIN_BODY)
            return
        cur = self.current
        n = len(cur.level_ids)
        painter.text_box(cur.title or _("Homework from school"),
                         (NOW.x + 24, NOW.y + 12, room, 50), 30, bold=True, align="midleft",
                         min_size=MIN_LABEL, wrap=False, ellipsize=True)
        # TRANSLATORS: lessons screen; {n}: how many levels a lesson has
        count = self.ctx.ngettext("{n} level", "{n} levels", n).format(n=n)
        if cur.class_name:  # "4 levels", then the class's own name ("Groep 6b")
            count = f"{count}  ·  {cur.class_name}"
        painter.text_box(count, (NOW.x + 24, NOW.y + 68, room, 48), 24, "ink_soft", bold=True,
                         align="midleft", min_size=MIN_LABEL, wrap=False, ellipsize=True)

    def _draw_files(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.panel(FILES, fill="paper", radius=24, shadow=4)
        # TRANSLATORS: at home, the homework screen: the heading over the files found
        painter.text_box(_("A file from school"), (FILES.x + 24, FILES.y + 10, FILES.width - 48,
                                                   44), 28, bold=True, align="midleft",
                         min_size=MIN_LABEL)
        if self.files:
            text = _("Tap the homework to open it:")
        else:
            # TRANSLATORS: at home, the homework screen when no homework file was found;
            # {folder}: a folder's name (Downloads)
            text = _("No homework file found. Save the teacher's file in {folder} and tap "
                     "Look again.").format(folder=self.looked_in[0].name if self.looked_in
                                           else "Downloads")
        high = 84 if self.files else FILES.height - 54 - 84  # no files: the room is the note's
        painter.text_box(text, (FILES.x + 24, FILES.y + 54, FILES.width - 48, high), 22,
                         align="topleft", min_size=MIN_BODY)

    def _draw_code(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.panel(CODE, fill="paper", radius=24, shadow=4)
        # TRANSLATORS: at home, the homework screen: the heading over the code field
        painter.text_box(_("Or type the code"), (CODE.x + 24, CODE.y + 10, CODE.width - 48, 44),
                         28, bold=True, align="midleft", min_size=MIN_LABEL)
        painter.text_box(_("Type it as the teacher wrote it."),
                         (CODE.x + 24, CODE.y + 56, CODE.width - 48, 100), 22,
                         align="topleft", min_size=MIN_BODY)
        self.field.draw(painter)
