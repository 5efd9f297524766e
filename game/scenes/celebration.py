"""The end of a world: the place the pupil built, grown in full, with Noor cheering.

It opens once, when a solve makes every level of a world solved (the result card leads
here instead of back to the levels; see worlds.completes_world). What the place looks like
and what Noor says come from the world's data (levels/worlds.yaml): no world is named here.

Motion is calm: confetti drifts down, slow bursts of sparks open and fade like fireworks
far away (each over more than a second, so no part of the screen flashes; ART.md), and a
reader who chose calm motion sees the picture still. Enter, Escape or a click on the big
button go back to the map at once: the party can always be skipped.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import pygame

from game.input import Action
from game.scenes.base import Scene, handle_card
from game.scenes.nav import is_at
from game.scenes.worlds import place_of, world_colour, world_name
from game.sim.parts import N_
from game.speech import sentences
from game.ui.anim import calm, clamp01, ease_out_back, ease_out_cubic
from game.ui.guide_view import draw_bubble, draw_guide, refresh_speaker, speaker_button
from game.ui.theme import COLORS
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

#: the grown place in the middle (logical pixels)
PLACE_RECT = pygame.Rect(500, 112, 280, 280)
BUBBLE = pygame.Rect(330, 410, 640, 180)
GUIDE = (70, 400, 230, 290)
MAP_BUTTON = pygame.Rect(420, 616, 440, 84)
SPARK_COLOURS = ("orange", "sky_blue", "green", "yellow", "vermillion", "purple", "blue")
#: seconds the party moves; then the picture stands still (the App may sleep)
PARTY = 9.0
BURST_LIFE = 1.8  # seconds a burst of sparks takes to open and fade (slow: no flash)
BURST_EVERY = 0.9
TITLE = N_("All levels solved!")


@dataclass(frozen=True)
class Burst:
    """A burst of sparks, far away: where, when it starts and its colour."""

    x: float
    y: float
    start: float
    colour: str
    size: float


@dataclass
class Flake:
    x: float
    y: float
    vy: float
    sway: float
    phase: float
    size: float
    colour: str
    spin: float


def bursts(seed: int = 11) -> list[Burst]:
    """The party's bursts: one every BURST_EVERY seconds, left and right of the place in
    turn, never over the place, Noor or the words."""
    rng = random.Random(seed)
    out = []
    t = 0.3
    left = True
    while t < PARTY - BURST_LIFE:
        x = rng.uniform(110, 400) if left else rng.uniform(880, 1170)
        out.append(Burst(x, rng.uniform(120, 330), t, rng.choice(SPARK_COLOURS),
                         rng.uniform(80, 120)))
        left = not left
        t += BURST_EVERY
    return out


class CelebrationScene(Scene):
    """The celebration of ``world`` (a world id of levels/worlds.yaml)."""

    def __init__(self, ctx, world: str, seed: int = 5) -> None:
        super().__init__(ctx)
        self.world = world
        self.place = place_of(world)
        self.t = 0.0
        self.cheered = False  # the fanfare plays once, on the first frame
        self.bursts = bursts(seed)
        rng = random.Random(seed)
        self.flakes = [Flake(rng.uniform(0, 1280), rng.uniform(-720, -20), rng.uniform(60, 120),
                             rng.uniform(10, 30), rng.uniform(0, math.tau), rng.uniform(8, 15),
                             rng.choice(SPARK_COLOURS), rng.uniform(-2, 2)) for _ in range(70)]
        _ = ctx.gettext
        self.row = ButtonRow([
            Button(pygame.Rect(MAP_BUTTON), self.leave, label=_("Back to the map"),
                   icon="icons/home", fill="yellow", text_size=30, centred=True),
        ])
        self.row.focus = 0
        self.speak = speaker_button(ctx, (BUBBLE.right + 16, BUBBLE.y + 8, 72, 72),
                                    self.read_aloud_text)
        if self.speak is not None:
            self.row.buttons.append(self.speak)

    # --- words ----------------------------------------------------------------------------------
    def line(self) -> str:
        """The msgid Noor says: the world's own line (every playable world has one,
        tests/test_map_growth.py), else the title's words."""
        return self.place.finale if self.place is not None and self.place.finale else TITLE

    def read_aloud_text(self) -> str:
        _ = self.ctx.gettext
        return sentences(_(TITLE), _(world_name(self.world)), _(self.line()))

    # --- leaving --------------------------------------------------------------------------------
    def map_below(self) -> bool:
        """Whether the pupil came here from the map (not from a teacher's lesson)."""
        return any(is_at(scene, "world_map") for scene in self.ctx.stack.scenes[:-1])

    def leave(self) -> None:
        """Back to the map the pupil came from; in a lesson, back to the lesson's levels."""
        self.ctx.audio.play("click")
        if self.map_below():
            self.ctx.back_to("world_map")
        else:
            self.ctx.stack.pop()

    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.leave)

    # --- time -----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if not self.cheered:
            self.cheered = True
            self.ctx.audio.play("fanfare")
        self.t += dt
        for f in self.flakes:
            f.y += f.vy * dt
            if f.y > 740 and self.t < PARTY - 2:
                f.y -= 760

    def idle_motion(self) -> float | None:
        """Every frame while the party moves; afterwards (or with calm motion) still."""
        if calm(self.ctx.settings) or self.t >= PARTY:
            return 0.0
        return None

    # --- drawing --------------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        still = calm(self.ctx.settings)
        painter.rect("sky", (0, 0, 1280, 720))
        backdrop = f"worlds/{self.world}"
        if painter.art.exists(backdrop):
            painter.image(backdrop, (0, 0, 1280, 720))
            painter.rect((255, 253, 246, 150), (0, 0, 1280, 720))
        if not still:
            self._draw_bursts(painter)
            self._draw_confetti(painter, behind=True)
        self._draw_title(painter, _(TITLE))
        self._draw_place(painter, still)
        bob = 0.0 if still else -abs(6 * math.sin(self.t * 2.6))
        draw_guide(painter, "cheer", GUIDE, bob=bob)
        draw_bubble(painter, BUBBLE, _(world_name(self.world)), _(self.line()),
                    tail=(GUIDE[0] + GUIDE[2] - 30, GUIDE[1] + 90), text_size=24,
                    max_height=MAP_BUTTON.top - 12 - BUBBLE.top)
        self.row.buttons[0].label = _("Back to the map") if self.map_below() else _("OK")
        refresh_speaker(self.speak, self.ctx)
        self.row.draw(painter)
        if not still:
            self._draw_confetti(painter, behind=False)

    def _draw_title(self, painter: Painter, title: str) -> None:
        fit = painter.fit(title, 900, 84, 48, 30, True)
        w = fit.width + 80
        plate = pygame.Rect(round(640 - w / 2), 18, round(w), max(80, round(fit.height) + 16))
        painter.panel(plate, fill="paper", radius=36)
        painter.text_box(title, plate.inflate(-56, -8), 48, bold=True, min_size=fit.size)

    def _draw_place(self, painter: Painter, still: bool) -> None:
        """The world's badge with every growth layer: it pops in, then breathes slowly."""
        grow = 1.0 if still else ease_out_back(clamp01(self.t / 0.6))
        breathe = 0.0 if still or self.t >= PARTY else 0.02 * math.sin(self.t * 1.6)
        size = PLACE_RECT.width * max(0.05, (0.8 + 0.2 * grow) + breathe)
        cx, cy = PLACE_RECT.center
        r = (cx - size / 2, cy - size / 2, size, size)
        painter.circle((255, 253, 246, 170), (cx, cy), size * 0.56)
        name = f"map/{self.world}"
        if painter.art.exists(name):
            painter.image(name, r)
        else:
            painter.circle(world_colour(self.world), (cx, cy), size / 2)
            painter.circle("ink", (cx, cy), size / 2, 4)
        for layer in self.place.growth if self.place is not None else ():
            painter.image(layer, r)

    def _draw_bursts(self, painter: Painter) -> None:
        """Sparks opening in a ring and fading together: brightness rises and falls once
        over BURST_LIFE seconds (well under 3 flashes a second anywhere)."""
        for b in self.bursts:
            age = (self.t - b.start) / BURST_LIFE
            if not 0 <= age < 1:
                continue
            reach = b.size * ease_out_cubic(age)
            fade = 1 - age
            alpha = round(230 * min(1.0, fade * 1.6))
            rgb = COLORS[b.colour][:3]
            sink = 16 * age * age  # the sparks sink a little as they fade
            for ring, count, dot in ((1.0, 14, 3 + 5 * fade), (0.62, 9, 2 + 4 * fade)):
                for k in range(count):
                    a = k * math.tau / count + b.start * (1 + ring)
                    x = b.x + ring * reach * math.cos(a)
                    y = b.y + ring * reach * math.sin(a) + sink
                    painter.circle((*rgb, alpha), (x, y), dot)

    def _draw_confetti(self, painter: Painter, behind: bool) -> None:
        if self.t > PARTY:
            return
        for k, f in enumerate(self.flakes):
            if (k % 3 == 0) != behind:
                continue
            x = f.x + math.sin(self.t * 1.5 + f.phase) * f.sway
            w = f.size * abs(math.cos(self.t * f.spin + f.phase)) + 3  # a slow tumble
            painter.rect(f.colour, (x - w / 2, f.y - f.size / 4, w, f.size / 2), 2)
