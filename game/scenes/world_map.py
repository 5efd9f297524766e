"""The map of the region: one place per technology cluster, two of them open to play.

Each place has a pin on its real town in ``assets/map/region.svg`` (Den Helder at the top,
Utrecht at the bottom, Flevoland on the right) and a badge beside it, joined by a short line,
so the landmarks drawn on the map stay visible. The town's name is written beside its pin,
as on any map of the region, so a child reads where each kind of technology is at home
("Energy City" is joined to the pin that says "Utrecht"). Places without levels yet are shown
faded with a padlock: the map already tells the whole story of the region. The title stays
clear of the northernmost pin (Den Helder).
"""

from __future__ import annotations

import contextlib
import itertools
import math

import pygame

from game.i18n import is_rtl
from game.input import Action, Intent
from game.scenes.base import Scene, Target
from game.scenes.player import BADGE_PLATE_W, draw_player_badge, player_badge
from game.scenes.worlds import Place, growth_step, places, solved_count
from game.speech import sentences
from game.ui.anim import motion
from game.ui.guide_view import refresh_speaker, speaker_button
from game.ui.theme import LOGICAL_SIZE
from game.ui.view import Painter
from game.ui.widgets import Button, Toast

TOWN_SIZE = 17  # the towns' names beside their pins
SCREEN_AREA = pygame.Rect(4, 4, 1272, 712)
BIG = 62  # badge radius of a playable place
SMALL = 42  # badge radius of a coming-soon place
LABEL_GAP = 8
BOB_FPS = 8  # frames a second of the places' slow bob while nobody touches anything


def radius(place: Place) -> int:
    return BIG if place.playable else SMALL


def label_rect(place: Place, size: tuple[float, float]) -> pygame.Rect:
    """Where the name label of ``place`` goes, for a label of ``size``."""
    w, h = size
    x, y = place.pos
    r = radius(place)
    if place.label == "left":  # kept on the screen (a long name at a big text size)
        return pygame.Rect(max(4, round(x - r - LABEL_GAP - w)), round(y - h / 2), round(w),
                           round(h))
    if place.label == "right":
        return pygame.Rect(round(x + r + LABEL_GAP), round(y - h / 2), round(w), round(h))
    if place.label == "above":
        return pygame.Rect(round(x - w / 2), round(y - r - LABEL_GAP - h), round(w), round(h))
    return pygame.Rect(round(x - w / 2), y + r + LABEL_GAP, round(w), round(h))


SIDES = ("right", "left", "below", "above", "above_left", "above_right", "below_left",
         "below_right")


def town_rect(place: Place, size: tuple[float, float], side: str, away: float = 0
              ) -> pygame.Rect:
    """Where the town's name of ``place`` goes on ``side`` of its pin, for a label of
    ``size``, ``away`` logical pixels further out than right beside it."""
    w, h = size
    x, y = place.spot
    gap, half = 12 + away, 6 + away
    at = {"right": (x + gap, y - h / 2), "left": (x - gap - w, y - h / 2),
          "below": (x - w / 2, y + gap), "above": (x - w / 2, y - gap - h),
          "above_left": (x - half - w, y - gap - h), "above_right": (x + half, y - gap - h),
          "below_left": (x - half - w, y + gap), "below_right": (x + half, y + gap)}[side]
    return pygame.Rect(round(at[0]), round(at[1]), round(w), round(h))


