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
from dataclasses import asdict, dataclass, fields
from pathlib import Path

DATA_ENV = "TECHNIEKWERF_DATA"
LANGUAGES = ("nl", "en")
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


@dataclass
class Settings:
    language: str = "nl"
    muted: bool = False
    effects_volume: float = 0.6  # 0..1; quiet by default (ART.md)
    fullscreen: bool = False
    # A school server for the school store (``postgresql://user@server/techniekwerf``), set by
    # the school's IT in the file; None: the SQLite store in this PC's data folder.
    db_url: str | None = None
    folder: Path | None = None  # where the file is saved; None: not saved (tests, tools)

    @property
    def path(self) -> Path | None:
        return self.folder / SETTINGS_FILE if self.folder else None

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
        settings._apply(raw, path)
        return settings

    def _apply(self, raw: dict, path: Path) -> None:
        bad = []
        language = raw.get("language", self.language)
        if language in LANGUAGES:
            self.language = language
        else:
            bad.append("language")
        for name in ("muted", "fullscreen"):
            value = raw.get(name, getattr(self, name))
            if isinstance(value, bool):
                setattr(self, name, value)
            else:
                bad.append(name)
        volume = raw.get("effects_volume", self.effects_volume)
        if isinstance(volume, (int, float)) and not isinstance(volume, bool):
            self.effects_volume = min(1.0, max(0.0, float(volume)))
        else:
            bad.append("effects_volume")
        db_url = raw.get("db_url", self.db_url)
        if db_url is None or (isinstance(db_url, str) and "://" in db_url):
            self.db_url = db_url or None
        else:
            bad.append("db_url")
        if bad:
            warn(f"ignored bad values in {path}: {', '.join(bad)}")

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("folder")
        return data

    def save(self) -> None:
        """Write the settings; a read-only disk costs a warning, not the game."""
        path = self.path
        if path is None:
            return
        try:
            write_atomic(path, json.dumps(self.to_dict(), indent=2) + "\n")
        except OSError as exc:
            warn(f"could not save settings to {path}: {exc}")


SETTING_NAMES = tuple(f.name for f in fields(Settings) if f.name != "folder")
