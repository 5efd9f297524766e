"""Raw input becomes intentions, so mouse, keyboard and touch drive the same code.

Scenes never look at key codes: they receive an :class:`Action` with an :class:`Intent`
and, for pointer input, a position in logical (1280x720) coordinates.

Remapping keys (``Settings.keys``)
----------------------------------
A pupil who plays with one hand, a switch or an unusual keyboard may put an action on other
keys. ``Settings.keys`` maps an intent's name (``Intent.TEST.name.lower()``, e.g. ``"test"``)
to the keys that do it, as key names: pygame's names (``pygame.key.name``, e.g. ``"f5"``,
``"t"``, ``"space"``), optionally with ``ctrl+`` / ``shift+`` in front (``"ctrl+z"``). A
remapped intent loses its default keys; intents not named keep theirs. The API, for the
settings screen's "Keys" page and the App:

- :data:`REMAPPABLE`: the intents a player may remap, in the order a Keys page lists them.
- :data:`FIXED_KEYS`: Tab, Shift+Tab, Enter and Escape always keep their meaning, whatever
  a remap says, so a child can never lock themselves out of moving, choosing or going back.
- :func:`keymap_from(keys) <keymap_from>` -> ``(keymap, problems)``: the key map to use;
  bad names (unknown intent or key, a fixed key) are left out and described in ``problems``.
- :func:`load_keymap(keys) <load_keymap>`: the same, printing one warning line per problem.
- :func:`keys_for(keymap, intent) <keys_for>`: the key names that do ``intent`` now.
- :func:`key_name(name) <key_name>`: a key name as a person reads it (``"ctrl+z"`` ->
  ``"Ctrl+Z"``); :func:`parse_key` turns a name into ``(key, ctrl, shift)``.
- :func:`conflicts(keys) <conflicts>`: key names that the saved map gives to more than one
  intent (the Keys page warns; the later intent in :data:`REMAPPABLE` order wins).
- :meth:`InputMapper.set_keys(keys) <InputMapper.set_keys>`: use a new map at once. The App's
  mapper also follows ``settings.keys`` by itself (it compares before each key press), so a
  Keys page only changes ``settings.keys`` and calls ``settings.save()``.
- :meth:`InputMapper.capture_next_key(callback) <InputMapper.capture_next_key>`: the next key
  press is not an action but handed to ``callback`` as a key name (Escape cancels: None).
  The App puts its mapper on ``ctx.input`` so a scene can ask for this.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, auto

import pygame

Point = tuple[float, float]
KeyCombo = tuple[int, bool, bool]  # (pygame key code, ctrl, shift)


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
    SPEAK = auto()  # S: read the text on screen aloud
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


# The key map is data so that keys can be remapped without touching any scene.
DEFAULT_KEYS: dict[KeyCombo, Intent] = {}


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
_bind(pygame.K_s, Intent.SPEAK)
_bind(pygame.K_F1, Intent.SPEAK)  # the usual "help" key reads the screen aloud too
_bind(pygame.K_m, Intent.MUTE)
_bind(pygame.K_F11, Intent.FULLSCREEN)
del _key

#: Intents a player may put on other keys, in the order a Keys page lists them.
REMAPPABLE: tuple[Intent, ...] = (
    Intent.SELECT, Intent.BACK, Intent.UP, Intent.DOWN, Intent.LEFT, Intent.RIGHT,
    Intent.ROTATE, Intent.ROTATE_BACK, Intent.REMOVE, Intent.UNDO, Intent.REDO, Intent.TEST,
    Intent.HINT, Intent.SPEAK, Intent.MUTE, Intent.FULLSCREEN,
)
#: Keys that always keep their meaning (see the module docstring): never taken by a remap.
FIXED_KEYS: dict[KeyCombo, Intent] = {
    (pygame.K_TAB, False, False): Intent.NEXT,
    (pygame.K_TAB, False, True): Intent.PREVIOUS,
    (pygame.K_RETURN, False, False): Intent.SELECT,
    (pygame.K_ESCAPE, False, False): Intent.BACK,
}
#: Keys that only modify another key: never a key of their own while capturing.
_MODIFIERS = frozenset((pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL,
                        pygame.K_LALT, pygame.K_RALT, pygame.K_LGUI, pygame.K_RGUI,
                        pygame.K_CAPSLOCK, pygame.K_NUMLOCK, pygame.K_MODE))


def _pygame_key(call, value):
    """``pygame.key.name``/``key_code`` without their warning before ``pygame.init()``: the
    names are SDL's fixed table, right with or without a window (settings load before one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(value)


