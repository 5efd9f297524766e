"""The levels of one world as cards: number, title, kind, groep and stars earned.

Every level is open: the teacher decides what a class plays, the game never locks a child
out. The next level not yet solved is highlighted and has the focus, so "Enter" simply goes on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene, Target
from game.scenes.player import BADGE_PLATE_W, draw_player_badge, player_badge
from game.scenes.worlds import (
    KIND_CHIPS,
    KIND_COLORS,
    KIND_NAMES,
    kind_of,
    world_colour,
    world_name,
)
from game.speech import sentences
from game.ui.anim import motion
from game.ui.forms import fit, icon
from game.ui.guide_view import refresh_speaker, speaker_button
from game.ui.textfit import CHIP_PAD, MIN_LABEL, chip_room, draw_chip
from game.ui.theme import readable
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_focus

HOP_FPS = 8  # frames a second of the next card's slow hop while nobody touches anything
FREE_PLAY = object()  # the last card of a lesson with free play: every level after it

GRID = pygame.Rect(40, 130, 1200, 570)  # where the cards go
GAP = 20
MAX_ROWS = 3


def grid_shape(count: int) -> tuple[int, int]:
    """Columns and rows per page: few levels get big cards, more get a 4x3 grid and pages.

    Four columns at most, so a card is wide enough for its number, groep, kind and a
    two-line title in letters a young reader can manage.
    """
    if count <= 4:
        return max(1, count), 1
    if count <= 8:
        return 4, 2
    return 4, MAX_ROWS


@dataclass(frozen=True)
class CardParts:
    """Where the parts of a level card were drawn (logical rects), for tests and tools."""

    card: pygame.Rect
    circle: pygame.Rect  # the number's circle (its bounding square)
    band: pygame.Rect  # the groep and age chip
    title: pygame.Rect  # the box the title is fitted into
    kind: pygame.Rect  # the chip with the kind in words


@dataclass(frozen=True)
class CardLayout:
    radius: int  # of the number's circle
    chip_x: float  # the groep band's left edge
    chip_w: float  # the most the band may take
    band_y: float  # the band's middle
    title: pygame.Rect  # the title's box
    title_size: int
    fits: bool


def groep_band(gettext, level) -> str:
    """The groep a level is for, with the age, so a parent from abroad understands it too:
    "Groep 3–4 · 6–7 jaar" in Dutch, "Age 6–7 (groep 3–4)" in English. A Dutch pupil of
    groep N is about N + 3 years old."""
    lo, hi = level.groep
    if lo != hi:
        # TRANSLATORS: level cards: the Dutch school years a level is for and the pupils'
        # age. {low}–{high}: the groep numbers (Dutch primary school, groep 3 is about age 6);
        # {age_low}–{age_high}: the age in years. Keep the word "groep" (the teacher's word;
        # in Cyrillic or Arabic letters the word families use) and give the age in words a
        # parent understands, e.g. Dutch "Groep 3–4 · 6–7 jaar". A word and its numbers are
        # joined by a no-break space, so the chip's two lines break between the two parts.
        return gettext("Age\u00a0{age_low}–{age_high} (groep\u00a0{low}–{high})").format(
            low=lo, high=hi, age_low=lo + 3, age_high=hi + 3)
    # TRANSLATORS: level cards: one Dutch school year and the pupils' age. {low}: the groep
    # number (groep 3 is about age 6); {age_low}: the age in years. Dutch "Groep 3 · 6 jaar".
    # A word and its number are joined by a no-break space.
    return gettext("Age\u00a0{age_low} (groep\u00a0{low})").format(low=lo, age_low=lo + 3)


class LevelSelectScene(Scene):
    def __init__(self, ctx, world: str) -> None:
        super().__init__(ctx)
        self.world = world
        self.levels: list = []
        self._badge: Button | None = None  # "switch player", when a pupil is playing
        self._under: list | None = None  # the picture under the hopping card (draw_motion)
        self.focus = 0
        self.button_focus: str | None = None  # "prev", "next", "badge", "back": Tab on a button
        self.page = 0
        self.hover: int | None = None
        self.pressed: int | None = None
        self.toast = Toast(3.0)
        self.t = 0.0
        self.drawn: dict[int, CardParts] = {}  # the cards as last drawn, by index
        self._shape: tuple[int, int] | None = None  # columns, rows: set while drawing
        self.back = Button(pygame.Rect(32, 28, 72, 72), ctx.stack.pop, icon="icons/back")
        self.speak: Button | None = None
        self.arrows = (
            Button(pygame.Rect(1084, 36, 64, 64), lambda: self.turn_page(-1), label="‹",
                   text_size=44),
            Button(pygame.Rect(1168, 36, 64, 64), lambda: self.turn_page(1), label="›",
                   text_size=44),
        )

    def enter(self) -> None:
        """Re-read levels and progress: coming back from a level may have earned stars."""
        self.levels = self.load_levels()
        self._badge = player_badge(self.ctx, pygame.Rect(990 if self.pages > 1 else 1168, 32,
                                                         64, 64))
        # beside the title plate; placed in draw, where the title's width is known
        self.speak = speaker_button(self.ctx, (0, 32, 64, 64), self.read_aloud_text)
        nxt = self.next_level()
        self.focus = nxt if nxt is not None else 0
        self.button_focus = None
        self.page = self.focus // self.per_page

    def load_levels(self) -> list:
        """The levels on the cards, in the order they are shown."""
        return self.ctx.levels.world(self.world) if self.ctx.levels is not None else []

    def heading(self) -> str:
        return self.ctx.gettext(world_name(self.world))

    def read_aloud_text(self) -> str:
        """The title and what to do, for a child who cannot read yet."""
        # TRANSLATORS: read aloud on the screen with the level cards, after its title
        return sentences(self.heading(), self.ctx.gettext("Tap a level to play it."))

    def card_number(self, index: int, level) -> int:
        """The level's number in its world: the same on the dashboard, CSV and report."""
        from game.progress.export import level_number

        return level_number(level, index, in_lesson=False)

    # --- layout ---------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        """Columns and rows per page: by the number of levels, or fewer and bigger cards
        where the texts need them (set while drawing, see :meth:`_fit_shape`)."""
        return self._shape or grid_shape(len(self.levels))

    @property
    def per_page(self) -> int:
        cols, rows = self.shape
        return cols * rows

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.levels) / self.per_page))

    def card_rect(self, index: int) -> pygame.Rect:
        return self._card_rect(index, self.shape)

    def _card_rect(self, index: int, shape: tuple[int, int]) -> pygame.Rect:
        cols, rows = shape
        k = index % (cols * rows)
        w = min(280 if rows > 2 or cols > 3 else 390, (GRID.width - GAP * (cols - 1)) // cols)
        h = min(300, (GRID.height - GAP * (rows - 1)) // rows)
        left = GRID.centerx - (cols * w + (cols - 1) * GAP) // 2
        return pygame.Rect(left + (k % cols) * (w + GAP), GRID.y + (k // cols) * (h + GAP), w, h)

    def _fit_shape(self, painter: Painter) -> None:
        """The most cards per page on which every level's number, groep band and title fit
        at the child's text size (a big size or a wide reading font gets fewer, bigger
        cards: 4x3, then 4x2, 3x2). The page keeps the card with the focus."""
        first = grid_shape(len(self.levels))
        shape = first
        for candidate in (first, (min(first[0], 4), min(first[1], 2)), (min(first[0], 3),
                                                                           min(first[1], 2))):
            shape = candidate
            if all(self._card_fits(painter, self._card_rect(0, candidate), level)
                   for level in self.levels if level is not FREE_PLAY):
                break
        if shape != self.shape:
            self._shape = shape
            self.page = self.focus // self.per_page
        self._shape = shape

    def _card_fits(self, painter: Painter, r: pygame.Rect, level) -> bool:
        return self._card_layout(painter, r, level).fits

    def _card_layout(self, painter: Painter, r: pygame.Rect, level) -> CardLayout:
        """The top of a card laid out in ``r``: the number's circle, the groep band's chip
        and the title's box under them; ``fits`` is False when the band needs more than two
        lines or the title does not fit between the top row and the stars."""
        _ = self.ctx.gettext
        pad = 14
        number = str(self.card_number(self.levels.index(level), level))
        nw, nh = painter.measure_letters(number, 26, bold=True)
        radius = max(24, math.ceil(math.hypot(nw / 2, nh / 2)) + 3)
        chip_x = r.x + pad + 2 * radius + 10
        band = groep_band(_, level)
        inner, room = chip_room(painter, band, 17, r.right - pad - 56 - chip_x, lines=2)
        band_fit = painter.fit(band, inner, room, 17, MIN_LABEL, True)
        band_h = max(28, band_fit.height + 2 * CHIP_PAD[1])
        compact = r.height < 220
        size = 20 if compact else 24
        # the band beside the number's middle; two lines hang down from the card's top row
        band_y = max(r.y + pad + 24, r.y + pad + band_h / 2)
        top = max(r.y + pad + (50 if compact else 60), math.ceil(band_y + band_h / 2) + 6,
                  r.y + pad + 24 + radius + 6)
        box = pygame.Rect(r.x + pad, top, r.width - 2 * pad, r.bottom - pad - 32 - 4 - top)
        title_fit = painter.fit(_(level.title), box.width, box.height, size, 16, True)
        return CardLayout(radius, chip_x, r.right - pad - 56 - chip_x, band_y, box, size,
                          band_fit.fits and title_fit.fits)

    def visible(self) -> range:
        start = self.page * self.per_page
        return range(start, min(len(self.levels), start + self.per_page))

    def next_level(self) -> int | None:
        for i, level in enumerate(self.levels):
            if level is FREE_PLAY:
                continue
            if not self.ctx.store.is_completed(level.id):
                return i
        return None

    def _index_at(self, pos) -> int | None:
        if pos is None:
            return None
        for i in self.visible():
            if self.card_rect(i).collidepoint(pos):
                return i
        return None

    # --- actions ---------------------------------------------------------------------------
    def turn_page(self, step: int) -> None:
        self.page = (self.page + step) % self.pages
        self.focus = self.page * self.per_page

    def _move(self, step: int) -> None:
        if not self.levels:
            return
        self.focus = max(0, min(len(self.levels) - 1, self.focus + step))
        self.page = self.focus // self.per_page

    def open(self, index: int) -> None:
        self.focus, self.button_focus = index, None
        level = self.levels[index]
        if level is FREE_PLAY:
            self.open_free_play()
            return
        self.ctx.audio.play("click")
        self.ctx.push("play", level=level)

    def open_free_play(self) -> None:
        """Only a lesson has a free-play card (see :class:`LessonScene`)."""

    def _buttons(self) -> list[Button]:
        badge = [self._badge] if self._badge is not None else []
        speak = [self.speak] if self.speak is not None else []
        return [self.back, *(self.arrows if self.pages > 1 else ()), *speak, *badge]

    # --- keyboard focus --------------------------------------------------------------------
    def _named_buttons(self) -> dict[str, Button]:
        named = {"speak": self.speak} if self.speak is not None else {}
        if self.pages > 1:
            named.update(zip(("prev", "next"), self.arrows, strict=True))
        if self._badge is not None:
            named["badge"] = self._badge
        named["back"] = self.back
        return named

    @property
    def card_focus(self) -> int | None:
        """The card with the keyboard focus (None while it is on a button)."""
        return self.focus if self.button_focus is None and self.levels else None

    def focus_stop(self) -> str | None:
        if self.button_focus is not None:
            return self.button_focus
        return f"card:{self.focus}" if self.levels else None

    def targets(self) -> list[Target]:
        cards = [Target.of(self.card_rect(i), f"card:{i}") for i in self.visible()]
        return cards + [Target.of(b.rect, k) for k, b in self._named_buttons().items()]

    def _tab(self, step: int) -> None:
        """Tab walks every card (turning pages), then the page arrows, badge and back."""
        names = list(self._named_buttons())
        if self.button_focus is None:
            if self.levels and 0 <= self.focus + step < len(self.levels):
                self._move(step)
                return
            self.button_focus = names[0] if step > 0 else names[-1]
            return
        k = names.index(self.button_focus) if self.button_focus in names else 0
        if 0 <= k + step < len(names):
            self.button_focus = names[k + step]
            return
        self.button_focus = None
        if self.levels:
            self.focus = 0 if step > 0 else len(self.levels) - 1
            self.page = self.focus // self.per_page
        else:
            self.button_focus = names[0]

    def handle(self, action: Action) -> bool:
        it = action.intent
        if it == Intent.BACK:
            self.ctx.stack.pop()
            return True
        if it == Intent.POINTER_MOVE:
            self.hover = self._index_at(action.pos)
            return False
        if it in (Intent.NEXT, Intent.PREVIOUS):
            self._tab(1 if it == Intent.NEXT else -1)
            return True
        if it == Intent.SELECT and self.button_focus is not None:
            button = self._named_buttons().get(self.button_focus)
            if button is not None:
                button.on_click()
            return True
        if self.button_focus is not None and it in (Intent.LEFT, Intent.RIGHT, Intent.UP,
                                                    Intent.DOWN):
            self.button_focus = None  # the arrows take the focus back to the cards
            return True
        if it == Intent.POINTER_DOWN:
            self.pressed = self._index_at(action.pos)
            if self.pressed is None:
                for k, button in enumerate(self._buttons()):
                    if button.hit(action.pos):
                        self.pressed = -1 - k
            return self.pressed is not None
        if it == Intent.POINTER_UP:
            was, self.pressed = self.pressed, None
            if was is None:
                return False
            if was < 0:
                button = self._buttons()[-1 - was]
                if button.hit(action.pos):
                    button.on_click()
            elif was == self._index_at(action.pos):
                self.open(was)
            return True
        cols = self.shape[0]
        steps = {Intent.LEFT: -1, Intent.RIGHT: 1, Intent.UP: -cols, Intent.DOWN: cols}
        if it in steps:
            self._move(steps[it])
            return True
        if it == Intent.SELECT and self.levels:
            self.open(self.focus)
            return True
        return False

    def update(self, dt: float) -> None:
        self.t += dt
        self.toast.update(dt)

    def idle_motion(self) -> float | None:
        """While a pupil looks: the next level's card hops slowly, drawn a few times a
        second (the App sleeps in between; see Scene.idle_motion); a note: every frame."""
        if self.toast.visible:
            return None
        return 0.0 if motion(self.ctx.settings) == 0 else HOP_FPS

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self._fit_shape(painter)
        counter = f"{self.page + 1} / {self.pages}"
        # the page counter between the badge and the arrows: at a big size the badge (and the
        # room of the title) gives way, so the counter is never drawn over the badge
        counter_w = painter.measure(counter, 26, True)[0] if self.pages > 1 else 0
        shift = max(0, round(counter_w) - 14)
        if self._badge is not None:  # beside the page arrows when there are pages
            self._badge.rect.x = 990 - shift if self.pages > 1 else 1168
        painter.rect(world_colour(self.world), (0, 0, 1280, 720))
        if painter.art.exists(f"worlds/{self.world}"):
            painter.image(f"worlds/{self.world}", (0, 0, 1280, 720))
        else:
            painter.image("ui/title", (0, 0, 1280, 720), alpha=150)
        got = sum(self.ctx.store.best_stars(lv.id) for lv in self.levels if lv is not FREE_PLAY)
        room = 420 - shift if self._badge is not None else 700
        if self.pages > 1:  # the speaker button after the title stays clear of the counter
            room = min(room, round(1076 - counter_w - 20 - 64 - 20 - 330))
            if self._badge is not None:  # ... and of the badge's name plate, moved left
                room = min(room, self._badge.rect.x - BADGE_PLATE_W - 12 - 64 - 20 - 330)
        title, size = fit(painter, self.heading(), room, 40)
        tw, _th = painter.measure(title, size, bold=True)
        painter.panel((130, 28, tw + 200, 72), fill="paper", radius=36)
        painter.text(title, (160, 64), size, bold=True, align="midleft")
        self._star_icon(painter, True, (tw + 180, 48, 34, 34))
        painter.text(str(got), (tw + 218, 64), 30, "ink_soft", bold=True, align="midleft")
        if self.speak is not None:
            refresh_speaker(self.speak, self.ctx)
            self.speak.rect.x = 130 + tw + 200 + 20
            self.speak.draw(painter, focused=self.button_focus == "speak",
                            pressed=self.pressed == -1 - self._buttons().index(self.speak))
        self.back.draw(painter, focused=self.button_focus == "back", pressed=self.pressed == -1)
        if self._badge is not None:
            draw_player_badge(painter, self.ctx, self._badge,
                              focused=self.button_focus == "badge",
                              pressed=self.pressed == -len(self._buttons()))
        if self.pages > 1:
            for k, arrow in enumerate(self.arrows):
                arrow.draw(painter, focused=self.button_focus == ("prev", "next")[k],
                           pressed=self.pressed == -2 - k)
            painter.text(counter, (1076, 68), 26, bold=True, align="midright")
        if not self.levels:
            painter.panel((340, 300, 600, 120), radius=24)
            painter.text_box(_("No levels here yet."), (364, 304, 552, 112), 32, bold=True,
                             min_size=20)
        nxt = self.next_level()
        visible = list(self.visible())
        for i in visible:
            if i != nxt:
                self._draw_card(painter, i, False)
        # the hopping card last, with the picture under its whole hop kept, so draw_motion
        # can put that back and draw only the card at its next height
        self._under = None
        if nxt in visible:
            self._under = painter.save_under([self._hop_region(nxt)])
            self._draw_card(painter, nxt, True)
        self.toast.draw(painter)

    def _hop_region(self, i: int) -> pygame.Rect:
        """Where the next card can be while it hops, with all it draws around itself: the hop
        above it, its focus ring, its press, its shadow and the play badge on its corner."""
        r = self.card_rect(i)
        return pygame.Rect(r.x - 24, r.y - 24, r.width + 56, r.height + 56)

    def draw_motion(self, painter: Painter) -> list[pygame.Rect] | None:
        """Only the hopping card, over the picture that was under it (see Scene.draw_motion)."""
        under = self._under
        nxt = self.next_level()
        if not under or nxt not in self.visible():
            return None
        changed = painter.put_back(under)
        surface = painter.surface
        clip = surface.get_clip()
        try:
            for r in changed:
                surface.set_clip(r.clip(clip))
                self._draw_card(painter, nxt, True)
        finally:
            surface.set_clip(clip)
        return changed

    def _star_icon(self, painter: Painter, full: bool, r: tuple[float, float, float, float]) -> None:
        name = "icons/star" if full else "icons/star_empty"
        if painter.art.exists(name):
            painter.image(name, r)
        else:
            x, y, w, h = r
            painter.star("yellow" if full else "tile", (x + w / 2, y + h / 2), w / 2)

    def _draw_card(self, painter: Painter, i: int, is_next: bool) -> None:
        _ = self.ctx.gettext
        level = self.levels[i]
        if level is FREE_PLAY:
            self._draw_free_play(painter, i)
            return
        r = self.card_rect(i)
        if is_next:
            r = r.move(0, round(-4 * abs(math.sin(self.t * 2.5)) * motion(self.ctx.settings)))
        if i == self.pressed:
            r = r.move(0, 3)
        if i == self.card_focus:
            draw_focus(painter, r, 20)
        painter.panel(r, fill="cream" if is_next else "paper", radius=20,
                      outline="orange" if is_next else "ink")
        if is_next:
            painter.rect("orange", r, 20, 6)
        if i == self.hover:
            painter.rect((255, 255, 255, 70), r, 20)
        pad = 14
        # top row: the number, the groep band, the kind as a picture
        layout = self._card_layout(painter, r, level)
        radius = layout.radius  # the circle grows with its number (two digits, big text)
        centre = (r.x + pad + radius, r.y + pad + 24)
        # white on the world's colour, or ink where white would not read (on orange)
        letters, fill = readable("white", world_colour(level.world))
        painter.circle(fill, centre, radius)
        painter.text_box(str(self.card_number(i, level)),
                         (centre[0] - radius, centre[1] - radius, 2 * radius, 2 * radius), 26,
                         letters, bold=True, min_size=26)
        kind = kind_of(level)
        self._kind_badge(painter, kind, (r.right - pad - 48, r.y + pad, 48, 48))
        band_rect = draw_chip(painter, groep_band(_, level), layout.chip_x, layout.band_y, 17,
                              "tile", "ink_soft", max_width=layout.chip_w, lines=2)
        # the title between the top row and the stars: wrapped, smaller only if it must
        star_y = r.bottom - pad - 32
        painter.text_box(_(level.title), layout.title, layout.title_size, bold=True,
                         align="topleft", min_size=16)
        # bottom row: stars earned, the kind in words, and "play next"
        # "play next" hangs on the card's corner, so the row keeps its room for the word
        word = _(KIND_NAMES.get(kind, kind))
        room = r.width - 2 * pad - (18 if is_next else 0)
        star = 32
        if 3 * (star + 2) + 8 + painter.measure(word, 17, bold=True)[0] + 18 > room:
            star = 24  # a long word (a long language, a big text size): smaller stars
        stars = self.ctx.store.best_stars(level.id)
        for k in range(3):
            self._star_icon(painter, k < stars, (r.x + pad + k * (star + 2),
                                                 star_y + (32 - star) / 2, star, star))
        chip_x = r.x + pad + 3 * (star + 2) + 8
        fill, letters = KIND_CHIPS.get(kind, ("ink_soft", "white"))
        kind_rect = draw_chip(painter, word, chip_x, star_y + 16, 17, fill, letters,
                              max_width=r.x + pad + room - chip_x)
        self.drawn[i] = CardParts(r, pygame.Rect(centre[0] - radius, centre[1] - radius,
                                                 2 * radius, 2 * radius), band_rect,
                                  layout.title, kind_rect)
        if is_next:
            painter.circle("orange", (r.right - 4, r.bottom - 4), 25)
            painter.circle("white", (r.right - 4, r.bottom - 4), 21)
            painter.image("icons/play", (r.right - 23, r.bottom - 23, 38, 38))

    def _kind_badge(self, painter: Painter, kind: str, r: tuple[float, float, float, float]) -> None:
        """The kind as a picture: art if there is some, else a simple drawn symbol."""
        x, y, w, h = r
        cx, cy = x + w / 2, y + h / 2
        painter.circle(KIND_COLORS.get(kind, "metal"), (cx, cy), w / 2)
        painter.circle("ink", (cx, cy), w / 2, 3)
        if painter.art.exists(f"icons/{kind}"):
            painter.image(f"icons/{kind}", (x + 8, y + 8, w - 16, h - 16))
        elif kind == "explore":  # a magnifying glass
            painter.circle("white", (cx - 4, cy - 4), 11, 4)
            painter.line("white", (cx + 4, cy + 4), (cx + 13, cy + 13), 6)
        elif kind == "fix":  # a spanner
            painter.line("white", (cx - 10, cy + 10), (cx + 6, cy - 6), 7)
            painter.circle("white", (cx + 8, cy - 8), 9)
            painter.polygon(KIND_COLORS["fix"], [(cx + 8, cy - 8), (cx + 18, cy - 14),
                                                 (cx + 14, cy - 18)])
        else:  # build: a hammer
            painter.line("white", (cx - 11, cy + 13), (cx + 5, cy - 3), 6)
            painter.polygon("white", [(cx - 2, cy - 12), (cx + 8, cy - 22), (cx + 20, cy - 10),
                                      (cx + 10, cy)])

    def _draw_free_play(self, painter: Painter, i: int) -> None:
        """Drawn by :class:`LessonScene`; a world's own screen has no free-play card."""


