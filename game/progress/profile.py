"""The menus' :class:`~game.progress.store.ProgressStore` for one pupil (or the guest), read
from the school store, so the title, map and level cards work unchanged in a classroom.

It writes nothing itself: while a pupil plays, the play screen's
:class:`~game.progress.attempt_log.AttemptLog` saves every attempt in the school store, and a
second write here would count each go twice. ``record_result`` only remembers the result in
memory, so the stars show at once even in the moment before the attempt log has saved.

The first time the guest profile opens a school store, the guest's old ``progress.json`` (from
before there was a school store) is copied in as guest attempts, once; the JSON file itself is
left where it is, as a backup.
"""

from __future__ import annotations

import os
from typing import Any

from game.progress.store import GUEST, PROGRESS_FILE, read_progress
from game.settings import data_dir


class ProfileStore:
    """Progress of ``pupil_id`` (None: the guest profile) in ``school``.

    The per-level summary is read with one query when first needed and after each result, so
    a map of forty level cards costs one query, not forty.
    """

    def __init__(self, school: Any, pupil_id: str | None,
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.school = school
        self.pupil_id = pupil_id
        self.profile = pupil_id or GUEST
        self._solved: dict[str, int] | None = None
        self._local: dict[str, int] = {}  # results reported before the attempt log saved them
        if pupil_id is None:
            import_guest_json(school, folder)

    def _summary(self) -> dict[str, int]:
        if self._solved is None:
            solved_levels = getattr(self.school, "solved_levels", None)
            self._solved = dict(solved_levels(self.pupil_id)) if solved_levels else {}
            for level_id, stars in self._local.items():
                self._solved[level_id] = max(stars, self._solved.get(level_id, 0))
        return self._solved

    def best_stars(self, level_id: str) -> int:
        return self._summary().get(level_id, 0)

    def record_result(self, level_id: str, stars: int, solved: bool, parts_used: int,
                      hints_used: int) -> None:
        """Remember a solved level for the menus; the attempt log stores the attempt."""
        if solved:
            stars = max(0, min(3, int(stars)))
            self._local[level_id] = max(stars, self._local.get(level_id, 0))
        self._solved = None  # read again: the attempt log may have saved more by then

    def completed(self) -> set[str]:
        return set(self._summary())

    def is_completed(self, level_id: str) -> bool:
        return level_id in self._summary()

    def is_unlocked(self, level_id: str) -> bool:
        """Every level is open: the teacher's active lesson, not the store, narrows the choice."""
        return True

    def total_stars(self, level_ids: list[str] | None = None) -> int:
        summary = self._summary()
        ids = summary.keys() if level_ids is None else level_ids
        return sum(summary.get(i, 0) for i in ids)


def import_guest_json(school: Any, folder: str | os.PathLike[str] | None = None) -> int:
    """Copy the guest's ``progress.json`` into the school store once (per PC); keep the file.

    Returns the number of levels copied (0: nothing to copy, or copied before).
    """
    importer = getattr(school, "import_guest_progress", None)
    if importer is None:
        return 0
    path = data_dir(folder) / PROGRESS_FILE
    try:
        levels, _bad = read_progress(path)  # the levels that can be read; the rest is left out
    except (OSError, ValueError):
        return 0  # no file, or a damaged one: the guest store has said so (and kept a copy)
    if not levels:
        return 0
    device = getattr(school, "device_id", "") or ""
    return importer(levels, f"{device}:{PROGRESS_FILE}")
