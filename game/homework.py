"""Homework from school: a lesson's levels, carried home as a small file or a short code.

The teacher saves a lesson as homework (game/scenes/homework_out.py); a parent opens it at
home behind the parental gate (game/scenes/homework_in.py) and the child finds those levels
first. Nothing is sent anywhere: the file is copied (a USB stick, the school's portal, an
e-mail the parent sends themselves) and the code is copied by hand.

**The file** (``<title>.techniekwerf-huiswerk``) is JSON holding only the level ids, the
lesson's title and the class name::

    {"format": "techniekwerf-homework", "version": 1,
     "title": "Stroom in de stad", "class": "Groep 6b",
     "levels": ["city-01-first-light", "city-02-a-long-wire"]}

**The code** holds only the level ids: a version letter, three letters or digits per level
and a check character, in groups of four (``1K7M-Q3ZA-...``). Each level is a 15-bit hash
of its id, so a code stays the same when levels are added to the game; a level this game
does not have is told as such. The alphabet is Crockford's base 32 (no I, L, O or U: an O
typed reads as 0, an I or L as 1), and the check character is Luhn's mod 32, which catches
every single mistyped character and nearly every swap of two neighbours.

Pure logic, no pygame. Bad input raises :class:`HomeworkError`, whose ``reason`` is one of
:data:`REASONS` (each one line for the parent, see :data:`MESSAGES`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FORMAT = "techniekwerf-homework"
VERSION = 1
SUFFIX = ".techniekwerf-huiswerk"
#: the family's current homework, in the data folder (the same JSON as a homework file)
HOME_FILE = "homework.json"
#: a homework file is a few hundred bytes; anything much bigger is not one
MAX_BYTES = 16 * 1024
MAX_LEVELS = 12  # a lesson's worth (a code of twelve levels is ten groups of four)
MAX_TITLE = 40  # as a lesson's title (game/scenes/lessons.py)
MAX_CLASS = 40
MAX_LEVEL_ID = 80

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
CODE_VERSION = 1
CHARS_PER_LEVEL = 3
GROUP = 4


def N_(message: str) -> str:
    """Mark a msgid for extraction; translated where it is shown."""
    return message


#: why a file or code was refused -> the one line a parent reads (msgids)
MESSAGES: dict[str, str] = {
    "missing": N_("That file is not there any more."),
    "too_big": N_("That file is too big to be homework from Techniekwerf."),
    "broken": N_("That file is damaged: it could not be read as homework."),
    "foreign": N_("That file is not homework from Techniekwerf."),
    "version": N_("That homework was made by a newer version of the game. Update the game "
                  "first."),
    "empty": N_("That homework has no levels in it."),
    "unknown": N_("That homework has levels this game does not know. Update the game first."),
    "code_short": N_("That code is too short. Type every letter and digit of it."),
    "code_typo": N_("That code has a typing mistake. Check each letter and digit."),
    "code_version": N_("That code was made by a newer version of the game. Update the game "
                       "first."),
}
REASONS = tuple(MESSAGES)


class HomeworkError(ValueError):
    """A homework file or code that cannot be used; ``reason`` says why (:data:`REASONS`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class Homework:
    """A lesson's levels, its title and the class (both empty when it came as a code)."""

    level_ids: tuple[str, ...]
    title: str = ""
    class_name: str = ""


# --- the file ----------------------------------------------------------------------------------
def to_json(hw: Homework) -> str:
    """The file's text: only the level ids, the title and the class name."""
    data = {"format": FORMAT, "version": VERSION, "title": hw.title, "class": hw.class_name,
            "levels": list(hw.level_ids)}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _text(raw: object, limit: int) -> str:
    """A title or class name: text on one line, without control characters, cut to size."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise HomeworkError("broken", "a name is not text")
    text = " ".join("".join(c for c in raw if c.isprintable() or c.isspace()).split())
    return text[:limit]


def from_json(text: str, known: Iterable[str] | None = None) -> Homework:
    """The homework in a file's text; with ``known`` (this game's level ids) every level must
    be one of them."""
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise HomeworkError("broken", str(exc)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise HomeworkError("foreign")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HomeworkError("broken", "no version")
    if version > VERSION:
        raise HomeworkError("version", str(version))
    levels = raw.get("levels")
    if not isinstance(levels, list) or not all(isinstance(x, str) for x in levels):
        raise HomeworkError("broken", "levels is not a list of ids")
    if not levels:
        raise HomeworkError("empty")
    if len(levels) > MAX_LEVELS or any(not x or len(x) > MAX_LEVEL_ID for x in levels):
        raise HomeworkError("broken", "too many or odd level ids")
    ids = tuple(dict.fromkeys(levels))  # each once, in the teacher's order
    hw = Homework(ids, _text(raw.get("title"), MAX_TITLE), _text(raw.get("class"), MAX_CLASS))
    return check_levels(hw, known)


def check_levels(hw: Homework, known: Iterable[str] | None) -> Homework:
    if known is not None:
        have = set(known)
        if any(level_id not in have for level_id in hw.level_ids):
            raise HomeworkError("unknown", ", ".join(x for x in hw.level_ids if x not in have))
    return hw


def read_file(path: str | os.PathLike[str], known: Iterable[str] | None = None) -> Homework:
    """The homework in the file at ``path`` (read as hostile input: at most
    :data:`MAX_BYTES`, UTF-8 with or without a BOM)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise HomeworkError("missing", str(path)) from None
    except OSError as exc:
        raise HomeworkError("broken", str(exc)) from None
    if len(data) > MAX_BYTES:
        raise HomeworkError("too_big")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HomeworkError("broken", "not UTF-8") from None
    return from_json(text, known)


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def file_name(title: str) -> str:
    """``<title>.techniekwerf-huiswerk``, with the characters no file system takes left out."""
    stem = _UNSAFE.sub(" ", title).strip(" .") or "huiswerk"
    return " ".join(stem.split())[:MAX_TITLE] + SUFFIX


