"""Classes and pupils, for the teacher: the classes on the left, the chosen class's pupils as
avatar tiles on the right, and small cards for typing a name or confirming a delete.

A pupil is a nickname (or first name) and an avatar, nothing else: the form has no other
field to fill, so nothing else about a child can end up in the store.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.progress.records import DuplicateName, InvalidRecord, name_sort_key
from game.scenes import exports
from game.scenes.teacher_base import (
    LOCK_RECT,
    ConfirmScene,
    FieldScene,
    TeacherScene,
    TextPromptScene,
    lock_button,
)
from game.ui.forms import (
    NAME_MAX,
    Pages,
    TextField,
    avatar_names,
    draw_avatar,
    draw_avatar_row,
    draw_backdrop,
    draw_empty,
    draw_heading,
    draw_page_count,
    icon,
    page_buttons,
)
from game.ui.textfit import MIN_BODY
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_focus

LEFT = pygame.Rect(32, 130, 372, 570)  # the class list
RIGHT = pygame.Rect(428, 130, 820, 570)  # the chosen class
CLASS_ROWS = 6
PUPIL_COLS, PUPIL_ROWS = 6, 3


def first_free_avatar(avatars: list[str], used: set[str]) -> str:
    """An avatar nobody in the class has yet (each once per class where possible)."""
    return next((a for a in avatars if a not in used), avatars[0] if avatars else "")


class ClassesScene(TeacherScene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.toast = Toast(3.0)
        self.classes: list = []
        self.pupils: list = []
        self.selected: str | None = None
        self.class_pages = Pages(CLASS_ROWS)
        self.pupil_pages = Pages(PUPIL_COLS * PUPIL_ROWS - 1)  # the first tile adds a pupil

    def on_enter(self) -> None:
        self.reload()

    def reload(self) -> None:
        school = self.ctx.school
        self.classes = school.classes()
        ids = [c.id for c in self.classes]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.selected is not None:
            self.class_pages.show(ids.index(self.selected))
        self.pupils = (sorted(school.pupils(self.selected), key=lambda p: name_sort_key(p.name))
                       if self.selected else [])  # as a reader sorts: "Ömer" before "Zoë"
        self._build()

    @property
    def group(self):
        return next((c for c in self.classes if c.id == self.selected), None)

    def pupil_rect(self, k: int) -> pygame.Rect:
        w, h, gap = 118, 138, 12
        return pygame.Rect(RIGHT.x + 26 + (k % PUPIL_COLS) * (w + gap),
                           RIGHT.y + 108 + (k // PUPIL_COLS) * (h + gap), w, h)

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("lock", lock_button(self.ctx)),
        ]
        for k, i in enumerate(self.class_pages.slice(len(self.classes))):
            c = self.classes[i]
            items.append((f"class:{c.id}", Button(
                pygame.Rect(LEFT.x + 16, LEFT.y + 60 + k * 72, LEFT.width - 32, 64),
                lambda c=c: self.select(c.id), label=c.name, text_size=26,
                fill="yellow" if c.id == self.selected else "paper")))
        items += page_buttons("classpage", self.class_pages, len(self.classes),
                              pygame.Rect(LEFT.right - 140, LEFT.y + 4, 56, 48),
                              self.turn_classes)
        items.append(("newclass", Button(pygame.Rect(LEFT.x + 16, LEFT.bottom - 80,
                                                     LEFT.width - 32, 64),
                                         self.new_class, label=_("New class"),
                                         icon=icon(self.ctx.art, "icons/plus", "icons/class"),
                                         fill="green", text_color="white", text_size=26)))
        if self.group is not None:
            items.append(("rename", Button(pygame.Rect(RIGHT.right - 330, RIGHT.y + 16, 150, 64),
                                           # TRANSLATORS: button: give the class another name
                                           self.rename_class, label=_("Rename"),
                                           icon=icon(self.ctx.art, "icons/edit", "icons/menu"),
                                           tooltip=_("Change the name of this class"))))
            items.append(("delclass", Button(pygame.Rect(RIGHT.right - 166, RIGHT.y + 16, 150, 64),
                                             self.delete_class, label=_("Delete"),
                                             icon=icon(self.ctx.art, "icons/delete",
                                                       "icons/remove"),
                                             tooltip=_("Delete this class"))))
            if self.pupils:
                items.append(("cards", Button(pygame.Rect(LOCK_RECT.x - 246, LOCK_RECT.y,
                                                          230, LOCK_RECT.height),
                                              self.print_cards,
                                              # TRANSLATORS: classes screen, button: a PDF
                                              # with a card per pupil (name, avatar, how to
                                              # log in)
                                              label=_("Login cards"),
                                              icon=icon(self.ctx.art, "icons/pdf",
                                                        "icons/export"),
                                              tooltip=_("Print a login card for every "
                                                        "pupil of this class: name, picture "
                                                        "and how to log in"))))
            items.append(("addpupil", Button(self.pupil_rect(0), self.add_pupil,
                                             tooltip=_("Add a pupil"))))
            for k, i in enumerate(self.pupil_pages.slice(len(self.pupils))):
                p = self.pupils[i]
                items.append((f"pupil:{p.id}", Button(self.pupil_rect(k + 1),
                                                      lambda p=p: self.edit_pupil(p))))
            items += page_buttons("pupilpage", self.pupil_pages, len(self.pupils),
                                  pygame.Rect(RIGHT.right - 470, RIGHT.y + 20, 56, 56),
                                  self.turn_pupils)
        self.row.set(items)

    # --- actions --------------------------------------------------------------------------
    def select(self, class_id: str) -> None:
        self.selected = class_id
        self.pupil_pages.page = 0
        self.reload()

    def turn_classes(self, step: int) -> None:
        self.class_pages.turn(step, len(self.classes))
        self._build()

    def turn_pupils(self, step: int) -> None:
        self.pupil_pages.turn(step, len(self.pupils))
        self._build()

    def new_class(self) -> None:
        _ = self.ctx.gettext

        def made(name: str) -> None:
            try:
                group = self.ctx.school.add_class(name)
            except InvalidRecord as refused:  # the store's rules: one class per name
                self.refused_class_name(name, refused)
                return
            self.selected = group.id
            self.reload()
            self.row.focus_on("addpupil")

        self.ctx.stack.push(TextPromptScene(self.ctx, _("Name of the new class"), "",
                                            _("for example: groep 5b"), made))

    def rename_class(self) -> None:
        group = self.group
        if group is None:
            return
        _ = self.ctx.gettext

        def renamed(name: str) -> None:
            try:
                self.ctx.school.rename_class(group.id, name)
            except InvalidRecord as refused:
                self.refused_class_name(name, refused)
                return
            self.reload()

        self.ctx.stack.push(TextPromptScene(self.ctx, _("New name of the class"), group.name, "",
                                            renamed))

    def refused_class_name(self, name: str, refused: InvalidRecord) -> None:
        """The store said no to a class name: say why, in the teacher's words."""
        _ = self.ctx.gettext
        if isinstance(refused, DuplicateName):
            # TRANSLATORS: classes screen; {name}: a class name that another class has already
            text = _("There is already a class called {name}. Choose another name.").format(
                name=" ".join(name.split()))
        else:
            text = _("Type a name for the class, with letters or numbers.")
        self.toast.show(text, "guide/guide_thinking")

    def delete_class(self) -> None:
        group = self.group
        if group is None:
            return
        _ = self.ctx.gettext

        def gone() -> None:
            self.ctx.school.delete_class(group.id)
            self.selected = None
            self.reload()

        self.ctx.stack.push(ConfirmScene(
            # TRANSLATORS: classes screen, asked before deleting; {name}: the class's name
            self.ctx, _("Delete the class {name}?").format(name=group.name),
            _("This deletes the pupils and all their work. It cannot be undone."),
            _("Delete class"), gone))

    def print_cards(self) -> Path | None:
        """Save the class's login cards as a PDF where every export goes and open it in the
        PC's PDF viewer to print (as the class report of the dashboard)."""
        group = self.group
        if group is None:
            return None
        from game.progress.cards import write_login_cards
        from game.progress.export import safe_filename

        _ = self.ctx.gettext
        out = exports.export_folder(self.ctx) / f"{safe_filename(group.name) or 'class'}-cards.pdf"
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            write_login_cards(self.ctx.school, group.id, out, gettext=_,
                              lang=self.ctx.settings.language or "nl")
        except Exception as exc:  # noqa: BLE001 - tell the teacher, never crash the screen
            # TRANSLATORS: a note after a failed export; {error}: the computer's error message
            self.toast.show(_("Could not save the file: {error}").format(error=exc),
                            "icons/attention")
            return None
        message = exports.saved_message(_, out.name, out.parent)
        if not exports.open_with_viewer(out):  # looked up now (tests)
            # TRANSLATORS: after "Saved as ... in ...", when no PDF viewer could be started
            self.toast.show(message + "\n" + _("No program to show it was found: open the file "
                                               "from there to print it."), "icons/check")
            return out
        self.toast.show(message, "icons/check")
        return out

    def add_pupil(self) -> None:
        if self.selected is not None:
            self.ctx.stack.push(PupilScene(self.ctx, self.selected, None))

    def edit_pupil(self, pupil) -> None:
        self.ctx.stack.push(PupilScene(self.ctx, pupil.class_id, pupil))

    # --- input and drawing ----------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.toast.update(dt)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, _("Classes and pupils"), icon_name=icon(painter, "icons/class",
                                                                      "icons/home"),
                     max_width=self._layout_cards(painter))
        painter.panel(LEFT, fill="paper", radius=24, shadow=4)
        painter.text(_("Classes"), (LEFT.x + 20, LEFT.y + 28), 28, bold=True, align="midleft")
        draw_page_count(painter, self.class_pages, len(self.classes),
                        (LEFT.right - 150, LEFT.y + 28), "midright")
        painter.panel(RIGHT, fill="paper", radius=24, shadow=4)
        group = self.group
        if group is None:
            draw_empty(painter, RIGHT.inflate(-80, -260),
                       _("Make your first class with the green button."), "guide/guide_happy")
        else:
            left = self._layout_header(painter)
            # the name may be cut short here: the class list on the left shows it in full
            painter.text_box(group.name, (RIGHT.x + 24, RIGHT.y + 12, left - 12 - RIGHT.x - 24,
                                          44), 32, bold=True, align="midleft", min_size=20,
                             wrap=False, ellipsize=True)
            # TRANSLATORS: classes screen, under the class's name; {n}: how many pupils it has
            count = self.ctx.ngettext("{n} pupil", "{n} pupils", len(self.pupils)).format(
                n=len(self.pupils))
            painter.text_box(count, (RIGHT.x + 24, RIGHT.y + 58, left - 12 - RIGHT.x - 24, 30),
                             22, "ink_soft", bold=True, align="midleft", wrap=False)
        for k, key in enumerate(self.row.keys):
            b = self.row.buttons[k]
            state = dict(focused=k == self.row.focus, hovered=k == self.row.hover,
                         pressed=k == self.row.pressed)
            if key == "addpupil":
                self._draw_add(painter, b, **state)
            elif key.startswith("pupil:"):
                self._draw_pupil(painter, b, key.split(":", 1)[1], **state)
            else:
                b.draw(painter, **state)
        if not self.pupils and group is not None:
            tile = self.pupil_rect(0)
            painter.text_box(_("Add the pupils of this class: a name and an avatar."),
                             (tile.right + 24, tile.y, RIGHT.right - 24 - tile.right - 24,
                              tile.height), 24, "ink_soft", bold=True, align="midleft",
                             min_size=MIN_BODY)
        self.toast.draw(painter)

    def _layout_cards(self, painter: Painter) -> float:
        """The login cards button at the top, left of the lock, as wide as its words need;
        returns the room the heading's title has left of it."""
        cards = self.row.button("cards")
        if cards is None:
            return 860
        w = max(150, min(round(cards.width_for(painter)), 320))
        cards.rect = pygame.Rect(LOCK_RECT.x - 16 - w, LOCK_RECT.y, w, LOCK_RECT.height)
        return max(120, cards.rect.x - 16 - 128 - 56 - 52)

    def _layout_header(self, painter: Painter) -> float:
        """The class's buttons along the top right, each as wide as its word needs (a long
        language, a big text size), the page arrows and count left of them. Returns the left
        edge of what is laid out, where the class's name must end."""
        right = RIGHT.right - 16
        for key in ("delclass", "rename"):
            b = self.row.button(key)
            if b is not None:
                w = max(150, min(round(b.width_for(painter)), 240))
                b.rect = pygame.Rect(right - w, RIGHT.y + 16, w, 64)
                right = b.rect.x - 14
        nxt, prev = self.row.button("pupilpage:next"), self.row.button("pupilpage:prev")
        if nxt is not None and prev is not None:
            nxt.rect = pygame.Rect(right - 56, RIGHT.y + 20, 56, 56)
            prev.rect = nxt.rect.move(-68, 0)
            right = prev.rect.x - 10
            text = f"{self.pupil_pages.page + 1} / {self.pupil_pages.count(len(self.pupils))}"
            right -= painter.measure(text, 22, True)[0]
            draw_page_count(painter, self.pupil_pages, len(self.pupils),
                            (prev.rect.x - 10, RIGHT.y + 48), "midright")
        return right

    def _draw_add(self, painter: Painter, b: Button, focused: bool, hovered: bool,
                  pressed: bool) -> None:
        _ = self.ctx.gettext
        r = b.rect.move(0, 3 if pressed else 0)
        if focused:
            draw_focus(painter, r, 18)
        painter.panel(r, fill="green_deep", radius=18, shadow=0 if pressed else 4)
        if hovered:
            painter.rect((0, 0, 0, 40), r, 18)
        label = _("Add pupil")
        one_line = painter.fit(label, r.width - 12, 40, 21, 21, True).fits
        k = 1.0 if one_line else 0.72  # a smaller plus leaves two lines for a long label
        cy = r.y + 46 * k
        if painter.art.exists("icons/plus"):
            painter.circle("white", (r.centerx, cy), 36 * k)
            painter.image("icons/plus", (r.centerx - 28 * k, cy - 28 * k, 56 * k, 56 * k))
        else:
            painter.rect("white", (r.centerx - 6, cy - 26 * k, 12, 52 * k), 4)
            painter.rect("white", (r.centerx - 26 * k, cy - 6, 52 * k, 12), 4)
        top = round(cy + 36 * k + 4)
        painter.text_box(label, (r.x + 6, top, r.width - 12, r.bottom - 4 - top), 21, "white",
                         bold=True, min_size=16)

    def _draw_pupil(self, painter: Painter, b: Button, pupil_id: str, focused: bool,
                    hovered: bool, pressed: bool) -> None:
        pupil = next((p for p in self.pupils if p.id == pupil_id), None)
        if pupil is None:
            return
        r = b.rect.move(0, 3 if pressed else 0)
        if focused:
            draw_focus(painter, r, 18)
        painter.panel(r, fill="cream", radius=18, shadow=0 if pressed else 4)
        if hovered:
            painter.rect((255, 255, 255, 70), r, 18)
        draw_avatar(painter, pupil.avatar, pupil.name, (r.centerx - 42, r.y + 8, 84, 84))
        # a long name is cut short on its tile: the pupil's own page shows it in full
        painter.text_box(pupil.name, (r.x + 6, r.y + 94, r.width - 12, r.height - 98), 21,
                         bold=True, wrap=False, ellipsize=True)


