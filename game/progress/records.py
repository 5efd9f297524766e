"""What the school store keeps, as plain typed records (no database types leak out).

Ids are UUID strings, made on the PC where a record is born, so logs from several PCs merge
without clashes. Nothing about a child is kept beyond a nickname and a drawn avatar.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class ClassGroup:
    id: str
    name: str  # e.g. "groep 5b"
    created: datetime


@dataclass(frozen=True)
class Pupil:
    id: str
    class_id: str
    name: str  # a nickname or first name, nothing more
    avatar: str  # the name of a drawn avatar in assets/avatars (without .svg)


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    level_ids: tuple[str, ...]  # in the order pupils play them
    free_play: bool = False  # after the lesson's levels, all levels are open
    created: datetime = field(default_factory=now)


class Outcome(str, Enum):
    BUSY = "busy"  # still playing, or the PC was switched off mid-level
    SOLVED = "solved"
    GAVE_UP = "gave_up"  # left the level without solving it


@dataclass(frozen=True)
class BuildPiece:
    """One part of a pupil's final build, enough to put the board back and replay it."""

    kind: str
    at: tuple[int, int]
    rotation: int = 0
    on: bool = True
    broken: bool = False
    placed: bool = True  # placed by the pupil (False: a part of the level itself)


@dataclass(frozen=True)
class Attempt:
    """One go at one level by one pupil (or by the guest profile, pupil_id None)."""

    id: str
    pupil_id: str | None
    level_id: str
    lesson_id: str | None
    started: datetime
    ended: datetime | None = None
    outcome: Outcome = Outcome.BUSY
    stars: int = 0
    parts_used: int = 0
    tests_run: int = 0
    failed_tests: int = 0
    hints_used: int = 0
    resets: int = 0
    answer: str | None = None  # explore levels: the answer given
    build: tuple[BuildPiece, ...] = ()
    device: str = ""  # which PC logged it (a random id per installation)


class CellStatus(str, Enum):
    """A pupil's state on one level, as the dashboard shows it (with a colour AND a symbol)."""

    NOT_STARTED = "not_started"
    TRIED = "tried"
    SOLVED = "solved"
    NEEDS_HELP = "needs_help"  # several failed tests and no success


@dataclass(frozen=True)
class ProgressCell:
    pupil_id: str
    level_id: str
    status: CellStatus
    best_stars: int = 0
    attempts: int = 0
    failed_tests: int = 0
    seconds: float = 0.0  # time on task over all attempts
    last_activity: datetime | None = None


@dataclass(frozen=True)
class Dashboard:
    """The class at a glance: pupils x levels."""

    class_id: str
    pupils: tuple[Pupil, ...]
    level_ids: tuple[str, ...]
    cells: dict[tuple[str, str], ProgressCell]  # (pupil_id, level_id) -> cell

    def cell(self, pupil_id: str, level_id: str) -> ProgressCell:
        return self.cells.get((pupil_id, level_id),
                              ProgressCell(pupil_id, level_id, CellStatus.NOT_STARTED))


NEEDS_HELP_AFTER = 3  # failed tests without a success before a pupil is flagged


# --- one set of rules for what the store accepts, whichever way a record comes in -------------
# (the teacher screens, the command line and merged logs all pass through these, so SQLite and
# PostgreSQL never see a value one of them would refuse)

MAX_CLASS_NAME = 100
MAX_PUPIL_NAME = 60
MAX_AVATAR = 60
MAX_LESSON_TITLE = 200
MAX_LEVEL_ID = 100
MAX_DEVICE = 64
MAX_STARS = 3  # a level gives 0..3 stars
MAX_COUNT = 1_000_000  # tests, hints, resets, parts: far above any real go, inside 32 bits
MAX_ANSWER = 1_000
MAX_BUILD = 200_000  # characters of a build as JSON: a full board is a few thousand


class StoreError(Exception):
    """The store cannot be opened or used; the message is one line a teacher can act on."""


class InvalidRecord(ValueError):
    """A value the store refuses; the message is one short line that names the field."""


class DuplicateName(InvalidRecord):
    """A second class with the same name, or a second pupil in a class with the same name and
    avatar: they could not be told apart (at login, in exports, on the command line)."""


def _no_control(text: str, what: str) -> str:
    if "\x00" in text:
        raise InvalidRecord(f"{what} holds a NUL character")
    return text


def clean_name(value: object, what: str, limit: int) -> str:
    """A name as the store keeps it: Unicode NFC, control characters and runs of spaces made
    one space, not blank, at most ``limit`` characters. ``what`` names it in the error."""
    if not isinstance(value, str):
        raise InvalidRecord(f"{what} is not text")
    text = unicodedata.normalize("NFC", value)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in
                   "\u200c\u200d" else ch for ch in text)
    text = " ".join(text.split())
    if not text:
        raise InvalidRecord(f"{what} is blank")
    if len(text) > limit:
        raise InvalidRecord(f"{what} is too long ({len(text)} characters, at most {limit})")
    return text


def name_key(name: str) -> str:
    """Two names that are the same to a reader: same letters after normalising, any case."""
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def check_id(value: object, what: str = "id") -> str:
    """A UUID, written the one way the store writes it."""
    if not isinstance(value, str):
        raise InvalidRecord(f"{what} is not a UUID")
    if _CANONICAL_ID.fullmatch(value):  # as every PC writes them: no parsing needed
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise InvalidRecord(f"{what} {value[:40]!r} is not a UUID") from None