# --- the code ----------------------------------------------------------------------------------
def level_hash(level_id: str) -> int:
    """A level's 15-bit number in a code (the same in every version of the game)."""
    digest = hashlib.blake2s(level_id.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % (1 << (5 * CHARS_PER_LEVEL))


def _luhn(values: list[int]) -> int:
    """Luhn's mod-32 check value for ``values`` (the check character is appended to them)."""
    total, factor = 0, 2
    for v in reversed(values):
        added = factor * v
        total += added // 32 + added % 32
        factor = 3 - factor
    return (32 - total % 32) % 32


def _luhn_ok(values: list[int]) -> bool:
    total, factor = 0, 1
    for v in reversed(values):
        added = factor * v
        total += added // 32 + added % 32
        factor = 3 - factor
    return total % 32 == 0


def to_code(level_ids: Iterable[str]) -> str:
    """The short code for ``level_ids`` (at most :data:`MAX_LEVELS`), in groups of four."""
    ids = list(dict.fromkeys(level_ids))
    if not ids or len(ids) > MAX_LEVELS:
        raise ValueError(f"a code holds 1 to {MAX_LEVELS} levels, not {len(ids)}")
    values = [CODE_VERSION]
    for level_id in ids:
        h = level_hash(level_id)
        values += [(h >> (5 * k)) & 31 for k in reversed(range(CHARS_PER_LEVEL))]
    values.append(_luhn(values))
    chars = "".join(ALPHABET[v] for v in values)
    return "-".join(chars[i:i + GROUP] for i in range(0, len(chars), GROUP))


def code_chars(typed: str) -> str:
    """What a parent typed, as the code's characters: spaces and dashes left out, upper case."""
    return "".join(c for c in typed.upper() if c not in " -\t\n")


def from_code(typed: str, known: Iterable[str]) -> Homework:
    """The homework a code stands for, among this game's level ids ``known``."""
    chars = code_chars(typed)
    if any(c not in _VALUE for c in chars):
        raise HomeworkError("code_typo", "a character that is not in a code")
    values = [_VALUE[c] for c in chars]
    if len(values) < 2 + CHARS_PER_LEVEL or (len(values) - 2) % CHARS_PER_LEVEL:
        raise HomeworkError("code_short", str(len(values)))
    if not _luhn_ok(values):
        raise HomeworkError("code_typo", "the check character does not match")
    if values[0] != CODE_VERSION:
        raise HomeworkError("code_version", str(values[0]))
    body = values[1:-1]
    if len(body) // CHARS_PER_LEVEL > MAX_LEVELS:
        raise HomeworkError("code_typo", "too long")
    by_hash: dict[int, str] = {}
    for level_id in known:
        by_hash.setdefault(level_hash(level_id), level_id)
    ids = []
    for i in range(0, len(body), CHARS_PER_LEVEL):
        h = 0
        for v in body[i:i + CHARS_PER_LEVEL]:
            h = h * 32 + v
        if h not in by_hash:
            raise HomeworkError("unknown", f"level number {h}")
        ids.append(by_hash[h])
    return Homework(tuple(dict.fromkeys(ids)))


# --- the family's homework (at home) -------------------------------------------------------------
def load(folder: Path, known: Iterable[str] | None = None) -> Homework | None:
    """The homework the parent opened last (None: none, or no longer usable)."""
    path = Path(folder) / HOME_FILE
    if not path.exists():
        return None
    try:
        hw = read_file(path)
    except HomeworkError:
        return None
    if known is not None:  # a level that left the game is left out; nothing left: none
        have = set(known)
        ids = tuple(x for x in hw.level_ids if x in have)
        if not ids:
            return None
        hw = Homework(ids, hw.title, hw.class_name)
    return hw


def save(folder: Path, hw: Homework) -> None:
    """Keep ``hw`` as the family's homework (raises OSError when it cannot be written)."""
    from game.settings import write_atomic

    write_atomic(Path(folder) / HOME_FILE, to_json(hw))


def remove(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / HOME_FILE).unlink()


def of_family(ctx) -> Homework | None:
    """The family's homework on this PC (None: none), with only the levels this game has."""
    from game.settings import data_dir

    if ctx.levels is None:
        return None
    return load(data_dir(ctx.settings.folder), [lv.id for lv in ctx.levels])


def all_done(store, homework: Homework) -> bool:
    """Whether the child playing (``store``: their progress) solved every homework level."""
    return all(store.is_completed(level_id) for level_id in homework.level_ids)


def find_files(folders: Iterable[Path], limit: int = 8) -> list[Path]:
    """Homework files in ``folders`` (not in their subfolders), newest first."""
    found: dict[Path, float] = {}
    for folder in folders:
        try:
            for path in Path(folder).glob("*" + SUFFIX):
                with contextlib.suppress(OSError):
                    if path.is_file():
                        found[path.resolve()] = path.stat().st_mtime
        except OSError:
            continue
    return sorted(found, key=lambda p: (-found[p], p.name))[:limit]