class PupilScene(FieldScene):
    """Add or change one pupil: a name and an avatar, and delete (with a question first)."""

    def __init__(self, ctx, class_id: str, pupil=None) -> None:
        super().__init__(ctx)
        self.class_id = class_id
        self.pupil = pupil
        _ = ctx.gettext
        self.field = TextField(pygame.Rect(300, 128, 560, 72), pupil.name if pupil else "",
                               NAME_MAX, _("Nickname or first name"))
        self.avatars = avatar_names(ctx.art)
        self.others: dict[str, str] = {}  # avatar -> the name of the classmate who has it
        self.avatar = pupil.avatar if pupil else ""
        self.toast = Toast(4.0)
        self.wants_text = True

    def on_enter(self) -> None:
        classmates = [p for p in self.ctx.school.pupils(self.class_id)
                      if self.pupil is None or p.id != self.pupil.id]
        self.names = {p.name.casefold() for p in classmates}
        self.others = {p.avatar: p.name for p in classmates}
        if not self.avatar:
            self.avatar = first_free_avatar(self.avatars, set(self.others))
        self._build()

    def avatar_rect(self, i: int) -> pygame.Rect:
        cols = 10
        return pygame.Rect(72 + (i % cols) * 114, 262 + (i // cols) * 110, 100, 100)

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back without saving"))),
        ]
        for i, name in enumerate(self.avatars[:30]):
            items.append((f"avatar:{name}", Button(self.avatar_rect(i),
                                                   lambda n=name: self.choose(n))))
        if self.pupil is not None:
            items.append(("delete", Button(pygame.Rect(72, 616, 250, 72), self.delete,
                                           label=_("Delete pupil"),
                                           icon=icon(self.ctx.art, "icons/delete",
                                                     "icons/remove"))))
        items.append(("save", Button(pygame.Rect(958, 616, 250, 72), self.save,
                                     label=_("Save"), icon="icons/check", fill="yellow",
                                     text_size=30)))
        self.row.set(items)

    def choose(self, avatar: str) -> None:
        self.avatar = avatar
        self.ctx.audio.play("click")

    def save(self) -> None:
        _ = self.ctx.gettext
        name = self.field.value
        if not name:
            self.toast.show(_("Type the pupil's name first."), "guide/guide_thinking")
            return
        if name.casefold() in self.names:
            # TRANSLATORS: {name} is a pupil's name already used in this class
            self.toast.show(_("There is already a {name} in this class. Add a letter, like "
                              "{name} B.").format(name=name), "guide/guide_thinking")
            return
        school = self.ctx.school
        try:
            if self.pupil is None:
                school.add_pupil(self.class_id, name, self.avatar)
            else:
                school.update_pupil(self.pupil.id, name, self.avatar)
        except DuplicateName:  # the same name in other letters ("Zoë" typed another way)
            # TRANSLATORS: {name} is a pupil's name already used in this class
            self.toast.show(_("There is already a {name} in this class. Add a letter, like "
                              "{name} B.").format(name=name.strip()), "guide/guide_thinking")
            return
        except InvalidRecord:  # only spaces
            self.toast.show(_("Type the pupil's name first."), "guide/guide_thinking")
            return
        self.ctx.stack.pop()

    def delete(self) -> None:
        _ = self.ctx.gettext
        pupil = self.pupil

        def gone() -> None:
            self.ctx.school.delete_pupil(pupil.id)
            self.ctx.stack.pop()  # this form too: the pupil is no more

        self.ctx.stack.push(ConfirmScene(
            # TRANSLATORS: a pupil's form, asked before deleting; {name}: the pupil's first name
            self.ctx, _("Delete {name}?").format(name=pupil.name),
            _("This deletes the pupil and all their work. It cannot be undone."),
            _("Delete pupil"), gone))

    def submit(self) -> None:
        self.save()

    def update(self, dt: float) -> None:
        self.field.update(dt)
        self.toast.update(dt)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        title = _("New pupil") if self.pupil is None else _("Change pupil")
        draw_heading(painter, title, icon_name=icon(painter, "icons/pupil", "icons/home"))
        painter.panel((40, 112, 1200, 490), fill="paper", radius=24, shadow=4)
        painter.text(_("Name"), (72, 164), 28, bold=True, align="midleft")
        self.field.draw(painter)
        draw_avatar(painter, self.avatar, self.field.value, (1080, 116, 110, 110))
        label = painter.text_box(_("Avatar"), (72, 214, 124, 44), 24, bold=True, align="midleft",
                                 min_size=16)
        note_x = max(200, label.right + 12)
        painter.text_box(_("Faded avatars are used by a classmate."),
                         (note_x, 212, 1060 - note_x, 48), 20, "ink_soft", align="midleft",
                         min_size=16)
        draw_avatar_row(painter, self.row, self.avatar, frozenset(self.others))
        self.toast.draw(painter, bottom=600)