def intent_named(name: str) -> Intent | None:
    """The intent of a saved name (``"test"`` -> ``Intent.TEST``), else None."""
    return Intent.__members__.get(name.strip().upper()) if isinstance(name, str) else None


def parse_key(name: str) -> KeyCombo | None:
    """A key name (``"f5"``, ``"ctrl+z"``, ``"Shift+R"``) as ``(key, ctrl, shift)``; None
    when pygame does not know the key."""
    if not isinstance(name, str) or not name.strip():
        return None
    parts = [p.strip() for p in name.strip().lower().split("+")]
    if len(parts) > 1 and parts[-1] == "" and parts[-2] == "":  # "ctrl++": the plus key
        parts = [*parts[:-2], "+"]
    *mods, base = parts
    if any(m not in ("ctrl", "shift") for m in mods) or not base:
        return None
    try:
        code = _pygame_key(pygame.key.key_code, base)
    except (ValueError, pygame.error):
        return None
    if code == pygame.K_UNKNOWN:
        return None
    return code, "ctrl" in mods, "shift" in mods


def combo_name(combo: KeyCombo) -> str:
    """The saved name of ``(key, ctrl, shift)``: ``"ctrl+z"``, ``"f5"``."""
    key, ctrl, shift = combo
    return ("ctrl+" if ctrl else "") + ("shift+" if shift else "") + _pygame_key(
        pygame.key.name, key)


#: keys shown as they are printed on a Dutch school keyboard rather than by SDL's English name:
#: arrows as arrows, and the short words on the keys themselves
_AS_ON_THE_KEY = {"up": "\u2191", "down": "\u2193", "left": "\u2190", "right": "\u2192",
                  "return": "Enter", "enter": "Enter", "escape": "Esc"}


def key_name(key: str | KeyCombo | int) -> str:
    """A key as a person reads it on a Keys page: ``"ctrl+z"`` -> ``"Ctrl+Z"``,
    ``"f5"`` -> ``"F5"``, ``"space"`` -> ``"Space"``, ``pygame.K_TAB`` -> ``"Tab"``."""
    if isinstance(key, int):
        key = (key, False, False)
    combo = parse_key(key) if isinstance(key, str) else key
    if combo is None:
        return str(key)
    code, ctrl, shift = combo
    base = _pygame_key(pygame.key.name, code)
    base = _AS_ON_THE_KEY.get(base) or (
        base.upper() if len(base) == 1 else " ".join(w.capitalize() for w in base.split()))
    return ("Ctrl+" if ctrl else "") + ("Shift+" if shift else "") + base


def keymap_from(keys: Mapping[str, Iterable[str]] | None,
                defaults: Mapping[KeyCombo, Intent] = DEFAULT_KEYS,
                ) -> tuple[dict[KeyCombo, Intent], list[str]]:
    """The key map for the remapped ``keys`` (see the module docstring) and its problems,
    one short sentence per bad entry (for a warning line; the entry itself is left out)."""
    keymap = dict(defaults)
    problems: list[str] = []
    wanted: dict[Intent, list[KeyCombo]] = {}
    for name, names in (keys or {}).items():
        intent = intent_named(name)
        if intent is None or intent not in REMAPPABLE:
            problems.append(f"keys: {name!r} is not an action that can be remapped")
            continue
        combos, bad = [], []
        for key in names if not isinstance(names, str) else [names]:
            combo = parse_key(key)
            if combo is None:
                bad.append(f"unknown key {key!r}")
            elif combo in FIXED_KEYS and FIXED_KEYS[combo] != intent:
                bad.append(f"{key!r} always means {FIXED_KEYS[combo].name.lower()}")
            else:
                combos.append(combo)
        if combos:
            wanted[intent] = combos
        if bad or not combos:
            keep = "" if combos else " (keeping the usual keys)"
            problems.append(f"keys: {name}: {'; '.join(bad) or 'no key given'}{keep}")
    for intent in REMAPPABLE:  # the REMAPPABLE order decides a clash: the later one wins
        if intent not in wanted:
            continue
        for combo, bound in list(keymap.items()):
            if bound == intent and combo not in FIXED_KEYS:
                del keymap[combo]
        for combo in wanted[intent]:
            keymap[combo] = intent
    keymap.update(FIXED_KEYS)
    return keymap, problems


