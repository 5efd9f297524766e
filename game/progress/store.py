"""Progress of one profile: the best stars per level and what was solved.

Scenes talk to the :class:`ProgressStore` protocol only. The local guest profile keeps a
small JSON file; the teacher store (a database with pupils and attempts) will implement the
same protocol later, so no scene changes then.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol, overload, runtime_checkable

from game.settings import (
    N_,
    UNREADABLE,
    DamagedFile,
    FileNotes,
    _reason,
    data_dir,
    keep_copy,
    read_json,
    save_problem,
    write_atomic,
)

PROGRESS_FILE = "progress.json"
FORMAT_VERSION = 1
GUEST = "guest"
PRIVATE_FILE = 0o600
PROGRESS_MAX_BYTES = 4 << 20  # a guest who played every level a thousand times: under 100 KB
#: Larger counts than these are not play but damage.
MAX_COUNT = 10**9
MAX_LEVEL_ID = 200

# TRANSLATORS: {file} is the full name of the guest's progress file, {copy} the copy kept
PROGRESS_SET_ASIDE = N_("The progress file {file} was damaged. A copy was kept as {copy}; the "
                        "guest starts again without stars.")
# TRANSLATORS: {file} is the full name of the guest's progress file
PROGRESS_NO_COPY = N_("The progress file {file} was damaged and no copy could be kept; the guest "
                      "starts again without stars.")
# TRANSLATORS: {file} is the progress file, {levels} the levels left out, {copy} the copy kept
PROGRESS_LEVELS = N_("The progress file {file} had levels this game cannot read ({levels}); they "
                     "were left out. A copy was kept as {copy}.")
# TRANSLATORS: {file} is the progress file, {levels} the ids of the levels left out
PROGRESS_LEVELS_NO_COPY = N_("The progress file {file} had levels this game cannot read "
                             "({levels}); they were left out.")


@dataclass
class LevelRecord:
    """What we remember of one level: enough for stars on the cards and "next level"."""

    best_stars: int = 0
    solved: bool = False
    attempts: int = 0
    best_parts: int | None = None  # fewest parts in a solved attempt
    hints_used: int | None = None  # hints in the attempt that gave the best stars


@runtime_checkable
class ProgressStore(Protocol):
    profile: str

    def best_stars(self, level_id: str) -> int: ...

    def record_result(self, level_id: str, stars: int, solved: bool, parts_used: int,
                      hints_used: int) -> None: ...

    def completed(self) -> set[str]: ...

    def is_completed(self, level_id: str) -> bool: ...

    def is_unlocked(self, level_id: str) -> bool: ...

    def total_stars(self, level_ids: list[str] | None = None) -> int: ...


class JsonProgressStore:
    """The guest profile on this PC, in ``<data>/progress.json``.

    Every result is written at once and atomically, so pulling the plug never loses more than
    the attempt being played and never leaves a half-written file.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None, profile: str = GUEST,
                 notes: FileNotes | None = None) -> None:
        self.folder = data_dir(folder)
        self.profile = profile
        self.path = self.folder / PROGRESS_FILE
        self.notes = notes or FileNotes()  # the teacher's notices once the game runs
        self._levels: dict[str, LevelRecord] = {}
        self._unkept = False  # a file nobody could read or copy: a save must not replace it
        self._load()

    # --- reading ---------------------------------------------------------------------------
    def _load(self) -> None:
        """Read the file as hostile input: a damaged file is kept beside as a copy and the
        guest starts without stars; a level that cannot be read costs only that level."""
        path = self.path
        try:
            self._levels, bad = read_progress(path)
        except FileNotFoundError:
            return
        except DamagedFile:
            copy = keep_copy(path)
            if copy is None:
                self._unkept = True
                self.notes.tell("progress-file", PROGRESS_NO_COPY, file=str(path))
            else:
                self.notes.tell("progress-file", PROGRESS_SET_ASIDE, file=str(path),
                                copy=copy.name)
            return
        except OSError as exc:
            self._unkept = True
            self.notes.tell("progress-file", UNREADABLE, file=str(path), reason=_reason(exc))
            return
        if bad:
            shown = ", ".join(bad[:3]) + (", …" if len(bad) > 3 else "")
            copy = keep_copy(path)
            if copy is None:
                self._unkept = True
                self.notes.tell("progress-file", PROGRESS_LEVELS_NO_COPY, file=str(path),
                                levels=shown)
            else:
                self.notes.tell("progress-file", PROGRESS_LEVELS, file=str(path), levels=shown,
                                copy=copy.name)

    @staticmethod
    def _parse(raw: object) -> dict[str, LevelRecord]:
        """The levels of a parsed file; ValueError for a file that is not the guest's progress
        (or has a level that cannot be read)."""
        levels, bad = parse_levels(raw)
        if bad:
            raise ValueError(f"bad level records: {', '.join(bad[:3])}")
        return levels

    # --- the protocol ----------------------------------------------------------------------
    def best_stars(self, level_id: str) -> int:
        rec = self._levels.get(level_id)
        return rec.best_stars if rec else 0

    def record(self, level_id: str) -> LevelRecord | None:
        return self._levels.get(level_id)

    def record_result(self, level_id: str, stars: int, solved: bool, parts_used: int,
                      hints_used: int) -> None:
        """Remember an attempt; stars only ever go up, so replaying a level costs nothing."""
        stars = max(0, min(3, int(stars))) if solved else 0
        rec = self._levels.setdefault(level_id, LevelRecord())
        rec.attempts += 1
        if solved:
            rec.solved = True
            if rec.best_parts is None or parts_used < rec.best_parts:
                rec.best_parts = parts_used
        if stars > rec.best_stars or (solved and rec.hints_used is None):
            rec.best_stars = max(rec.best_stars, stars)
            rec.hints_used = hints_used
        self.save()

    def completed(self) -> set[str]:
        return {level_id for level_id, rec in self._levels.items() if rec.solved}

    def is_completed(self, level_id: str) -> bool:
        rec = self._levels.get(level_id)
        return bool(rec and rec.solved)

    def is_unlocked(self, level_id: str) -> bool:
        """Every level is open for the guest: teachers choose, the game never locks a child out."""
        return True

    def total_stars(self, level_ids: list[str] | None = None) -> int:
        ids = self._levels.keys() if level_ids is None else level_ids
        return sum(self.best_stars(i) for i in ids)

    # --- writing ---------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"version": FORMAT_VERSION, "profile": self.profile,
                "levels": {k: asdict(v) for k, v in sorted(self._levels.items())}}

    def save(self) -> None:
        """Write the whole file atomically; a read-only folder or a full disk costs a note for
        the teacher (the file on disk keeps the last good save), not the game."""
        if self._unkept:  # a file nobody could read or copy: copy it first, else leave it be
            if self.path.exists() and keep_copy(self.path) is None:
                return
            self._unkept = False
        try:
            write_atomic(self.path, json.dumps(self.to_dict(), indent=1) + "\n")
        except OSError as exc:
            save_problem(self.notes, "progress-save", self.path, exc)
        else:
            self.notes.clear("progress-save")