class LessonScene(LevelSelectScene):
    """The levels of the lesson the teacher switched on, in the teacher's order.

    While a lesson is on, this replaces the map: a young pupil sees one row of cards with the
    lesson's name above it and nothing else to choose. With free play, a last card opens the
    whole map once every lesson level is solved.
    """

    def __init__(self, ctx, lesson) -> None:
        super().__init__(ctx, "lesson")
        self.lesson = lesson

    def load_levels(self) -> list:
        catalogue = self.ctx.levels
        found = [catalogue.find(level_id) for level_id in self.lesson.level_ids] if catalogue else []
        levels = [lv for lv in found if lv is not None]
        return [*levels, FREE_PLAY] if self.lesson.free_play else levels

    def heading(self) -> str:
        return self.lesson.title

    def card_number(self, index: int, level) -> int:
        """The level's place in the lesson: the same on the dashboard, CSV and report."""
        from game.progress.export import level_number

        return level_number(level, index, in_lesson=True)

    def lesson_done(self) -> bool:
        return all(self.ctx.store.is_completed(lv.id) for lv in self.levels
                   if lv is not FREE_PLAY)

    def open_free_play(self) -> None:
        _ = self.ctx.gettext
        if not self.lesson_done():
            self.ctx.audio.play("not_yet")
            self.toast.show(_("First finish the levels of this lesson. Then you may play "
                              "every level!"), "guide/guide_thinking")
            return
        self.ctx.audio.play("click")
        self.ctx.push("world_map")

    def _draw_free_play(self, painter: Painter, i: int) -> None:
        _ = self.ctx.gettext
        r = self.card_rect(i)
        if i == self.pressed:
            r = r.move(0, 3)
        if i == self.card_focus:
            draw_focus(painter, r, 20)
        open_ = self.lesson_done()
        painter.panel(r, fill="yellow" if open_ else "tile", radius=20)
        if i == self.hover:
            painter.rect((255, 255, 255, 70), r, 20)
        pic = min(r.width - 60, r.height - 110, 120)
        painter.image(icon(painter, "icons/free_play", "icons/play"),
                      (r.centerx - pic / 2, r.y + 24, pic, pic), alpha=255 if open_ else 140)
        if not open_:
            painter.image("icons/lock", (r.centerx + pic / 2 - 30, r.y + 24 + pic - 40, 48, 48))
        # the name, then the note under it (two lines if it needs them)
        top = r.y + 24 + pic + 8
        painter.text_box(_("Free play"), (r.x + 14, top, r.width - 28, 44), 28, bold=True,
                         min_size=20)
        note = _("Every level is open") if open_ else _("After the lesson")
        painter.text_box(note, (r.x + 14, top + 48, r.width - 28, r.bottom - 10 - top - 48), 19,
                         "ink_soft", bold=True, align="midtop", min_size=16)

    def draw(self, painter: Painter) -> None:
        super().draw(painter)
        _ = self.ctx.gettext
        # a small "lesson" tag over the title plate, so the teacher's word is recognisable
        tag = _("Lesson")
        tw, th = painter.measure_letters(tag, 18, bold=True)
        h = max(30, th + 10)  # the letters stay on the plate, off its rim, at any text size
        painter.panel((150, 27 - h / 2, tw + 28, h), fill="yellow", radius=15, shadow=0)
        painter.text_box(tag, (164, 27 - th / 2, tw, th), 18, bold=True, align="midleft",
                         wrap=False)


