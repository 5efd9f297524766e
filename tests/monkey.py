"""A seeded random-input "monkey" for the real game: clicks, drags, keys, typing, the wheel,
window resizes, focus loss and quit requests, posted as real ``pygame.event.Event`` s through
the App's own event loop, frame after frame, on a manual clock.

The same seed gives the same events (the pointer aims at what the screen shows, so the run is a
function of the seed and the game's own behaviour). A failure names the state, the seed and the
event count, and how to replay it::

    python bench/monkey.py --state dashboard --seed 1234 --events 10000

Used by tests/test_monkey.py (a short run of every gallery state) and bench/monkey.py (10,000
events a state).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pygame

#: keys a child, a teacher or a cat on the keyboard presses: letters, digits, the keys the game
#: uses, and some it does not
KEYS = ([getattr(pygame, f"K_{c}") for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
        + [pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE,
           pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP,
           pygame.K_DOWN, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
           pygame.K_PLUS, pygame.K_MINUS, pygame.K_EQUALS, pygame.K_QUESTION, pygame.K_F1,
           pygame.K_F2, pygame.K_F5, pygame.K_F10, pygame.K_F11, pygame.K_F12, pygame.K_LALT,
           pygame.K_LCTRL, pygame.K_LSHIFT, pygame.K_MENU, pygame.K_PRINTSCREEN])
MODS = (0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT,
        pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
#: what a keyboard can type: digits of two scripts, letters with marks, Arabic, emoji with a
#: joiner, a right-to-left mark, a combining accent, a long paste
TEXTS = ("1", "7", "0", "a", "Z", "é", " ", "-", "'", "٣", "ب", "سلام", "Ö", "ğ", "ł", "Ї",
         "👩\u200d🔧", "\u200f", "e\u0301", "12345", "Zoë van der Berg-Öztürk " * 4, "=1+1",
         "\t", "\u00a0", "ｗ")
SIZES = ((1280, 720), (1366, 768), (1024, 600), (800, 600), (1920, 1080), (640, 480),
         (1280, 1024), (2560, 1080))
WINDOW_EVENTS = ("WINDOWFOCUSLOST", "WINDOWFOCUSGAINED", "WINDOWMINIMIZED", "WINDOWRESTORED",
                 "WINDOWLEAVE", "WINDOWENTER", "WINDOWHIDDEN", "WINDOWSHOWN", "WINDOWEXPOSED")


@dataclass
class MonkeyFailure(AssertionError):
    state: str
    seed: int
    events: int
    error: BaseException

    def __str__(self) -> str:
        return (f"monkey: state {self.state!r}, seed {self.seed}: after {self.events} events: "
                f"{type(self.error).__name__}: {self.error} -- replay: python bench/monkey.py "
                f"--state {self.state} --seed {self.seed} --events {self.events}")


class Monkey:
    """Random events for one App, aimed at what its top scene shows half of the time."""

    def __init__(self, app, seed: int) -> None:
        self.app = app
        self.rng = random.Random(seed)
        self.pointer = (10, 10)
        self.resized = 0
        self.posted = 0

    # --- where to point ---------------------------------------------------------------------
    def _spot(self) -> tuple[int, int]:
        rng = self.rng
        w, h = self.app.surface.get_size()
        if rng.random() < 0.55:
            targets = self.app.ctx.stack.top.targets() if self.app.ctx.stack.top else []
            if targets:
                r = self.app.view.rect(rng.choice(targets).rect)
                return (min(w - 1, max(0, r.centerx + rng.randint(-3, 3))),
                        min(h - 1, max(0, r.centery + rng.randint(-3, 3))))
        if rng.random() < 0.05:  # off the window's edge, where a drag may end
            return (rng.randint(-50, w + 50), rng.randint(-50, h + 50))
        return (rng.randrange(w), rng.randrange(h))

    def _move(self, to: tuple[int, int], buttons=(0, 0, 0)) -> pygame.event.Event:
        rel = (to[0] - self.pointer[0], to[1] - self.pointer[1])
        self.pointer = to
        return pygame.event.Event(pygame.MOUSEMOTION, pos=to, rel=rel, buttons=buttons)

    # --- one gesture: a list of events posted together ----------------------------------------
    def gesture(self) -> list[pygame.event.Event]:
        rng = self.rng
        roll = rng.random()
        E = pygame.event.Event
        if roll < 0.30:  # a click (left most of the time; right turns a part)
            spot, button = self._spot(), rng.choice((1, 1, 1, 1, 3, 2))
            return [self._move(spot), E(pygame.MOUSEBUTTONDOWN, pos=spot, button=button),
                    E(pygame.MOUSEBUTTONUP, pos=spot, button=button)]
        if roll < 0.40:  # a drag, left button held
            start, end = self._spot(), self._spot()
            out = [self._move(start), E(pygame.MOUSEBUTTONDOWN, pos=start, button=1)]
            for i in range(1, rng.randint(2, 6)):
                t = i / 6
                out.append(self._move((round(start[0] + (end[0] - start[0]) * t),
                                       round(start[1] + (end[1] - start[1]) * t)), (1, 0, 0)))
            out += [self._move(end, (1, 0, 0)), E(pygame.MOUSEBUTTONUP, pos=end, button=1)]
            return out
        if roll < 0.47:  # the pointer wanders (hover tooltips)
            return [self._move(self._spot())]
        if roll < 0.72:  # a key, with or without a modifier
            key, mod = rng.choice(KEYS), rng.choice(MODS)
            return [E(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
                    E(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)]
        if roll < 0.82:  # typing
            return [E(pygame.TEXTINPUT, text=rng.choice(TEXTS))]
        if roll < 0.90:  # the wheel
            return [E(pygame.MOUSEWHEEL, x=0, y=rng.choice((-3, -1, 1, 2)), flipped=False,
                      precise_x=0.0, precise_y=1.0, touch=False, which=0)]
        if roll < 0.93:  # the window is resized (the window manager has made it that size)
            return self._resize()
        if roll < 0.985:  # focus lost or gained, minimised, hidden
            name = rng.choice(WINDOW_EVENTS)
            return [E(getattr(pygame, name), window=None)]
        return [E(pygame.QUIT)]  # the window's close button

    def _resize(self) -> list[pygame.event.Event]:
        size = self.rng.choice(SIZES)
        flags = self.app.surface.get_flags() & pygame.RESIZABLE
        pygame.display.set_mode(size, flags)
        self.resized += 1
        return [pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]),
                pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1], window=None)]

    # --- a run ---------------------------------------------------------------------------------
    def run(self, events: int, fake_time, restart) -> int:
        """Post about ``events`` events, a gesture a frame, with game time passing; when the
        game has quit (the stack is empty), ``restart()`` brings the state back. Returns the
        number of events posted."""
        while self.posted < events:
            batch = self.gesture()
            for event in batch:
                pygame.event.post(event)
            self.posted += len(batch)
            roll = self.rng.random()
            fake_time.advance(1 / 30 if roll < 0.9 else 2.0 if roll < 0.995 else 400.0)
            if not self.app.step_frame():
                self.app.running = True
                restart()
        return self.posted


def run_state(app, fake_time, state: str, seed: int, events: int) -> int:
    """Show gallery ``state`` in ``app`` and let the monkey loose on it; when the monkey has
    quit the game, it goes on as after a new start, on the title. Raises
    :class:`MonkeyFailure` naming the seed when the game raises."""
    from tests.scene_gallery import _reset, show

    monkey = Monkey(app, seed)
    try:
        show(app, state)
        pygame.event.clear()
        monkey.run(events, fake_time, restart=lambda: _reset(app))
    except Exception as exc:  # noqa: BLE001 - every error becomes a replayable failure
        raise MonkeyFailure(state, seed, monkey.posted, exc) from exc
    finally:
        if monkey.resized:
            pygame.display.set_mode((1280, 720), app.surface.get_flags() & pygame.RESIZABLE)
            app._relayout()
    return monkey.posted
