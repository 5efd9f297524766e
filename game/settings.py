"""The player's settings, kept as a small JSON file in the user's data folder.

A damaged or hand-edited file must never stop a child from playing: anything unreadable
falls back to the defaults with a one-line warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

DATA_ENV = "TECHNIEKWERF_DATA"
SETTINGS_FILE = "settings.json"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where settings and progress live: the argument, else $TECHNIEKWERF_DATA, else the
    platform's user data folder (so a school's roaming profile keeps it)."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    import platformdirs  # only when needed: keeps the start fast

    return Path(platformdirs.user_data_dir("techniekwerf", appauthor=False))


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a crash or power cut leaves either the old or the new content.

    Write a temporary file in the same folder, flush it to disk, then rename it over the
    old one (``os.replace`` is atomic on one file system, also on Windows).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def warn(message: str) -> None:
    """One line on stderr: for the teacher or parent who looks, never a dialog for the child."""
    print(f"techniekwerf: warning: {message}", file=sys.stderr)


#: Languages the game speaks, in the order the settings offer them (codes of ``locale/``).
LANGUAGES = ("nl", "en", "tr", "pl", "uk", "ar")
#: Text size steps: the factor every text size is multiplied by (index = ``text_size``).
TEXT_SCALES = (1.0, 1.2, 1.4)
#: Reading fonts a child may pick (keys of ``game.ui.fonts`` font families).
READING_FONTS = ("andika", "opendyslexic")
#: What a pupil's own profile remembers (the rest belongs to the PC: screen, school server).
PERSONAL = ("language", "muted", "effects_volume", "voice_volume", "music_volume", "auto_read",
            "text_size", "reading_font", "reduce_motion", "keys")


def _volume(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return min(1.0, max(0.0, float(value)))
    return None


def _keys(value) -> dict[str, list[str]] | None:
    """Remapped keys: intent name -> key names (``pygame.key.name``), checked by the input map."""
    if isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(n, str) for n in v)
            for k, v in value.items()):
        return {k: list(v) for k, v in value.items()}
    return None


def _choice(options):
    return lambda value: value if value in options else None


def _flag(value) -> bool | None:
    return value if isinstance(value, bool) else None


def _text_size(value) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(TEXT_SCALES)
    return value if ok else None


#: How each saved value is checked: a function giving the clean value, or None when bad.
#: (db_url may be None legitimately, so it is checked on its own in ``apply``.)
VALIDATORS = {
    "language": _choice(LANGUAGES), "muted": _flag, "fullscreen": _flag,
    "effects_volume": _volume, "voice_volume": _volume, "music_volume": _volume,
    "auto_read": _flag, "text_size": _text_size, "reading_font": _choice(READING_FONTS),
    "reduce_motion": _flag, "keys": _keys,
}


@dataclass
class Settings:
    language: str = "nl"
    muted: bool = False
    effects_volume: float = 0.6  # 0..1; quiet by default (ART.md)
    voice_volume: float = 0.8  # read-aloud
    music_volume: float = 0.3  # background music
    auto_read: bool = False  # speak every instruction by itself (young pupils)
    text_size: int = 0  # index into TEXT_SCALES
    reading_font: str = "andika"  # one of READING_FONTS
    reduce_motion: bool = False  # calmer animations
    keys: dict[str, list[str]] = field(default_factory=dict)  # remapped keys, see _keys
    fullscreen: bool = False
    # A school server for the school store (``postgresql://user@server/techniekwerf``), set by
    # the school's IT in the file; None: the SQLite store in this PC's data folder.
    db_url: str | None = None
    folder: Path | None = None  # where the file is saved; None: not saved (tests, tools)
    # While a pupil plays: where their personal values go (their profile in the school store),
    # and the PC's own personal values, which the file keeps and which come back afterwards.
    pupil_saver: Callable[[dict], None] | None = field(default=None, repr=False, compare=False)
    pc_personal: dict | None = field(default=None, repr=False, compare=False)

    @property
    def path(self) -> Path | None:
        return self.folder / SETTINGS_FILE if self.folder else None

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[self.text_size]

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None) -> Settings:
        """Read the settings from ``data_dir(folder)``; defaults for anything missing or bad."""
        where = data_dir(folder)
        settings = cls(folder=where)
        path = where / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, ValueError) as exc:
            warn(f"could not read {path} ({exc.__class__.__name__}); using default settings")
            return settings
        if not isinstance(raw, dict):
            warn(f"{path} does not hold settings; using default settings")
            return settings
        bad = settings.apply(raw)
        if bad:
            warn(f"ignored bad values in {path}: {', '.join(bad)}")
        return settings

    def apply(self, raw: dict, names=None) -> list[str]:
        """Take the good values of ``raw`` (only ``names`` if given); return the bad names."""
        bad = []
        for name, check in VALIDATORS.items():
            if (names is not None and name not in names) or name not in raw:
                continue
            value = check(raw[name])
            if value is None:
                bad.append(name)
            else:
                setattr(self, name, value)
        if "db_url" in raw and (names is None or "db_url" in names):
            url = raw["db_url"]
            if url is None or (isinstance(url, str) and "://" in url):
                self.db_url = url or None
            else:
                bad.append("db_url")
        return bad

    def personal(self) -> dict:
        """The values a pupil's profile keeps (see PERSONAL), ready for JSON."""
        data = self.to_dict()
        return {name: data[name] for name in PERSONAL}

    def to_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("folder", "pupil_saver", "pc_personal")}
        return json.loads(json.dumps(data))  # deep copies (keys) and JSON-ready

    @property
    def for_pupil(self) -> bool:
        """True while a pupil's own settings are in force (their changes go to their profile)."""
        return self.pupil_saver is not None

    def use_pupil(self, saved: dict | None, saver: Callable[[dict], None]) -> list[str]:
        """A pupil starts playing: their ``saved`` personal values over this PC's, and from now
        on their changes go to ``saver`` (their profile), not into this PC's file.

        A pupil who never changed a setting plays with the PC's, so nobody inherits the
        previous pupil's choices. Returns the names of saved values that were bad (ignored).
        """
        if self.pc_personal is None:
            self.pc_personal = self.personal()
        else:  # one pupil after another: start from the PC's values again
            self.apply(self.pc_personal, PERSONAL)
        self.pupil_saver = saver
        return self.apply(saved or {}, PERSONAL)

    def use_pc(self) -> None:
        """Back to this PC's own settings (a pupil logged out, the guest or the teacher)."""
        if self.pc_personal is not None:
            self.apply(self.pc_personal, PERSONAL)
        self.pc_personal = None
        self.pupil_saver = None

    def save(self) -> None:
        """Keep the settings: a pupil's personal values in their profile, the rest (and the
        PC's own personal values) in this PC's file. A read-only disk or a school server that
        went away costs a warning, not the game."""
        data = self.to_dict()
        if self.pupil_saver is not None:
            try:
                self.pupil_saver(self.personal())
            except Exception as exc:  # noqa: BLE001 - a lost server must not stop the child
                warn(f"could not save the pupil's settings: {exc}")
            data.update(self.pc_personal or {})
        path = self.path
        if path is None:
            return
        try:
            write_atomic(path, json.dumps(data, indent=2) + "\n")
        except OSError as exc:
            warn(f"could not save settings to {path}: {exc}")


SETTING_NAMES = tuple(f.name for f in fields(Settings)
                      if f.name not in ("folder", "pupil_saver", "pc_personal"))
