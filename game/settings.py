"""The player's settings, kept as a small JSON file in the user's data folder.

A damaged or hand-edited file must never stop a child from playing, and must never be lost:
a file that cannot be read is kept beside as a copy (``settings.broken-<when>.json``), the
game starts with the usual settings, and the teacher is told in one line (:class:`FileNotes`,
shown in the teacher area and on stderr). A bad value costs that value only; a setting this
version does not know (one of a newer version) is kept as it is. What the command line chose
(``--lang``, ``--fullscreen``) lasts for that run only.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import math
import os
import shutil
import sys
import tempfile
import time
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


def N_(message: str) -> str:
    """Mark a text for the catalogue; it is translated when the teacher is told."""
    return message


# --- what the teacher is told about the files ------------------------------------------------
# TRANSLATORS: {file} is the full name of the settings file, {copy} the name of the copy kept
SETTINGS_SET_ASIDE = N_("The settings file {file} was damaged. A copy was kept as {copy}; the "
                        "game started with the usual settings.")
# TRANSLATORS: {file} is the full name of the settings file
SETTINGS_NO_COPY = N_("The settings file {file} was damaged and no copy could be kept; the game "
                      "started with the usual settings.")
# TRANSLATORS: {file} is the settings file, {names} the settings left out, {copy} the copy kept
SETTINGS_VALUES = N_("The settings file {file} had values this game cannot use ({names}); they "
                     "were left out. A copy was kept as {copy}.")
# TRANSLATORS: {file} is the settings file, {names} the names of the settings left out
SETTINGS_VALUES_NO_COPY = N_("The settings file {file} had values this game cannot use ({names}); "
                             "they were left out.")
# TRANSLATORS: {file} is a file of the game, {reason} what the computer said (often in English)
UNREADABLE = N_("{file} could not be read ({reason}). Ask the IT coordinator.")
# TRANSLATORS: {file} is a file of the game, {folder} the folder it is in
SAVE_READ_ONLY = N_("{file} could not be saved: the folder {folder} is read-only. Ask the IT "
                    "coordinator to make it writable.")
# TRANSLATORS: {file} is a file of the game
SAVE_DISK_FULL = N_("{file} could not be saved: the disk is full. Free some space, or ask the "
                    "IT coordinator.")
# TRANSLATORS: {file} is a file of the game, {reason} what the computer said (often in English)
SAVE_FAILED = N_("{file} could not be saved ({reason}). Ask the IT coordinator.")

_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class FileNotes:
    """Where the settings and the guest's progress file say what they set aside or could not
    save. A running game attaches the teacher's notices (:mod:`game.notices`): each note is
    translated then and shown in the teacher area (and echoed on stderr). Until then a game
    holds the notes (``hold``: the language is not known before the settings are read); a tool
    without notices gets one English line on stderr at once."""

    def __init__(self, hold: bool = False) -> None:
        self._pending: list[tuple[str, str, dict]] | None = [] if hold else None
        self._notices = None
        self._gettext: Callable[[], Callable[[str], str]] | None = None

    def tell(self, key: str, msgid: str, **params) -> None:
        if self._notices is not None:
            text = self._text(msgid, params)
            if not any(n.key == key and n.text == " ".join(text.split()) for n in self._notices):
                self._notices.tell(key, text)  # the same note again (every save) is one line
        elif self._pending is not None:
            self._pending = [p for p in self._pending if p[0] != key] + [(key, msgid, params)]
        else:
            warn(msgid.format(**params))

    def clear(self, key: str) -> None:
        if self._notices is not None:
            self._notices.clear(key)
        elif self._pending is not None:
            self._pending = [p for p in self._pending if p[0] != key]

    def attach(self, notices, gettext: Callable[[], Callable[[str], str]]) -> None:
        """From now on tell ``notices``, translated with ``gettext()`` (the game's language at
        that moment); the notes held so far are told now."""
        self._notices, self._gettext = notices, gettext
        for key, msgid, params in self._pending or ():
            notices.tell(key, self._text(msgid, params))
        self._pending = None

    def _text(self, msgid: str, params: dict) -> str:
        try:
            return (self._gettext or (lambda: str))()(msgid).format(**params)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return msgid.format(**params)


def save_problem(notes: FileNotes, key: str, path: Path, exc: OSError) -> None:
    """A file could not be written: one note naming the file and what to do."""
    code = getattr(exc, "errno", None)
    if code in _READ_ONLY:
        notes.tell(key, SAVE_READ_ONLY, file=str(path), folder=str(path.parent))
    elif code in _DISK_FULL:
        notes.tell(key, SAVE_DISK_FULL, file=str(path))
    else:
        notes.tell(key, SAVE_FAILED, file=str(path), reason=_reason(exc))


def _reason(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "strerror", None) or exc.__class__.__name__).split())


# --- reading a file from outside ---------------------------------------------------------------
#: Deeper than this no file of the game goes (the settings: 3 levels, progress: 3).
MAX_DEPTH = 16
SETTINGS_MAX_BYTES = 1 << 20  # a real settings file is under 2 KB


class DamagedFile(ValueError):
    """A file that is there but does not hold what the game wrote: set it aside."""


def _not_a_number(name: str) -> float:
    """NaN and Infinity (not JSON, but Python writes them) read as NaN: every check of a number
    refuses it, so it costs that value only."""
    return math.nan


def read_json(path: Path, limit: int) -> object:
    """The JSON value in ``path``, read as hostile input: at most ``limit`` bytes, UTF-8 with or
    without a BOM (Notepad) or UTF-16 with a BOM (Notepad's "Unicode"), NaN or Infinity as
    NaN, at most :data:`MAX_DEPTH` deep. Raises :class:`DamagedFile`, or ``OSError`` (no such file,
    or the file cannot be read at all)."""
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise DamagedFile("too big")
    try:
        if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
            text = data.decode("utf-32")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DamagedFile("not UTF-8 text") from None
    try:
        raw = json.loads(text, parse_constant=_not_a_number)
    except (ValueError, RecursionError, MemoryError) as exc:  # deep nesting: RecursionError
        raise DamagedFile(exc.__class__.__name__) from None
    if _too_deep(raw, MAX_DEPTH):
        raise DamagedFile("nested too deeply")
    return raw


def _too_deep(value: object, limit: int) -> bool:
    todo = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            todo.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return False


def _plain_json(value: object) -> bool:
    """True for a value that can be written back as strict JSON (no NaN)."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        return False
    return True


def keep_copy(path: Path) -> Path | None:
    """Keep ``path`` beside itself as ``<stem>.broken-<date-time>[-n]<suffix>``, readable by
    this PC user only (like the file: a child's progress). An earlier copy is never replaced;
    a copy with the same content kept before (another start, a teacher command) is named
    instead of making another. None: no copy could be made."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    pattern = f"{glob.escape(path.stem)}.broken-*{glob.escape(path.suffix)}"
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        import filecmp

        for old in sorted(path.parent.glob(pattern)):
            if old.stat().st_size == size and filecmp.cmp(old, path, shallow=False):
                return old
    for n in range(1, 1000):
        copy = path.with_name(f"{path.stem}.broken-{stamp}{'' if n == 1 else f'-{n}'}{path.suffix}")
        try:
            fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return None
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(copy)
            return None
        return copy
    return None


#: Languages the game speaks, in the order the settings offer them (codes of ``locale/``).
LANGUAGES = ("nl", "en", "tr", "pl", "uk", "ar")
#: Text size steps: the factor every text size is multiplied by (index = ``text_size``).
TEXT_SCALES = (1.0, 1.2, 1.4)
#: Reading fonts a child may pick (keys of ``game.ui.fonts`` font families).
READING_FONTS = ("andika", "opendyslexic")
#: What a pupil's own profile remembers (the rest belongs to the PC: screen, school server).
PERSONAL = ("language", "muted", "effects_volume", "voice_volume", "music_volume", "auto_read",
            "text_size", "reading_font", "reduce_motion", "keys")


def _number(value) -> float | None:
    """A finite JSON number (not a truth value), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer with hundreds of digits
        return None
    return number if math.isfinite(number) else None


def _volume(value) -> float | None:
    number = _number(value)
    return number if number is not None and 0.0 <= number <= 1.0 else None


#: More remapped keys than this is not a player's choice but a damaged file.
MAX_KEY_INTENTS, MAX_KEYS_EACH, MAX_KEY_NAME = 64, 8, 40


def _keys(value) -> dict[str, list[str]] | None:
    """Remapped keys: intent name -> key names (``pygame.key.name``), checked by the input map."""
    if isinstance(value, dict) and len(value) <= MAX_KEY_INTENTS and all(
            isinstance(k, str) and len(k) <= MAX_KEY_NAME and isinstance(v, list)
            and len(v) <= MAX_KEYS_EACH
            and all(isinstance(n, str) and len(n) <= MAX_KEY_NAME for n in v)
            for k, v in value.items()):
        return {k: list(v) for k, v in value.items()}
    return None


def _choice(options):
    return lambda value: value if isinstance(value, str) and value in options else None


def _flag(value) -> bool | None:
    return value if isinstance(value, bool) else None


def _text_size(value) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(TEXT_SCALES)
    return value if ok else None


#: A school server's address is one line of at most this many characters.
MAX_URL = 2000


def _db_url(value) -> str | None:
    ok = (isinstance(value, str) and "://" in value and len(value) <= MAX_URL
          and value.isprintable())
    return value if ok else None


#: How each saved value is checked: a function giving the clean value, or None when bad.
#: (db_url may be None legitimately, so it is checked on its own in ``apply``.)
VALIDATORS = {
    "language": _choice(LANGUAGES), "muted": _flag, "fullscreen": _flag,
    "effects_volume": _volume, "voice_volume": _volume, "music_volume": _volume,
    "auto_read": _flag, "text_size": _text_size, "reading_font": _choice(READING_FONTS),
    "reduce_motion": _flag, "keys": _keys,
}
#: Fields of :class:`Settings` that are not saved values.
_INTERNAL = ("folder", "pupil_saver", "pc_personal", "extra", "notes", "run_only", "_own",
             "_unkept")


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
    # "school" or "home": the answer to the first start's question (game.home); None: not
    # asked yet. A PC with classes in its store is at school whatever this says.
    place: str | None = None
    folder: Path | None = None  # where the file is saved; None: not saved (tests, tools)
    # While a pupil plays: where their personal values go (their profile in the school store),
    # and the PC's own personal values, which the file keeps and which come back afterwards.
    pupil_saver: Callable[[dict], None] | None = field(default=None, repr=False, compare=False)
    pc_personal: dict | None = field(default=None, repr=False, compare=False)
    # Values in the file this version does not know (a newer version's settings): kept on save.
    extra: dict = field(default_factory=dict, repr=False, compare=False)
    # Where problems with the file are told (the teacher's notices once the game runs).
    notes: FileNotes = field(default_factory=FileNotes, repr=False, compare=False)
    # Command-line choices for this run only: name -> (the run's value, the value it hides).
    run_only: dict = field(default_factory=dict, repr=False, compare=False)
    _own: frozenset = field(default=frozenset(), repr=False, compare=False)  # the pupil's names
    _unkept: Path | None = field(default=None, repr=False, compare=False)  # damaged, no copy yet

    @property
    def path(self) -> Path | None:
        return self.folder / SETTINGS_FILE if self.folder else None

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[self.text_size]

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None,
             notes: FileNotes | None = None) -> Settings:
        """Read the settings from ``data_dir(folder)``; defaults for anything missing or bad.

        A damaged file is kept beside as a copy and ``notes`` is told (default: one line on
        stderr); the game always gets settings it can use.
        """
        where = data_dir(folder)
        settings = cls(folder=where, notes=notes or FileNotes())
        path = where / SETTINGS_FILE
        try:
            raw = read_json(path, SETTINGS_MAX_BYTES)
        except FileNotFoundError:
            return settings
        except DamagedFile:
            settings._set_aside(path)
            return settings
        except OSError as exc:  # there, but not readable (permissions, a folder by that name)
            settings.notes.tell("settings-file", UNREADABLE, file=str(path), reason=_reason(exc))
            settings._unkept = path  # a save must not replace what nobody could read
            return settings
        if not isinstance(raw, dict):
            settings._set_aside(path)
            return settings
        bad = settings.apply(raw)
        settings.extra = {k: v for k, v in raw.items()
                          if k not in SETTING_NAMES and _plain_json(v)}
        if bad:
            copy = keep_copy(path)
            names = ", ".join(bad)
            if copy is None:
                settings._unkept = path
                settings.notes.tell("settings-file", SETTINGS_VALUES_NO_COPY, file=str(path),
                                    names=names)
            else:
                settings.notes.tell("settings-file", SETTINGS_VALUES, file=str(path),
                                    names=names, copy=copy.name)
        return settings

    def _set_aside(self, path: Path) -> None:
        copy = keep_copy(path)
        if copy is None:
            self._unkept = path  # a save tries again before it writes over the file
            self.notes.tell("settings-file", SETTINGS_NO_COPY, file=str(path))
        else:
            self.notes.tell("settings-file", SETTINGS_SET_ASIDE, file=str(path), copy=copy.name)

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
            if url is None or url == "":
                self.db_url = None
            elif _db_url(url) is not None:
                self.db_url = url
            else:
                bad.append("db_url")
        if "place" in raw and (names is None or "place" in names):
            where = raw["place"]
            if where is None or where in ("school", "home"):
                self.place = where
            else:
                bad.append("place")
        return bad

    def for_this_run(self, name: str, value) -> None:
        """A choice from the command line (``--lang``, ``--fullscreen``): in force now, but a
        save keeps the value it hides, unless the player changes this setting themselves."""
        hidden = self.run_only[name][1] if name in self.run_only else getattr(self, name)
        self.run_only[name] = (value, hidden)
        setattr(self, name, value)

    def _keep_run_only_out(self, data: dict, own=frozenset()) -> dict:
        """``data`` as it should be saved: a command-line value still in force is replaced by
        the value it hides (except a pupil's own saved value, in ``own``); a value the player
        changed since is theirs and ends the command line's choice."""
        for name, (run_value, hidden) in list(self.run_only.items()):
            if name not in data or name in own:
                continue
            if data[name] == run_value:
                data[name] = hidden
            elif self.pupil_saver is None:
                del self.run_only[name]  # the player chose another value: from now on it is saved
        return data

    def personal(self) -> dict:
        """The values a pupil's profile keeps (see PERSONAL), ready for JSON."""
        data = self.to_dict()
        return {name: data[name] for name in PERSONAL}

    def to_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _INTERNAL}
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
        saved = saved or {}
        bad = self.apply(saved, PERSONAL)
        self._own = frozenset(n for n in PERSONAL if n in saved and n not in bad)
        return bad

    def use_pc(self) -> None:
        """Back to this PC's own settings (a pupil logged out, the guest or the teacher)."""
        if self.pc_personal is not None:
            self.apply(self.pc_personal, PERSONAL)
        self.pc_personal = None
        self.pupil_saver = None
        self._own = frozenset()

    def save(self) -> None:
        """Keep the settings: a pupil's personal values in their profile, the rest (and the
        PC's own personal values) in this PC's file. A read-only disk or a school server that
        went away costs a note for the teacher, not the game; the file on disk stays whole."""
        data = self.to_dict()
        if self.pupil_saver is not None:
            try:
                self.pupil_saver(self._keep_run_only_out(self.personal(), self._own))
            except Exception as exc:  # noqa: BLE001 - a lost server must not stop the child
                warn(f"could not save the pupil's settings: {exc}")
            data.update(self.pc_personal or {})
        path = self.path
        if path is None:
            return
        data = {**self.extra, **self._keep_run_only_out(data)}
        if self._unkept is not None:  # a damaged file nobody could copy yet: never write over it
            if path.exists() and keep_copy(path) is None:
                return
            self._unkept = None
        try:
            write_atomic(path, json.dumps(data, indent=2) + "\n")
        except OSError as exc:
            save_problem(self.notes, "settings-save", path, exc)
        else:
            self.notes.clear("settings-save")


SETTING_NAMES = tuple(f.name for f in fields(Settings) if f.name not in _INTERNAL)