@overload
def _count(value: object, default: int) -> int: ...
@overload
def _count(value: object, default: None = None) -> int | None: ...
def _count(value: object, default: int | None = None) -> int | None:
    """A whole number 0..MAX_COUNT (not a truth value), ``default`` for a missing one; else
    raises ValueError."""
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise ValueError("not a count")
    return value


def _record(rec: object) -> LevelRecord:
    if not isinstance(rec, dict):
        raise ValueError("not a record")
    stars = rec.get("best_stars")
    if isinstance(stars, bool) or not isinstance(stars, int) or not 0 <= stars <= 3:
        raise ValueError("bad stars")
    solved = rec.get("solved", stars > 0)
    if not isinstance(solved, bool):
        raise ValueError("bad solved")
    return LevelRecord(best_stars=stars, solved=solved, attempts=_count(rec.get("attempts"), 0),
                       best_parts=_count(rec.get("best_parts")),
                       hints_used=_count(rec.get("hints_used")))


def parse_levels(raw: object) -> tuple[dict[str, LevelRecord], list[str]]:
    """The readable levels of a parsed progress file and the ids of those that are not.

    Raises :class:`DamagedFile` when ``raw`` is not a progress file this version can read
    (another shape, or a newer format: refused rather than silently dropping its data)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("levels"), dict):
        raise DamagedFile("no levels table")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= FORMAT_VERSION:
        raise DamagedFile(f"unknown format version {version!r}")
    levels: dict[str, LevelRecord] = {}
    bad: list[str] = []
    for level_id, rec in raw["levels"].items():
        try:
            if not level_id or len(level_id) > MAX_LEVEL_ID or not level_id.isprintable():
                raise ValueError("bad level id")
            levels[level_id] = _record(rec)
        except ValueError:
            bad.append(ascii(level_id[:40])[1:-1] if isinstance(level_id, str) else "?")
    return levels, bad


def read_progress(path: Path) -> tuple[dict[str, LevelRecord], list[str]]:
    """The guest's levels in ``path`` and the ids left out; raises :class:`DamagedFile` for a
    damaged file, ``OSError`` for one that is missing or cannot be read."""
    return parse_levels(read_json(path, PROGRESS_MAX_BYTES))
