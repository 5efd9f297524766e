"""Progress of one profile: the best stars per level and what was solved.

Scenes talk to the :class:`ProgressStore` protocol only. The local guest profile keeps a
small JSON file; the teacher store (a database with pupils and attempts) will implement the
same protocol later, so no scene changes then.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from game.settings import data_dir, warn, write_atomic

PROGRESS_FILE = "progress.json"
FORMAT_VERSION = 1
GUEST = "guest"
PRIVATE_FILE = 0o600


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

    def __init__(self, folder: str | os.PathLike[str] | None = None, profile: str = GUEST) -> None:
        self.folder = data_dir(folder)
        self.profile = profile
        self.path = self.folder / PROGRESS_FILE
        self._levels: dict[str, LevelRecord] = {}
        self._load()

    # --- reading ---------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            warn(f"could not read {self.path}: {exc}; starting with no progress")
            return
        try:
            self._levels = self._parse(json.loads(text))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            backup = self._keep_backup()
            warn(f"{self.path} is damaged ({exc.__class__.__name__}); kept a copy as "
                 f"{backup.name if backup else 'nothing'} and started with no progress")
            self._levels = {}

    @staticmethod
    def _parse(raw: object) -> dict[str, LevelRecord]:
        if not isinstance(raw, dict) or not isinstance(raw.get("levels"), dict):
            raise ValueError("no levels table")
        version = raw.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            # A newer game wrote this: refuse it rather than silently dropping its data.
            raise ValueError(f"unknown format version {version!r}")
        levels = {}
        for level_id, rec in raw["levels"].items():
            stars = rec["best_stars"]
            if not isinstance(stars, int) or not 0 <= stars <= 3:
                raise ValueError(f"bad stars for {level_id}")
            levels[str(level_id)] = LevelRecord(
                best_stars=stars, solved=bool(rec.get("solved", stars > 0)),
                attempts=int(rec.get("attempts", 0)), best_parts=rec.get("best_parts"),
                hints_used=rec.get("hints_used"))
        return levels

    def _keep_backup(self) -> Path | None:
        backup = self.path.with_name(f"{self.path.stem}.broken-{time.strftime('%Y%m%d-%H%M%S')}.json")
        try:
            # readable by this PC user only, like the file it copies (a child's progress)
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
            with os.fdopen(fd, "wb") as out, open(self.path, "rb") as src:
                shutil.copyfileobj(src, out)
        except OSError:
            return None
        return backup

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
        try:
            write_atomic(self.path, json.dumps(self.to_dict(), indent=1) + "\n")
        except OSError as exc:
            warn(f"could not save progress to {self.path}: {exc}")