class HomeworkScene(LessonScene):
    """At home: the homework from school (game.homework), for the child. The levels the
    teacher chose, in the teacher's order, on the cards a child knows (each with its stars),
    under the words "Homework from school" and a tag with the lesson's title and the class.

    Shown over the map when a child starts playing while the homework is not done yet (so
    Back leads to every other level), and from the homework card on the first screen.
    """

    def __init__(self, ctx, homework) -> None:
        from game.progress.records import Lesson

        super().__init__(ctx, Lesson("homework", homework.title, homework.level_ids))
        self.homework = homework

    def heading(self) -> str:
        """Short ("Homework"): beside it the player's badge and the page arrows need room."""
        return self.ctx.gettext("Homework")

    def read_aloud_text(self) -> str:
        _ = self.ctx.gettext
        return sentences(_("Homework from school"), _("Tap a level to play it."))

    def tag(self) -> str:
        """The lesson's title and the class, as the teacher named them (may be empty)."""
        return "  ·  ".join(p for p in (self.homework.title, self.homework.class_name) if p)

    def draw(self, painter: Painter) -> None:
        LevelSelectScene.draw(self, painter)  # the cards; not the lesson's tag
        tag = self.tag()
        if not tag:
            return
        tw, th = painter.measure_letters(tag, 18, bold=True)
        tw = min(tw, 760)
        h = max(30, th + 10)
        painter.panel((150, 27 - h / 2, tw + 28, h), fill="yellow", radius=15, shadow=0)
        painter.text_box(tag, (164, 27 - th / 2, tw, th), 18, bold=True, align="midleft",
                         wrap=False, ellipsize=True)