def check_date(value: object, what: str) -> datetime:
    """An ISO date and time (a datetime is taken as is); naive means UTC. Returned in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidRecord(f"{what} {value[:40]!r} is not a date and time") from None
    if not isinstance(value, datetime):
        raise InvalidRecord(f"{what} is not a date and time")
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise InvalidRecord(f"{what} is out of range") from None


def check_int(value: object, what: str, low: int = 0, high: int = MAX_COUNT) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRecord(f"{what} is not a whole number")
    if not low <= value <= high:
        raise InvalidRecord(f"{what} is {value}, not between {low} and {high}")
    return value


def check_seconds(value: object, what: str = "seconds") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidRecord(f"{what} is not a number")
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise InvalidRecord(f"{what} is {value}, not a number of seconds of 0 or more")
    return value


def check_text(value: object, what: str, limit: int, blank: bool = True) -> str:
    """A plain text field (a level id, a device id, an answer): text, no NUL, not too long."""
    if not isinstance(value, str):
        raise InvalidRecord(f"{what} is not text")
    if not blank and not value.strip():
        raise InvalidRecord(f"{what} is blank")
    if len(value) > limit:
        raise InvalidRecord(f"{what} is too long ({len(value)} characters, at most {limit})")
    return _no_control(value, what)


# --- sorting names as a reader expects ---------------------------------------------------------

#: Letters that Unicode does not split into a base letter and a mark, with the letter they sort
#: with (Latin), or the letter they follow in the alphabet (Ukrainian: ґ after г, є after е,
#: і and ї after и, before й).
_LATIN_BASE = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t",
               "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
_AFTER = {"ґ": ("г", 1), "є": ("е", 1), "і": ("и", 1), "ї": ("и", 2)}


def _weights(text: str) -> tuple[int, ...]:
    out: list[int] = []
    for ch in text.casefold():
        if ch in _AFTER:
            base, step = _AFTER[ch]
            out.append(ord(base) * 4 + step)
            continue
        if ch in _LATIN_BASE:
            out.extend(ord(c) * 4 for c in _LATIN_BASE[ch])
            continue
        parts = unicodedata.normalize("NFKD", ch)
        if parts[0].isascii() and len(parts) > 1:  # a Latin letter with marks: the letter
            ch = parts[0]
        elif ch in "йё":  # Cyrillic letters of their own (NFKD would make them и, е)
            out.append(ord(ch) * 4)
            continue
        else:
            ch = "".join(c for c in parts if not unicodedata.combining(c)) or ch
        out.extend(ord(c) * 4 for c in ch)
    return tuple(out)


def name_sort_key(name: str) -> tuple:
    """Sort names as a reader does, without system locales: first by their letters (accents
    and case aside: "Ömer" before "Zoë", "émile" with "Emma"), then accents and case decide,
    then the exact text, so the order is the same on every PC."""
    return (_weights(name), unicodedata.normalize("NFD", name).casefold(), name)


# --- what a merge did with one file ----------------------------------------------------------

#: Why records of a log were left out, as read after "left out N records ...".
OF_DELETED = "of pupils or classes deleted (here or on the other PC)"
OF_DOUBLE_CLASS = "of a class whose name another class here has"
OF_DOUBLE_PUPIL = "of a pupil whose name and avatar another pupil of the class has here"
OF_UNKNOWN = "of pupils or classes that are neither here nor in the log"


@dataclass
class MergeReport:
    """One log file's merge: all of it or none of it (``refused``), and what was left out."""

    path: Path
    added: int = 0  # records new here, or newer than here
    refused: str | None = None  # the whole file was refused (nothing merged): why
    deleted_pupils: int = 0  # deleted here, because the log says they were deleted there
    deleted_classes: int = 0
    left_out: dict[str, int] = field(default_factory=dict)  # why -> how many records
    examples: dict[str, str] = field(default_factory=dict)  # why -> e.g. a name
    #: made by an older game, without an end line: it could not be checked to be complete
    unchecked: bool = False
    #: refused because it comes from another school: merged only when the teacher says so
    other_school: bool = False
    #: stopped part way (``refused`` says why) after ``added`` records were committed:
    #: merging the file again finishes it
    stopped: bool = False

    def leave_out(self, why: str, example: str = "", count: int = 1) -> None:
        self.left_out[why] = self.left_out.get(why, 0) + count
        if example and why not in self.examples:
            self.examples[why] = example

    def line(self, name: str | None = None) -> str:
        """One line for the teacher: merged N records / already merged / refused: why.
        ``name`` is how the file is called in it (default: its file name)."""
        name = self.path.name if name is None else name
        if self.refused is not None and self.stopped:
            return (f"{name}: stopped after {_count(self.added, 'record')}: {self.refused}; "
                    "merge it again to finish")
        if self.refused is not None:
            return f"{name}: refused: {self.refused}; nothing from this file was merged"
        old = ("; made by an older version of the game, so it could not be checked to be "
               "complete" if self.unchecked else "")
        dropped = sum(self.left_out.values())
        if self.added == 0 and not dropped and not (self.deleted_pupils or self.deleted_classes):
            return f"{name}: already merged{old}"
        parts = [f"merged {_count(self.added, 'record')}"]
        if self.deleted_pupils or self.deleted_classes:
            gone = [_count(n, w) for n, w in ((self.deleted_classes, "class"),
                                              (self.deleted_pupils, "pupil")) if n]
            parts.append(f"deleted here as on the other PC: {' and '.join(gone)}"
                         " with their attempts")
        for why, n in self.left_out.items():
            example = f" ({self.examples[why]})" if why in self.examples else ""
            parts.append(f"left out {_count(n, 'record')} {why}{example}")
        return f"{name}: " + "; ".join(parts) + old


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}es" if noun.endswith("s") else f"{n} {noun}s"
