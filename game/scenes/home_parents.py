"""The parents' page, behind the parental gate: what the game teaches, how much time is
sensible, what is stored on this computer and where, how to delete it, and whether this
computer is used at school or at home. From here a parent opens the family's profiles and
the settings.

Written for adults: it is not read aloud (game/spoken.py lists it with the teachers' screens).
"""

from __future__ import annotations

import pygame

from game.home import FAMILY_DIR, FAMILY_FILE, HOME, SCHOOL, at_home, choose_place
from game.input import Action, Intent
from game.scenes.base import Scene
from game.settings import N_, SETTINGS_FILE
from game.ui.badges import draw_badge
from game.ui.forms import FocusRow, draw_backdrop, draw_heading, icon
from game.ui.textfit import MIN_BODY, MIN_LABEL
from game.ui.view import Painter
from game.ui.widgets import Button, draw_tooltip

TAB_X, TAB_Y, TAB_W, TAB_H, TAB_GAP = 32, 136, 264, 92, 12
PANEL = pygame.Rect(316, 134, 932, 576)  # below the heading, which grows at the biggest size
INNER = PANEL.inflate(-48, -32)  # the page's words

#: The tabs of the parents' page: key, icon, msgid (short: on buttons 300 pixels wide).
PAGES: tuple[tuple[str, str, str], ...] = (
    # TRANSLATORS: a tab of the parents' page (short)
    ("teaches", "icons/build", N_("What it teaches")),
    # TRANSLATORS: a tab of the parents' page (short)
    ("time", "icons/sun", N_("Playing time")),
    # TRANSLATORS: a tab of the parents' page (short)
    ("stored", "icons/lock", N_("What is stored")),
    # TRANSLATORS: a tab of the parents' page (short)
    ("delete", "icons/delete", N_("Deleting")),
    # TRANSLATORS: a tab of the parents' page (short)
    ("place", "icons/home", N_("School or home")),
)

TEXTS = {
    "teaches": N_(
        "Techniekwerf is about science and technology, a subject of Dutch primary school. "
        "Your child builds and repairs the machines of the region: power from the sun and the "
        "wind, water for the greenhouses, suitcases at the airport, medicines that must stay "
        "cold. Each level is a small design task: think, build, press Test, look at what "
        "happens and make it better. Play together now and then: the card Discover together "
        "of a level has a question to ask and something small to try at home."),
    "time": N_(
        "Short and often works best: about 15 to 20 minutes for children of six or seven, up "
        "to half an hour for older children, and then something else, away from the screen. "
        "The game has no timers, no adverts and nothing to buy, and it never asks to keep "
        "playing. Stopping after a solved level is a good moment: the stars are kept."),
    "stored": N_(
        "Everything stays on this computer: the game sends nothing over the internet. It keeps "
        "the settings, the first name and picture of each family profile, and for each child "
        "the levels played and the stars won. No birthday, photo, e-mail address or surname. "
        "It is all in this folder:"),
    "delete": N_(
        "A child's profile is deleted under Family profiles, with all its stars. To delete "
        "everything, close the game and delete the folder shown under What is stored. "
        "Removing the game from the computer leaves that folder: delete it yourself."),
}