class WorldMapScene(Scene):
    """The map of the region, with the screen's own buttons around it.

    The map is geography: the sea stays in the west in every language, so the scene is not
    mirrored as a whole (``mirror_rtl`` is False, and the arrow keys follow the map). Its
    buttons and title are the screen's, not the map's: in a right-to-left language they are
    mirrored as on every other screen (Back at the top right, pointing right; the player's
    badge at the top left; the speaker left of the title). They are laid out left to right
    in their own coordinates and drawn through a mirrored painter (:meth:`_chrome`); a
    pointer is mapped into those coordinates for them (:meth:`_chrome_pos`).
    """

    mirror_rtl = False

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.focus = next((i for i, p in enumerate(places()) if p.first), 0)  # the first world
        self.button_focus: str | None = None  # "badge" or "back" when Tab is on a button
        self.hover: int | None = None
        self.pressed: int | None = None
        self.toast = Toast(4.0)
        self.t = 0.0
        self.back_hover = False
        self.back = Button(pygame.Rect(32, 28, 72, 72), ctx.stack.pop, icon="icons/back")
        self._labels: dict[int, pygame.Rect] = {}  # label rects of the last frame, for clicks
        #: while draw_motion draws one bob region: that region (logical); what lies wholly
        #: outside it is not drawn (the clip would drop it anyway, for a Python call each)
        self._cull: pygame.Rect | None = None
        self._town_spots: dict[tuple, list] = {}  # where the towns' names went, by question
        self.badge = None  # "someone else wants to play": set on enter, the pupil may change
        self.speak: Button | None = None  # beside the title; None without a speech engine

    def enter(self) -> None:
        self.badge = player_badge(self.ctx, self._badge_rect())
        self.speak = speaker_button(self.ctx, (0, 0, 64, 64), self.read_aloud_text)

    # --- the screen's buttons, mirrored for a right-to-left reader ------------------------------
    @property
    def rtl(self) -> bool:
        return is_rtl(self.ctx.settings.language)

    def _chrome_pos(self, pos):
        """A pointer position (the map's coordinates) in the buttons' own coordinates."""
        if pos is None or not self.rtl:
            return pos
        return (LOGICAL_SIZE[0] - pos[0], pos[1])

    def on_screen(self, rect) -> pygame.Rect:
        """Where a rect of the buttons' coordinates is on the screen (and on the map)."""
        r = pygame.Rect(rect)
        if self.rtl:
            r.x = LOGICAL_SIZE[0] - r.right
        return r

    @contextlib.contextmanager
    def _chrome(self, painter: Painter):
        """Draw the screen's buttons and title: mirrored in a right-to-left language."""
        view = painter.view
        was = view.mirror
        view.mirror = self.rtl
        try:
            yield
        finally:
            view.mirror = was

    def _badge_rect(self) -> pygame.Rect:
        """The player's badge, in the buttons' coordinates: at the top right, its name plate
        left of it. Mirrored for a right-to-left reader it would sit on the map's top left,
        over the coast and its places, so there it stays at the top right too, beside Back:
        its plate now right of the switch button, as it reads."""
        if not self.rtl:
            return pygame.Rect(1176, 28, 72, 72)
        # the badge and its plate end 12 px before Back (at the top right on screen)
        return pygame.Rect(32 + 72 + 12 + BADGE_PLATE_W, 28, 72, 72)

    def read_aloud_text(self) -> str:
        """The question on the map and what to do, for a child who cannot read yet."""
        _ = self.ctx.gettext
        return sentences(_("Where shall we build today?"),
                         # TRANSLATORS: read aloud on the map, after "Where shall we build today?"
                         _("Tap a place on the map that is in colour."))

    # --- geometry --------------------------------------------------------------------------
    def _index_at(self, pos) -> int | None:
        if pos is None:
            return None
        for i, place in enumerate(places()):
            x, y = place.pos
            if math.hypot(pos[0] - x, pos[1] - y) <= radius(place) + 8:
                return i
        for i, rect in self._labels.items():  # the name label is part of the target too
            if rect.collidepoint(pos):
                return i
        return None

    def _neighbour(self, dx: int, dy: int) -> int:
        """The nearest place in the direction of an arrow key (a wide cone), else stay."""
        fx, fy = places()[self.focus].pos
        best, best_score = self.focus, math.inf
        for i, place in enumerate(places()):
            vx, vy = place.pos[0] - fx, place.pos[1] - fy
            along = vx * dx + vy * dy
            if i == self.focus or along <= 0:
                continue
            score = along + 2 * abs(vx * dy - vy * dx)
            if score < best_score:
                best, best_score = i, score
        return best

    # --- keyboard focus --------------------------------------------------------------------
    def focus_order(self) -> list[str]:
        """Tab's stops: the places north to south, read aloud, the player's badge, back."""
        badge = ["badge"] if self.badge is not None else []
        speak = ["speak"] if self.speak is not None else []
        return [*(f"place:{i}" for i in range(len(places()))), *speak, *badge, "back"]

    def focus_stop(self) -> str | None:
        return self.button_focus or f"place:{self.focus}"

    def targets(self) -> list[Target]:
        out = []
        for i, place in enumerate(places()):
            r = radius(place)
            x, y = place.pos
            out.append(Target.of((x - r, y - r, 2 * r, 2 * r), f"place:{i}"))
        if self.speak is not None:
            out.append(Target.of(self.on_screen(self.speak.rect), "speak"))
        if self.badge is not None:
            out.append(Target.of(self.on_screen(self.badge.rect), "badge"))
        out.append(Target.of(self.on_screen(self.back.rect), "back"))
        return out

    def _tab(self, step: int) -> None:
        order = self.focus_order()
        here = self.focus_stop()
        nxt = order[(order.index(here) + step) % len(order)] if here in order else order[0]
        if nxt.startswith("place:"):
            self.button_focus, self.focus = None, int(nxt.partition(":")[2])
        else:
            self.button_focus = nxt

    # --- actions ---------------------------------------------------------------------------
    def open(self, index: int) -> None:
        place = places()[index]
        self.focus = index
        if not place.playable:
            _ = self.ctx.gettext
            # TRANSLATORS: {place} is the name of a world on the map, e.g. "Health Lab"
            self.toast.show(_("{place} is still being built. Come back soon!").format(
                place=_(place.name)), "guide/guide_thinking")
            self.ctx.audio.play("not_yet")
            return
        self.ctx.audio.play("click")
        self.ctx.push("level_select", world=place.world)

    def handle(self, action: Action) -> bool:
        it = action.intent
        if it == Intent.BACK:
            self.ctx.stack.pop()
            return True
        chrome = self._chrome_pos(action.pos)  # where the pointer is for the buttons
        if it == Intent.POINTER_MOVE:
            self.hover = self._index_at(action.pos)
            self.back_hover = self.back.hit(chrome)
            return False
        if it == Intent.POINTER_DOWN:
            if self.badge is not None and self.badge.hit(chrome):
                self.pressed = -2
            elif self.speak is not None and self.speak.hit(chrome):
                self.pressed = -3
            else:
                self.pressed = -1 if self.back.hit(chrome) else self._index_at(action.pos)
            return self.pressed is not None
        if it == Intent.POINTER_UP:
            was, self.pressed = self.pressed, None
            if was == -2 and self.badge is not None and self.badge.hit(chrome):
                self.badge.on_click()
            elif was == -3 and self.speak is not None and self.speak.hit(chrome):
                self.speak.on_click()
            elif was == -1 and self.back.hit(chrome):
                self.back.on_click()
            elif was is not None and was == self._index_at(action.pos):
                self.open(was)
            return was is not None
        moves = {Intent.LEFT: (-1, 0), Intent.RIGHT: (1, 0), Intent.UP: (0, -1),
                 Intent.DOWN: (0, 1)}
        if it in moves:
            if self.button_focus is not None:  # from a button the arrows go back to the map
                self.button_focus = None
            else:
                self.focus = self._neighbour(*moves[it])
            return True
        if it in (Intent.NEXT, Intent.PREVIOUS):
            self._tab(1 if it == Intent.NEXT else -1)
            return True
        if it == Intent.SELECT:
            if self.button_focus == "back":
                self.back.on_click()
            elif self.button_focus == "badge" and self.badge is not None:
                self.badge.on_click()
            elif self.button_focus == "speak" and self.speak is not None:
                self.speak.on_click()
            else:
                self.open(self.focus)
            return True
        return False

    def update(self, dt: float) -> None:
        self.t += dt
        self.toast.update(dt)

    def idle_motion(self) -> float | None:
        """While a pupil looks: the open places bob slowly, drawn a few times a second (the
        App sleeps in between; see Scene.idle_motion); a note that goes away: every frame."""
        if self.toast.visible:
            return None
        return 0.0 if motion(self.ctx.settings) == 0 else BOB_FPS

    # --- the bob, drawn alone (idle cost, issue 8) -----------------------------------------
    def _seen(self, r: pygame.Rect) -> bool:
        return self._cull is None or self._cull.colliderect(r)

    def _badge_bounds(self, i: int) -> pygame.Rect:
        """An open place's badge over its whole bob, with its focus ring and hover growth."""
        x, y = places()[i].pos
        reach = radius(places()[i]) + 4 + 16 + 6
        return pygame.Rect(round(x - reach), round(y - 4 - reach), 2 * reach, 2 * reach + 8)

    def _line_bounds(self, i: int) -> pygame.Rect:
        """The line from a place's town pin to its badge, with the pin. It ends at the
        badge's resting centre, hidden under the badge however it bobs, so a bob never moves
        it: a place far from its town (the Datacenter, out on the water) redraws only round
        its badge."""
        (sx, sy), (x, y) = places()[i].spot, places()[i].pos
        return pygame.Rect(round(min(sx, x)) - 12, round(min(sy, y)) - 12,
                           round(abs(sx - x)) + 24, round(abs(sy - y)) + 24)

    def draw_motion(self, painter: Painter) -> list[pygame.Rect] | None:
        """The bob alone: for each open place, the map drawn again inside what its bob can
        touch (its badge; its pin's line stays still), leaving out what lies wholly outside, so the
        labels, towns and lines over and under a badge come out exactly as in a whole draw."""
        surface = painter.surface
        clip = surface.get_clip()
        changed = []
        try:
            for i, place in enumerate(places()):
                if not place.playable:
                    continue
                region = self._badge_bounds(i)
                r = painter.view.rect(region).clip(clip)
                if r.width <= 0 or r.height <= 0:
                    continue
                surface.set_clip(r)
                self._cull = region
                self.draw(painter)
                changed.append(r)
        finally:
            self._cull = None
            surface.set_clip(clip)
        return changed

    # --- drawing ---------------------------------------------------------------------------
    def growth(self, place: Place) -> int:
        """How many of ``place``'s growth layers show: one more for each quarter of its
        world's levels the pupil solved (see worlds.growth_step)."""
        solved, total = solved_count(self.ctx.store, self.ctx.levels, place.world)
        return growth_step(solved, total, len(place.growth))

    def stars(self, world: str) -> tuple[int, int]:
        levels = self.ctx.levels.world(world) if self.ctx.levels is not None else []
        return sum(self.ctx.store.best_stars(lv.id) for lv in levels), 3 * len(levels)

    def _centre(self, i: int) -> tuple[float, float]:
        place = places()[i]
        x, y = place.pos
        if place.playable:  # open places bob gently: "come here"
            y += 4 * math.sin(self.t * 2.2 + i) * motion(self.ctx.settings)
        return x, y

    def _title_rect(self, painter: Painter, title: str) -> tuple[pygame.Rect, float]:
        """The title plate at the top, in the buttons' coordinates: in the middle when it
        leaves the pin of the first town (Den Helder, at the top of the map) free, else in the
        widest free stretch between the buttons and that pin, on two lines if it needs them
        (a long language, a big text size). Returns the plate and the text size."""
        pin = min(p.spot[0] for p in places() if p.spot[1] < 100)
        if self.rtl:  # the pin, in the buttons' (mirrored) coordinates
            pin = LOGICAL_SIZE[0] - pin
        taken = [(self.back.rect.x, self.back.rect.right), (pin - 8 - 16, pin + 8 + 16)]
        if self.badge is not None:
            taken.append((self.badge.rect.x - BADGE_PLATE_W, self.badge.rect.right))
        edges = [(-16, 16), *sorted(taken), (LOGICAL_SIZE[0] - 16, LOGICAL_SIZE[0] + 16)]
        gaps = [(a[1] + 16, b[0] - 16) for a, b in itertools.pairwise(edges)]
        left, right = max(gaps, key=lambda gap: gap[1] - gap[0])
        if self.speak is not None:
            right -= self.speak.rect.width + 12  # the speaker goes right of the plate
        fit = painter.fit(title, right - left - 56, 110, 34, 24, True)
        w, h = fit.width + 56, max(70, fit.height + 14)
        x = min(max(640 - w / 2, left), right - w)
        return pygame.Rect(round(x), 24, round(w), round(h)), fit.size

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.rect("sky", (0, 0, 1280, 720))
        painter.image("map/region", (0, 0, 1280, 720))
        title = _("Where shall we build today?")
        with self._chrome(painter):  # the screen's title and buttons: mirrored for Arabic
            plate, size = self._title_rect(painter, title)
        chrome_seen = self._seen(self.on_screen(plate.union(self.back.rect)))
        if self.speak is not None:
            chrome_seen = chrome_seen or self._seen(self.on_screen(self.speak.rect))
        if self.badge is not None:
            chrome_seen = chrome_seen or self._seen(
                self.on_screen(self.badge.rect.inflate(2 * BADGE_PLATE_W, 0)))
        if chrome_seen:
            with self._chrome(painter):
                self._draw_chrome(painter, plate, title, size)
        for i, place in enumerate(places()):  # pins on the real towns, lines to the badges
            if self._seen(self._line_bounds(i)):
                painter.line("ink", place.spot, place.pos, 4)
                draw_pin(painter, place.spot, 8)
        order = sorted(range(len(places())), key=lambda i: places()[i].playable)
        for i in order:  # coming-soon places first: the open worlds are never hidden
            label = self._labels.get(i)
            if label is None or self._seen(self._badge_bounds(i).union(label)):
                self._draw_place(painter, i)
        buttons = [self.back.rect] + ([self.badge.rect.inflate(2 * BADGE_PLATE_W, 0)]
                                      if self.badge is not None else [])
        if self.speak is not None:
            buttons.append(self.speak.rect)
        chrome = [self.on_screen(r) for r in (plate, *buttons)]  # where they are on the map
        self._draw_towns(painter, [*chrome, *self._labels.values()])
        self.toast.draw(painter, bottom=330, center=1080, wrap=300)

    def _draw_chrome(self, painter: Painter, plate: pygame.Rect, title: str, size: float) -> None:
        """The title plate, the speaker, Back and the player's badge (buttons' coordinates)."""
        painter.panel(plate, fill="paper", radius=35)
        painter.text_box(title, plate.inflate(-48, -8), size, bold=True, min_size=size)
        if self.speak is not None:
            refresh_speaker(self.speak, self.ctx)
            self.speak.rect.topleft = (plate.right + 12,
                                       plate.centery - self.speak.rect.height // 2)
            self.speak.draw(painter, focused=self.button_focus == "speak",
                            pressed=self.pressed == -3)
        self.back.draw(painter, focused=self.button_focus == "back",
                       hovered=self.back_hover, pressed=self.pressed == -1)
        if self.badge is not None:
            draw_player_badge(painter, self.ctx, self.badge,
                              focused=self.button_focus == "badge", pressed=self.pressed == -2)

    def _draw_place(self, painter: Painter, i: int) -> None:
        place = places()[i]
        r = radius(place)
        x, y = self._centre(i)
        grow = 4 if i in (self.hover, self.pressed) else 0
        if i == self.focus and self.button_focus is None:
            painter.circle("white", (x, y), r + grow + 16, 4)
            painter.circle("blue", (x, y), r + grow + 12, 5)
        alpha = 255 if place.playable else 120
        if not place.playable:  # faded onto paper, so the pin line does not show through
            painter.circle("paper", (x, y), r + grow - 2)
        if painter.art.exists(f"map/{place.world}"):
            # The badge art is a round picture with its own outline and shadow.
            size = 2 * (r + grow)
            painter.image(f"map/{place.world}", (x - size / 2, y - size / 2, size, size),
                          alpha=alpha)
            if place.playable:  # what the pupil built so far grows on the badge
                for layer in place.growth[:self.growth(place)]:
                    painter.image(layer, (x - size / 2, y - size / 2, size, size))
        else:
            painter.circle((0, 0, 0, 55), (x, y + 5), r)
            painter.circle(place.world if place.playable else "metal", (x, y), r + grow)
            painter.circle("ink", (x, y), r + grow, 3)
        if not place.playable:
            lx, ly = x + r * 0.68, y + r * 0.68
            lock = "map/lock" if painter.art.exists("map/lock") else "icons/lock"
            painter.image(lock, (lx - 18, ly - 18, 36, 36))
        self._labels[i] = self._draw_label(painter, place)

    def _draw_label(self, painter: Painter, place: Place) -> pygame.Rect:
        _ = self.ctx.gettext
        name = _(place.name)
        if not place.playable:
            nw, nh = painter.measure(name, 19, bold=True)
            rect = label_rect(place, (nw + 20, nh + 8))
            painter.panel(rect, fill=(255, 253, 246, 215), outline="ink_soft", radius=12,
                          shadow=0)
            painter.text(name, rect.center, 19, "ink_soft", bold=True, align="center")
            return rect
        got, most = self.stars(place.world)
        count = f"{got} / {most}" if most else "…"  # "…": the levels are still loading
        # beside its badge the name has the room up to the screen's edge: a long one is
        # written smaller (on two lines it would cover the next place's label)
        x, _y = place.pos
        side = {"left": x - radius(place) - LABEL_GAP - 4,
                "right": 1276 - x - radius(place) - LABEL_GAP}.get(place.label, 400)
        fit = painter.fit(name, side - 28, 120, 26, 16, True, wrap=False)
        nh = fit.height
        cw, _ch = painter.measure(count, 22, bold=True)
        rect = label_rect(place, (max(fit.width, cw + 36) + 28, nh + 48))
        painter.panel(rect, fill="paper", radius=16, shadow=4)
        painter.text_box(name, (rect.x + 14, rect.y + 8, rect.width - 28, nh), 26, bold=True,
                         wrap=False)
        sx = rect.centerx - (cw + 34) / 2
        sy = rect.y + nh + 28
        if painter.art.exists("icons/star"):
            painter.image("icons/star", (sx, sy - 14, 28, 28))
        else:
            painter.star("yellow", (sx + 14, sy), 13)
        painter.text(count, (sx + 34, sy), 22, "ink_soft", bold=True, align="midleft")
        return rect

    def _draw_towns(self, painter: Painter, taken: list[pygame.Rect]) -> None:
        """The real towns' names beside their pins, as on a map of the region. Each goes on
        the first of its sides where it covers no badge, label, button or other town's
        name; where all of them are taken (a long name, a big text size) a little further
        out, joined to its pin by a thin line, as maps do; on a map too full for that, where
        it covers the least."""
        taken = list(taken)
        for p in places():
            r = radius(p) + 8
            taken.append(pygame.Rect(p.pos[0] - r, p.pos[1] - r, 2 * r, 2 * r))
            # beside another town's pin a name would seem to be that town's
            taken.append(pygame.Rect(p.spot[0] - 10, p.spot[1] - 10, 20, 20))
        scale = painter.view.scale
        names = []
        for place in places():
            text = self.ctx.gettext(place.town)
            # the plate hugs the letters themselves (Arabic lines have much room above and
            # below their letters)
            surf = painter.text_surface(text, TOWN_SIZE)
            ink = surf.get_bounding_rect()
            names.append((place, text, surf, ink, (ink.width / scale + 14,
                                                   ink.height / scale + 10)))
        # The search is the costly part of the map; the labels bob through a few positions
        # only, so the same question comes back: its answer is kept (idle cost, issue 8).
        key = (tuple(tuple(t) for t in taken), tuple(n[4] for n in names))
        found = self._town_spots.get(key)
        if found is None:
            found = []
            for place, _text, _surf, _ink, size in names:
                sides = place.towns + tuple(s for s in SIDES if s not in place.towns)
                spots = [(away, town_rect(place, size, side, away))
                         for away in (0, 16, 32, 48, 64, 80) for side in sides]
                # the first free spot; on a crowded map the one that covers the least
                spot = min(spots, key=lambda spot: (not SCREEN_AREA.contains(spot[1]), sum(
                    c.width * c.height for c in (spot[1].clip(t) for t in taken))))
                taken.append(spot[1])
                found.append(spot)
            if len(self._town_spots) > 256:
                self._town_spots.clear()
            self._town_spots[key] = found
        for (place, text, surf, ink, _size), (away, box) in zip(names, found, strict=True):
            if not self._seen(box.union(pygame.Rect(place.spot, (1, 1))).inflate(8, 8)):
                continue
            if away:
                nearest = (min(max(place.spot[0], box.left), box.right),
                           min(max(place.spot[1], box.top), box.bottom))
                painter.line("ink_soft", place.spot, nearest, 2)
            painter.rect((255, 253, 246, 210), box, 8)
            # the surface's middle where the letters' middle is the plate's middle
            dx = (surf.get_width() / 2 - ink.centerx) / scale
            dy = (surf.get_height() / 2 - ink.centery) / scale
            painter.text(text, (box.centerx + dx, box.centery + dy), TOWN_SIZE, "ink",
                         align="center")
        for place in places():  # every pin stays in sight, over a name beside it
            if self._seen(pygame.Rect(place.spot[0] - 12, place.spot[1] - 12, 24, 24)):
                draw_pin(painter, place.spot, 8)


def draw_pin(painter: Painter, spot: tuple[float, float], size: float) -> None:
    """A town's pin on the map."""
    painter.circle("paper", spot, size)
    painter.circle("ink", spot, size, 3)
