"""Raw input becomes intentions, so mouse, keyboard and touch drive the same code.

Scenes never look at key codes: they receive an :class:`Action` with an :class:`Intent`
and, for pointer input, a position in logical (1280x720) coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

import pygame

Point = tuple[float, float]


class Intent(Enum):
    SELECT = auto()  # Enter/Space, a click or a tap
    BACK = auto()  # Escape, the back button
    UP = auto()
    DOWN = auto()
    LEFT = auto()
    RIGHT = auto()
    NEXT = auto()  # Tab: next widget / palette item
    PREVIOUS = auto()  # Shift+Tab
    ROTATE = auto()  # R, right-click, mouse wheel
    ROTATE_BACK = auto()  # Shift+R, wheel the other way
    REMOVE = auto()  # Delete/Backspace
    UNDO = auto()  # Ctrl+Z
    REDO = auto()  # Ctrl+Y, Ctrl+Shift+Z
    TEST = auto()  # T: run the simulation (or stop it)
    HINT = auto()  # H
    MUTE = auto()  # M
    FULLSCREEN = auto()  # F11
    POINTER_DOWN = auto()  # left button pressed or finger down (pos set)
    POINTER_UP = auto()  # left button released or finger up (pos set)
    POINTER_MOVE = auto()  # pointer moved (pos set)
    QUIT = auto()  # the window's close button


@dataclass(frozen=True)
class Action:
    intent: Intent
    pos: Point | None = None  # logical coordinates for pointer intents
    amount: int = 1  # wheel steps


# The key map is data so that keys can be remapped later without touching any scene.
DEFAULT_KEYS: dict[tuple[int, bool, bool], Intent] = {}


def _bind(key: int, intent: Intent, ctrl: bool = False, shift: bool = False) -> None:
    DEFAULT_KEYS[(key, ctrl, shift)] = intent


for _key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
    _bind(_key, Intent.SELECT)
_bind(pygame.K_ESCAPE, Intent.BACK)
_bind(pygame.K_UP, Intent.UP)
_bind(pygame.K_DOWN, Intent.DOWN)
_bind(pygame.K_LEFT, Intent.LEFT)
_bind(pygame.K_RIGHT, Intent.RIGHT)
_bind(pygame.K_TAB, Intent.NEXT)
_bind(pygame.K_TAB, Intent.PREVIOUS, shift=True)
_bind(pygame.K_r, Intent.ROTATE)
_bind(pygame.K_r, Intent.ROTATE_BACK, shift=True)
_bind(pygame.K_DELETE, Intent.REMOVE)
_bind(pygame.K_BACKSPACE, Intent.REMOVE)
_bind(pygame.K_z, Intent.UNDO, ctrl=True)
_bind(pygame.K_y, Intent.REDO, ctrl=True)
_bind(pygame.K_z, Intent.REDO, ctrl=True, shift=True)
_bind(pygame.K_t, Intent.TEST)
_bind(pygame.K_h, Intent.HINT)
_bind(pygame.K_m, Intent.MUTE)
_bind(pygame.K_F11, Intent.FULLSCREEN)
del _key


class InputMapper:
    """Turns pygame events into Actions; ``to_logical`` maps window pixels to logical ones."""

    def __init__(self, to_logical, keys: dict[tuple[int, bool, bool], Intent] | None = None,
                 window_size=None):
        self._to_logical = to_logical
        self.keys = dict(DEFAULT_KEYS if keys is None else keys)
        # Touch events carry positions as fractions of the window; ``window_size()`` gives
        # the pixels. Without it, fingers are ignored and SDL's emulated mouse events count.
        self._window_size = window_size
        self._finger: int | None = None  # the one finger that acts as the pointer

    def _touch_pos(self, event: pygame.event.Event) -> tuple[float, float]:
        w, h = self._window_size()
        return self._to_logical((event.x * w, event.y * h))

    def actions(self, event: pygame.event.Event) -> list[Action]:
        et = event.type
        if et == pygame.QUIT:
            return [Action(Intent.QUIT)]
        if et == pygame.KEYDOWN:
            ctrl = bool(event.mod & pygame.KMOD_CTRL)
            shift = bool(event.mod & pygame.KMOD_SHIFT)
            intent = self.keys.get((event.key, ctrl, shift)) or self.keys.get((event.key, ctrl, False))
            return [Action(intent)] if intent else []
        if self._window_size and et in _MOUSE_EVENTS and getattr(event, "touch", False):
            return []  # SDL's mouse copy of a touch: the finger events below already count
        if et == pygame.MOUSEBUTTONDOWN:
            pos = self._to_logical(event.pos)
            if event.button == 1:
                return [Action(Intent.POINTER_DOWN, pos)]
            if event.button == 3:
                return [Action(Intent.ROTATE, pos)]
            return []
        if et == pygame.MOUSEBUTTONUP and event.button == 1:
            return [Action(Intent.POINTER_UP, self._to_logical(event.pos))]
        if et == pygame.MOUSEMOTION:
            return [Action(Intent.POINTER_MOVE, self._to_logical(event.pos))]
        if et == pygame.MOUSEWHEEL:
            if event.y == 0:
                return []
            intent = Intent.ROTATE if event.y < 0 else Intent.ROTATE_BACK
            return [Action(intent, None, abs(event.y))]
        if et in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            return self._touch(event)
        return []

    def _touch(self, event: pygame.event.Event) -> list[Action]:
        """One finger is the pointer; a second finger (a child's palm) is ignored."""
        if self._window_size is None:
            return []
        finger = event.finger_id
        if event.type == pygame.FINGERDOWN:
            if self._finger is not None:
                return []
            self._finger = finger
            pos = self._touch_pos(event)
            return [Action(Intent.POINTER_MOVE, pos), Action(Intent.POINTER_DOWN, pos)]
        if finger != self._finger:
            return []
        if event.type == pygame.FINGERUP:
            self._finger = None
            return [Action(Intent.POINTER_UP, self._touch_pos(event))]
        return [Action(Intent.POINTER_MOVE, self._touch_pos(event))]


_MOUSE_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)