class ParentsScene(Scene):
    """Tabs on the left, the chosen topic on the right; Family profiles and Settings above."""

    def __init__(self, ctx, page: str = "teaches") -> None:
        super().__init__(ctx)
        self.page = page if page in [p[0] for p in PAGES] else "teaches"
        self.row = FocusRow()
        self.home = True
        self.note = ""  # said after "Open the folder" failed

    def enter(self) -> None:
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("homework", Button(pygame.Rect(448, 28, 300, 72), self.open_homework,
                                label=_("Homework"), tooltip=_("Homework from school"),
                                icon=icon(self.ctx.art, "icons/homework", "icons/lesson"))),
            ("family", Button(pygame.Rect(764, 28, 300, 72), self.open_family,
                              label=_("Family profiles"),
                              icon=icon(self.ctx.art, "icons/pupil", "icons/home"))),
            ("settings", Button(pygame.Rect(1080, 28, 168, 72), self.open_settings,
                                icon=icon(self.ctx.art, "icons/settings", "icons/menu"),
                                label=_("Settings"), tooltip=_("Settings"))),
        ]
        for i, (key, art, name) in enumerate(PAGES):
            tab = Button(pygame.Rect(TAB_X, TAB_Y + i * (TAB_H + TAB_GAP), TAB_W, TAB_H),
                         lambda k=key: self.show(k), label=_(name), icon=art, text_size=26,
                         fill="yellow" if key == self.page else "paper")
            items.append((f"tab:{key}", tab))
        self.home = home = at_home(self.ctx)  # asked once here, not on every frame
        if self.page == "stored" and self.ctx.settings.folder is not None:
            items.append(("folder", Button(
                pygame.Rect(INNER.right - 280, INNER.bottom - 72, 280, 72), self.show_folder,
                # TRANSLATORS: the parents' page: open the game's data folder in the file manager
                label=_("Open the folder"), icon="icons/export", text_size=24)))
        if self.page == "place":
            items.append(("place:school", Button(
                pygame.Rect(PANEL.x + 48, PANEL.bottom - 140, 380, 96),
                lambda: self.set_place(SCHOOL), label=_("At school"),
                icon=icon(self.ctx.art, "icons/class", "icons/teacher"),
                fill="paper" if home else "yellow", text_size=30)))
            items.append(("place:home", Button(
                pygame.Rect(PANEL.right - 428, PANEL.bottom - 140, 380, 96),
                lambda: self.set_place(HOME), label=_("At home"), icon="icons/home",
                fill="yellow" if home else "paper", text_size=30)))
        self.row.set(items, focus=self.row.focused_key() or f"tab:{self.page}")

    # --- actions ---------------------------------------------------------------------------
    def show(self, page: str) -> None:
        self.page = page
        self.note = ""
        self.ctx.audio.play("click")
        self._build()

    def open_family(self) -> None:
        self.ctx.push("home_family")

    def open_settings(self) -> None:
        self.ctx.push("settings")

    def open_homework(self) -> None:
        self.ctx.push("homework_in")

    def show_folder(self) -> None:
        """The data folder in the computer's file manager (behind the gate: it leaves the
        game); a PC without one says so on the page."""
        from game.scenes import exports

        folder = self.ctx.settings.folder
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        if not exports.open_with_viewer(folder):
            self.note = self.ctx.gettext("This computer cannot show the folder. Its name is "
                                         "below.")

    def set_place(self, where: str) -> None:
        choose_place(self.ctx, where)
        self.ctx.audio.play("click")
        self._build()

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.ctx.stack.pop()
            return True
        return self.row.handle(action)

    def idle_motion(self) -> float | None:
        return 0.0

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        # TRANSLATORS: the heading of the parents' page (behind the parental gate)
        draw_heading(painter, _("For parents"), icon_name=icon(painter, "icons/parent",
                                                                "icons/home"), max_width=300)
        painter.panel(PANEL, fill="paper", radius=24, shadow=4)
        inner = INNER
        if self.page == "stored":
            self._draw_stored(painter, inner)
        elif self.page == "place":
            self._draw_place(painter, inner)
        else:
            painter.text_box(_(TEXTS[self.page]), inner, 26, align="topleft",
                             min_size=MIN_BODY)
        self.row.draw(painter)
        chosen = {f"tab:{self.page}", "place:home" if self.home else "place:school"}
        for key, b in zip(self.row.keys, self.row.buttons, strict=True):
            if key in chosen:  # the chosen one is yellow AND has a check: not colour alone
                draw_badge(painter, "works", (b.rect.right - 8, b.rect.top + 8), 17)
        k = self.row.focus if self.row.focus is not None else self.row.hover
        if k is not None and self.row.buttons[k].tooltip and self.row.keys[k] != "settings":
            draw_tooltip(painter, self.row.buttons[k])

    def folder_lines(self) -> list[str]:
        """The data folder and the game's files in it, as a person finds them."""
        folder = self.ctx.settings.folder
        if folder is None:
            return []
        return [str(folder), f"  {SETTINGS_FILE}", f"  {FAMILY_FILE}",
                f"  {FAMILY_DIR}/ …/progress.json", "  progress.json, techniekwerf.db"]

    def _draw_stored(self, painter: Painter, inner: pygame.Rect) -> None:
        """The words (after the button found no file manager: that note in their place), the
        folder and its files in a box at the bottom, the button beside it."""
        _ = self.ctx.gettext
        lines = self.folder_lines()
        button = self.row.button("folder")
        width = inner.width - (button.rect.width + 16 if button is not None else 0)
        # the folder's path on as many lines as it needs (a school's or a test's path is
        # long; it breaks after a slash), never smaller than a label; its files one a line
        path_h = 30
        if lines and not painter.fit(lines[0], width - 32, path_h, 20, MIN_LABEL, True).fits:
            path_h = round(painter.fit(lines[0], width - 32, 120, 20, MIN_LABEL, True).height
                           + 10)
        heights = [path_h] + [30] * (len(lines) - 1) if lines else []
        box_h = sum(heights) + 20
        words = self.note or _(TEXTS["stored"])
        painter.text_box(words, (inner.x, inner.y, inner.width, inner.height - box_h - 16), 26,
                         bold=bool(self.note), align="topleft", min_size=MIN_BODY)
        box = pygame.Rect(inner.x, inner.bottom - box_h, width, box_h)
        painter.rect("white", box, 12)
        painter.rect("ink", box, 12, 2)
        with painter.keep_ltr(box):  # a path reads left to right in every language
            y = box.y + 10
            for i, (line, h) in enumerate(zip(lines, heights, strict=True)):
                painter.text_box(line, (box.x + 16, y, box.width - 32, h), 20, bold=i == 0,
                                 align="midleft", min_size=MIN_LABEL, wrap=i == 0)
                y += h

    def _draw_place(self, painter: Painter, inner: pygame.Rect) -> None:
        _ = self.ctx.gettext
        if self.home:
            text = _("This computer is used at home: family profiles, all worlds open, and "
                     "this question for grown-ups before the settings and the profiles.")
        else:
            text = _("This computer is used at school: pupils log in with their class, and "
                     "the teacher's button is on the first screen.")
        painter.text_box(text, (inner.x, inner.y, inner.width, inner.height - 150), 26,
                         align="topleft", min_size=MIN_BODY)
