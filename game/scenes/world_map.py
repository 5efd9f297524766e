"""The map of the region: one place per technology cluster, two of them open to play.

Places sit where the real clusters are, so a child from Aalsmeer finds the flower greenhouses
next to home. Places that have no levels yet are shown, faded and with a padlock, so the map
already tells the whole story of the region.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene
from game.sim.parts import N_
from game.ui.view import Painter
from game.ui.widgets import Button, Toast


@dataclass(frozen=True)
class Place:
    world: str  # the world id, also the badge art name in assets/map/
    name: str  # msgid: what the world is about, for a child
    town: str  # msgid: the real place it stands for
    pos: tuple[int, int]  # centre of the badge, logical pixels on the 1280x720 map
    playable: bool


# Positions follow assets/map/region.svg: north is up, Den Helder at the top, Utrecht at the
# bottom, Flevoland to the right.
PLACES: tuple[Place, ...] = (
    Place("water", N_("Water and Sea"), N_("Den Helder"), (470, 120), False),
    Place("life_sciences", N_("Health Lab"), N_("Petten"), (330, 230), False),
    Place("hightech", N_("Machine Works"), N_("IJmond"), (300, 400), False),
    Place("ict", N_("Data Centre"), N_("Amsterdam"), (520, 360), False),
    Place("logistics", N_("Airport and Harbour"), N_("Almere"), (760, 330), False),
    Place("greenport", N_("Greenhouses"), N_("Aalsmeer"), (410, 540), True),
    Place("media", N_("Media Park"), N_("Hilversum"), (820, 500), False),
    Place("city", N_("Energy City"), N_("Utrecht"), (640, 610), True),
)
PLACE_BY_WORLD = {p.world: p for p in PLACES}

BIG = 66  # badge radius of a playable place
SMALL = 44  # badge radius of a coming-soon place


def world_name(world: str) -> str:
    """The msgid naming ``world`` (the id itself for a world the map does not know)."""
    place = PLACE_BY_WORLD.get(world)
    return place.name if place else world


def levels_for(levels: Iterable | None, world: str) -> list:
    """The levels of ``world`` in play order, from a catalogue, a dict or a list of Levels."""
    if levels is None:
        return []
    if hasattr(levels, "for_world"):
        return list(levels.for_world(world))
    items = levels.values() if isinstance(levels, dict) else levels
    return sorted((lv for lv in items if getattr(lv, "world", None) == world),
                  key=lambda lv: (lv.order, lv.id))


def radius(place: Place) -> int:
    return BIG if place.playable else SMALL


class WorldMapScene(Scene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        first_open = next(i for i, p in enumerate(PLACES) if p.playable)
        self.focus = first_open
        self.hover: int | None = None
        self.pressed: int | None = None
        self.toast = Toast(3.5)
        self.t = 0.0
        self.back_hover = False
        self.back = Button(pygame.Rect(32, 28, 72, 72), ctx.stack.pop, icon="icons/back")

    # --- geometry --------------------------------------------------------------------------
    def _index_at(self, pos) -> int | None:
        if pos is None:
            return None
        for i, place in enumerate(PLACES):
            x, y = place.pos
            if math.hypot(pos[0] - x, pos[1] - y) <= radius(place) + 8:
                return i
            # The name label under the badge is part of the target too.
            r = radius(place)
            if abs(pos[0] - x) <= 110 and y + r <= pos[1] <= y + r + 62:
                return i
        return None

    def _neighbour(self, dx: int, dy: int) -> int:
        """The nearest place in the direction of an arrow key (wide cone), else stay."""
        fx, fy = PLACES[self.focus].pos
        best, best_score = self.focus, math.inf
        for i, place in enumerate(PLACES):
            vx, vy = place.pos[0] - fx, place.pos[1] - fy
            along = vx * dx + vy * dy
            if i == self.focus or along <= 0:
                continue
            across = abs(vx * dy - vy * dx)
            score = along + 2 * across
            if score < best_score:
                best, best_score = i, score
        return best

    # --- actions ---------------------------------------------------------------------------
    def open(self, index: int) -> None:
        place = PLACES[index]
        self.focus = index
        if not place.playable:
            _ = self.ctx.gettext
            self.toast.show(_("{place} is still being built. Come back soon!").format(
                place=_(place.name)), "guide/guide_thinking")
            self.ctx.audio.play("not_yet")
            return
        from game.scenes.level_select import LevelSelectScene

        self.ctx.audio.play("click")
        self.ctx.stack.push(LevelSelectScene(self.ctx, place.world))

    def handle(self, action: Action) -> bool:
        it = action.intent
        if it == Intent.BACK:
            self.ctx.stack.pop()
            return True
        if it == Intent.POINTER_MOVE:
            self.hover = self._index_at(action.pos)
            self.back_hover = self.back.hit(action.pos)
            return False
        if it == Intent.POINTER_DOWN:
            self.pressed = -1 if self.back.hit(action.pos) else self._index_at(action.pos)
            return self.pressed is not None
        if it == Intent.POINTER_UP:
            was, self.pressed = self.pressed, None
            if was == -1 and self.back.hit(action.pos):
                self.back.on_click()
            elif was is not None and was == self._index_at(action.pos):
                self.open(was)
            return was is not None
        moves = {Intent.LEFT: (-1, 0), Intent.RIGHT: (1, 0), Intent.UP: (0, -1),
                 Intent.DOWN: (0, 1)}
        if it in moves:
            self.focus = self._neighbour(*moves[it])
            return True
        if it in (Intent.NEXT, Intent.PREVIOUS):
            self.focus = (self.focus + (1 if it == Intent.NEXT else -1)) % len(PLACES)
            return True
        if it == Intent.SELECT:
            self.open(self.focus)
            return True
        return False

    def update(self, dt: float) -> None:
        self.t += dt
        self.toast.update(dt)

    # --- drawing ---------------------------------------------------------------------------
    def stars(self, world: str) -> tuple[int, int]:
        levels = levels_for(self.ctx.levels, world)
        return sum(self.ctx.store.best_stars(lv.id) for lv in levels), 3 * len(levels)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.rect("sky_blue", (0, 0, 1280, 720))
        painter.image("map/region", (0, 0, 1280, 720))
        title = _("Where shall we build today?")
        w, _h = painter.measure(title, 34, bold=True)
        painter.panel((640 - w / 2 - 28, 24, w + 56, 70), fill="paper", radius=35)
        painter.text(title, (640, 59), 34, bold=True, align="center")
        self.back.draw(painter, hovered=self.back_hover,
                       pressed=self.pressed == -1)
        # Coming-soon places first, so the open worlds are never hidden under them.
        order = sorted(range(len(PLACES)), key=lambda i: PLACES[i].playable)
        for i in order:
            self._draw_place(painter, i)
        self.toast.draw(painter)

    def _draw_place(self, painter: Painter, i: int) -> None:
        _ = self.ctx.gettext
        place = PLACES[i]
        r = radius(place)
        x, y = place.pos
        if place.playable:
            y += 4 * math.sin(self.t * 2.2 + i)  # open places bob gently: "come here"
        active = i in (self.hover, self.pressed)
        if i == self.focus:
            painter.circle("white", (x, y), r + 16, 4)
            painter.circle("blue", (x, y), r + 12, 5)
        painter.circle((0, 0, 0, 55), (x, y + 5), r)
        ring = "paper" if place.playable else "tile_edge"
        painter.circle(ring, (x, y), r + (4 if active else 0))
        painter.circle("ink", (x, y), r + (4 if active else 0), 3)
        alpha = 255 if place.playable else 120
        if painter.art.exists(f"map/{place.world}"):
            painter.image(f"map/{place.world}", (x - r + 6, y - r + 6, 2 * r - 12, 2 * r - 12),
                          alpha=alpha)
        else:
            painter.circle(place.world if place.world in ("city", "greenport") else "metal",
                           (x, y), r - 8)
        if not place.playable:
            painter.circle("paper", (x + r * 0.7, y + r * 0.7), 19)
            painter.image("map/lock", (x + r * 0.7 - 15, y + r * 0.7 - 15, 30, 30))
            if not painter.art.exists("map/lock"):
                painter.image("icons/lock", (x + r * 0.7 - 15, y + r * 0.7 - 15, 30, 30))
        self._draw_label(painter, place, x, y + r + 6)

    def _draw_label(self, painter: Painter, place: Place, x: float, top: float) -> None:
        _ = self.ctx.gettext
        name = _(place.name)
        size = 24 if place.playable else 19
        nw, nh = painter.measure(name, size, bold=True)
        if place.playable:
            got, most = self.stars(place.world)
            stars = f"{got} / {most}"
            sw, _sh = painter.measure(stars, 22, bold=True)
            w = max(nw, sw + 34) + 28
            h = nh + 34
            painter.panel((x - w / 2, top, w, h), fill="paper", radius=14, shadow=3)
            painter.text(name, (x, top + 4), size, bold=True, align="midtop")
            sx = x - (sw + 32) / 2
            if painter.art.exists("icons/star"):
                painter.image("icons/star", (sx, top + nh + 4, 26, 26))
            else:
                painter.star("yellow", (sx + 13, top + nh + 17), 12)
            painter.text(stars, (sx + 32, top + nh + 17), 22, "ink_soft", bold=True,
                         align="midleft")
        else:
            w = nw + 20
            painter.panel((x - w / 2, top, w, nh + 8), fill=(255, 253, 246, 200),
                          outline="ink_soft", radius=12, shadow=0)
            painter.text(name, (x, top + 4), size, "ink_soft", bold=True, align="midtop")
