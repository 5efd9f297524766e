"""What the school store keeps, as plain typed records (no database types leak out).

Ids are UUID strings, made on the PC where a record is born, so logs from several PCs merge
without clashes. Nothing about a child is kept beyond a nickname and a drawn avatar.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
import uuid
from collections.abc import Callable
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
    #: the part's options as the pupil left them (a diverter's label), name and value pairs
    #: in name order; ``on`` is kept on its own, as builds stored before options were
    params: tuple[tuple[str, int | bool], ...] = ()


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
MAX_COUNT = 1_000_000  # tests, failed tests, resets: far above any real go, inside 32 bits
MAX_PARTS = 500  # parts on a board: the biggest board (16 x 10) has 160 cells
MAX_HINTS = 20  # hints opened: a level has at most 3
MAX_SECONDS = 24 * 3600  # time on task of one go, as kept: a day (the PC left on is not work)
MAX_SECONDS_READ = 366 * 24 * 3600  # a longer go is not from a real clock: refused
#: The whole numbers of an attempt and their ranges: a merged log's value outside is refused,
#: a value this PC saves is kept inside (so every log a PC writes merges elsewhere).
ATTEMPT_COUNTS: dict[str, tuple[int, int]] = {
    "stars": (0, MAX_STARS), "parts_used": (0, MAX_PARTS), "tests_run": (0, MAX_COUNT),
    "failed_tests": (0, MAX_COUNT), "hints_used": (0, MAX_HINTS), "resets": (0, MAX_COUNT),
}
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


#: Characters that in a name are only marks, wherever they stand: direction marks and
#: direction controls (a name copied from an Arabic or Hebrew web page or document carries
#: them: U+200E/200F/061C, U+202A-202E, U+2066-2069), the zero-width space, the word joiner
#: and invisible operators, the soft hyphen, the Mongolian vowel separator and a byte order
#: mark. They are dropped: the name reads the same without them, and a name is drawn in its
#: own direction anyway.
_NAME_MARKS = re.compile("[\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
                         "\u2060-\u2064\u00ad\u180e\ufeff]")
#: The joiners U+200C/U+200D join letters or the parts of an emoji inside a word; at the
#: start or end of a word they join nothing, and are dropped there.
_LOOSE_JOINERS = re.compile("(?<!\\S)[\u200c\u200d]+|[\u200c\u200d]+(?!\\S)")


def clean_name(value: object, what: str, limit: int) -> str:
    """A name as the store keeps it (a pupil's, a class's, a teacher's, a lesson's title),
    the one rule for every way a name comes in: the teacher screens, the command line and
    merged logs.

    Direction marks and zero-width characters are dropped (see ``_NAME_MARKS``), spaces at the
    ends are trimmed and runs of spaces made one, and the text is Unicode NFC. Refused, with
    one line that starts with ``what``: not text; blank; a control character (NUL, a tab or a
    line break inside the name), a lone surrogate or another character the text rule
    (:mod:`game.text_rules`) refuses; no letter or digit at all; more than ``limit``
    characters."""
    from game.text_rules import text_problem

    if not isinstance(value, str):
        raise InvalidRecord(f"{what} is not text")
    text = _LOOSE_JOINERS.sub("", _NAME_MARKS.sub("", value)).strip()
    if not text:
        raise InvalidRecord(f"{what} is blank")
    problem = text_problem(text)
    if problem is not None:
        raise InvalidRecord(f"{what} {problem}")
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise InvalidRecord(f"{what} {value[:40]!r} has no letter or digit")
    if len(text) > limit:
        raise InvalidRecord(f"{what} is too long ({len(text)} characters, at most {limit})")
    return text


# --- avatars: names from the game's own list, never a path ---------------------------------

#: The avatar names the game gave pupils before the drawings in ``assets/avatars`` came; a
#: pupil may still have one (drawn as a coloured disc with the initial), so they stay valid.
DEFAULT_AVATARS: tuple[str, ...] = (
    "heron", "cow", "duck", "rabbit", "cat", "dog", "fox", "owl", "frog", "hedgehog",
    "horse", "sheep", "goat", "pig", "mouse", "squirrel", "seal", "stork", "turtle", "bee",
    "butterfly", "snail", "fish", "bear", "deer", "goose", "ladybird", "lion", "penguin",
    "badger",
)


@functools.cache
def known_avatars() -> frozenset[str]:
    """Every avatar name the game knows: the drawn ones (``assets/avatars/*.svg``) and
    :data:`DEFAULT_AVATARS`. Read once, when first asked."""
    from game import PROJECT_ROOT

    folder = PROJECT_ROOT / "assets" / "avatars"
    drawn = {p.stem for p in folder.glob("*.svg")} if folder.is_dir() else set()
    return frozenset(drawn | set(DEFAULT_AVATARS))


def is_avatar(name: object) -> bool:
    """Whether ``name`` is exactly one of the game's avatar names (never a path)."""
    return isinstance(name, str) and name in known_avatars()


def check_avatar(value: object, what: str = "avatar") -> str:
    """An avatar as the store keeps it: one of :func:`known_avatars`, in lower case. Anything
    else (a path like ``../../evil``, an unknown name) is refused in one line."""
    if not isinstance(value, str):
        raise InvalidRecord(f"{what} is not text")
    name = value.strip().casefold()
    if name not in known_avatars():
        raise InvalidRecord(f"{what} {value[:40]!r} is not one of the game's avatars")
    return name


def name_key(name: str) -> str:
    """Two names that are the same to a reader: same letters after normalising, any case."""
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def lookup_key(text: str) -> str:
    """A name as typed to find one (``teacher pupils "groep 5b"``): the marks the store drops
    from names (:func:`clean_name`) dropped here too, then :func:`name_key`."""
    return name_key(_LOOSE_JOINERS.sub("", _NAME_MARKS.sub("", text)))


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
        text = value
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidRecord(f"{what} {text[:40]!r} is not a date and time") from None
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
    """Time on task of one go: a finite number of seconds, 0 or more. A value beyond
    :data:`MAX_SECONDS_READ` (``1e308``, ``Infinity``, NaN) is refused; one beyond a day
    (a go left open over a weekend, as older versions logged it) is kept as a day."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidRecord(f"{what} is not a number")
    try:
        value = float(value)
    except OverflowError:  # an int too big for a float
        raise InvalidRecord(f"{what} is out of range") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS_READ:
        raise InvalidRecord(f"{what} is {value}, not a number of seconds between 0 and "
                            f"{MAX_SECONDS_READ}")
    return min(value, MAX_SECONDS)


def count_check(field: str) -> Callable[[object, str], int]:  # a check of logfile.CHECKS
    """The check of an attempt's count ``field`` (:data:`ATTEMPT_COUNTS`) for a merged log:
    a whole number in its range (not a bool, not 1.5, not NaN), else one line."""
    low, high = ATTEMPT_COUNTS[field]
    return lambda value, what: check_int(value, what, low, high)


def kept_count(value: object, field: str) -> int:
    """A count this PC saves (an attempt's ``field`` of :data:`ATTEMPT_COUNTS`), kept inside
    its range, so what one PC logs is never refused by another."""
    low, high = ATTEMPT_COUNTS[field]
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return low
    return max(low, min(high, number))


def total_seconds(value: object) -> float:
    """A sum of times on task as read back from the store: a finite number of 0 or more (a
    store written before the ranges existed may hold anything)."""
    try:
        number = float(value or 0.0)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return number if math.isfinite(number) and number > 0 else 0.0


def kept_seconds(value: object) -> float:
    """Time on task this PC saves, kept between 0 and :data:`MAX_SECONDS`."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return max(0.0, min(float(MAX_SECONDS), number)) if math.isfinite(number) else 0.0


def check_text(value: object, what: str, limit: int, blank: bool = True) -> str:
    """A plain text field (a level id, a device id, an answer, a build or settings as JSON):
    text, not too long, and none of the characters :mod:`game.text_rules` refuses (a NUL, a
    control character, a lone surrogate, a direction override...; a line break is let
    through, as JSON may hold one)."""
    from game.text_rules import bad_character, text_problem

    if not isinstance(value, str):
        raise InvalidRecord(f"{what} is not text")
    if not blank and not value.strip():
        raise InvalidRecord(f"{what} is blank")
    if len(value) > limit:
        raise InvalidRecord(f"{what} is too long ({len(value)} characters, at most {limit})")
    _no_control(value, what)
    # printable ASCII holds none of the refused characters (all of them are control
    # characters or lie above ASCII): a build in a log is mostly that, and a long text is
    # checked many times faster so than by the rule's pattern
    if not (value.isascii() and value.isprintable()) and bad_character(
            value, newlines=True) is not None:
        raise InvalidRecord(f"{what} {text_problem(value, newlines=True)}")
    return value


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