def load_keymap(keys: Mapping[str, Iterable[str]] | None) -> dict[KeyCombo, Intent]:
    """:func:`keymap_from`, with one warning line on stderr per bad entry."""
    from game.settings import warn

    keymap, problems = keymap_from(keys)
    for problem in problems:
        warn(f"ignored {problem}")
    return keymap


def keys_for(keymap: Mapping[KeyCombo, Intent], intent: Intent) -> list[str]:
    """The saved names of the keys that do ``intent`` in ``keymap`` (for a Keys page)."""
    return [combo_name(c) for c, i in keymap.items() if i == intent]


def conflicts(keys: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    """Key names the remap ``keys`` gives to more than one intent, with those intents' names
    (defaults included: remapping Test to "h" clashes with Hint)."""
    by_key: dict[KeyCombo, set[Intent]] = {}
    remapped = {intent_named(n) for n in (keys or {})}
    for combo, intent in DEFAULT_KEYS.items():
        if intent not in remapped:
            by_key.setdefault(combo, set()).add(intent)
    for name, names in (keys or {}).items():
        intent = intent_named(name)
        if intent is None:
            continue
        for key in names if not isinstance(names, str) else [names]:
            combo = parse_key(key)
            if combo is not None:
                by_key.setdefault(combo, set()).add(intent)
    return {combo_name(c): sorted(i.name.lower() for i in intents)
            for c, intents in by_key.items() if len(intents) > 1}


class InputMapper:
    """Turns pygame events into Actions; ``to_logical`` maps window pixels to logical ones.

    With ``settings`` (a Settings, or a function giving the Settings in force: a pupil's
    profile may bring its own) the key map follows ``settings.keys``: a change there counts
    from the next key press on (see the module docstring).
    """

    def __init__(self, to_logical, keys: dict[KeyCombo, Intent] | None = None,
                 window_size=None, settings=None) -> None:
        self._to_logical = to_logical
        self.keys = dict(DEFAULT_KEYS if keys is None else keys)
        # Touch events carry positions as fractions of the window; ``window_size()`` gives
        # the pixels. Without it, fingers are ignored and SDL's emulated mouse events count.
        self._window_size = window_size
        self._finger: int | None = None  # the one finger that acts as the pointer
        self._settings = settings
        self._applied: dict | None = None  # the settings.keys the map was built from
        self._capture: Callable[[str | None], None] | None = None
        self._follow_settings()

    def set_keys(self, keys: Mapping[str, Iterable[str]] | None) -> list[str]:
        """Use the remap ``keys`` (intent name -> key names) from now on; returns the
        problems (bad entries are left out, with a warning line each)."""
        keymap, problems = keymap_from(keys)
        from game.settings import warn

        for problem in problems:
            warn(f"ignored {problem}")
        self.keys = keymap
        self._applied = {k: list(v) for k, v in (keys or {}).items()}
        return problems

    def _follow_settings(self) -> None:
        if self._settings is None:
            return
        settings = self._settings() if callable(self._settings) else self._settings
        keys = getattr(settings, "keys", None) or {}
        if keys != self._applied:
            self.set_keys(keys)

    def capture_next_key(self, callback: Callable[[str | None], None] | None) -> None:
        """Hand the next key press (not a modifier alone) to ``callback`` as a key name
        (``"ctrl+z"``, ``"f5"``) instead of turning it into an action; Escape calls
        ``callback(None)``: the player changed their mind. None stops waiting."""
        self._capture = callback

    @property
    def capturing(self) -> bool:
        return self._capture is not None

    def _key(self, event: pygame.event.Event) -> list[Action]:
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if self._capture is not None:
            if event.key in _MODIFIERS:
                return []
            callback, self._capture = self._capture, None
            plain = event.key == pygame.K_ESCAPE and not ctrl and not shift
            callback(None if plain else combo_name((event.key, ctrl, shift)))
            return []
        self._follow_settings()
        intent = self.keys.get((event.key, ctrl, shift)) or self.keys.get((event.key, ctrl, False))
        return [Action(intent)] if intent else []

    def _touch_pos(self, event: pygame.event.Event) -> tuple[float, float]:
        w, h = self._window_size()
        return self._to_logical((event.x * w, event.y * h))

    def actions(self, event: pygame.event.Event) -> list[Action]:
        et = event.type
        if et == pygame.QUIT:
            return [Action(Intent.QUIT)]
        if et == pygame.KEYDOWN:
            return self._key(event)
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
