"""``techniekwerf check [PATH...]``: lint level files and say, one line each, what is wrong.

Designers run this on their own files while writing them, and CI runs it on ``levels/``.
It must never crash on any input, however broken: a traceback would hide the one line the
designer needs, so every file's problems are reported and the exit code says the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import game
from game.content.loader import LevelFile, cross_check, discover, inspect_level
from game.content.worlds import WORLDS_FILE, read_worlds
from game.datafile.problems import LevelError, Problem, sort_problems
from game.sim.catalogue import DEFAULT_FOLDER, PARTS_FILE, parts_files, read_catalogue, read_parts


def main(paths: list[str]) -> int:
    """Check the level files and folders in ``paths`` (default: the project's levels/).

    A groep 7-8 level must carry two solutions that end on different boards (game.content.review);
    ``--search`` adds a bounded search for a build with fewer parts than a small level's
    three-star rule, and lists the levels whose file notes they have one build only. Prints
    one line per problem and a summary line; returns 0 when all is well, else 1.
    """
    review = "--search" in paths
    paths = [p for p in paths if p != "--search"]
    targets = [Path(p) for p in paths] if paths else [game.PROJECT_ROOT / "levels"]
    parts = _data_problems(read_catalogue, DEFAULT_FOLDER)
    if parts:  # the game's own parts: every level is checked against them
        for problem in parts:
            _say(str(problem))
        _say(f"{len(parts)} problem{'s' * (len(parts) != 1)} in the parts files; "
             f"fix them first, the levels are checked with these parts")
        return 1
    files, folder_problems = _collect(targets)
    by_file: dict[str, list[Problem]] = {file.source: list(file.problems) for file in files}
    for problem in cross_check(files):
        by_file[problem.file].append(problem)
    from game.content.review import review_level

    for file in files:
        if file.level is not None and not by_file[file.source]:
            by_file[file.source] += review_level(file, search=review)
    if not paths and not any(by_file.values()):  # the game's own levels, all readable
        folder_problems += _guide_problems(files)
    for problem in folder_problems:
        _say(str(problem))
    for file in files:
        for problem in sort_problems(by_file[file.source]):
            _say(str(problem))
    _say(_summary(len(files), by_file, len(folder_problems)))
    return 1 if folder_problems or any(by_file.values()) else 0


def _collect(targets: list[Path]) -> tuple[list[LevelFile], list[Problem]]:
    """Inspect every file named or found in a named folder, each file once."""
    files: list[LevelFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for target in targets:
        errors: list[OSError] = []
        paths = discover(target, errors) if _is_folder(target) else [target]
        problems += [_folder_problem(error) for error in errors]
        worlds_file = target / WORLDS_FILE if _is_folder(target) else target
        if worlds_file.name == WORLDS_FILE and worlds_file.is_file():
            problems += _data_problems(read_worlds, worlds_file)  # checked like the levels
            paths = [p for p in paths if p != worlds_file]
        if _is_folder(target) and parts_files(target):
            problems += _data_problems(read_catalogue, target)
        elif target.name == PARTS_FILE and target.is_file():
            problems += _data_problems(read_parts, target)
            paths = []
        for path in paths:
            source = _display(path)
            if source not in seen:
                seen.add(source)
                files.append(_inspect(path, source))
    return files, problems


def _guide_problems(files: list[LevelFile]) -> list[Problem]:
    """The teacher guide's prose (teacher_guide/gids.yaml) against the levels: an entry for
    every level and world, none for a level that does not exist."""
    from game.guide.data import guide_file, guide_problems, read_guide

    path = guide_file(game.PROJECT_ROOT)
    if not path.is_file():  # a project without a guide
        return []
    try:
        problems = guide_problems(read_guide(path),
                                  [file.level for file in files if file.level is not None])
    except LevelError as error:
        problems = error.problems
    problems = list(problems) + _lesbrieven_problems(files)
    return [Problem(_display(game.PROJECT_ROOT / p.file), p.line, p.field, p.message)
            for p in problems]


def _lesbrieven_problems(files: list[LevelFile]) -> list[Problem]:
    """The lesson plans (teacher_guide/lesbrieven.yaml): each level in exactly one, levels
    that exist, of one world, one after the other."""
    from game.guide.lesbrieven import lesbrieven_file, lesbrieven_problems, read_lesbrieven

    path = lesbrieven_file(game.PROJECT_ROOT)
    if not path.is_file():  # a project without lesson plans
        return []
    try:
        return lesbrieven_problems(read_lesbrieven(path),
                                   [file.level for file in files if file.level is not None])
    except LevelError as error:
        return list(error.problems)


def _data_problems(read: Callable[[Path], object], path: Path) -> list[Problem]:
    """The problems ``read`` finds in a worlds or parts file (or a folder of parts files)."""
    try:
        read(path)
    except LevelError as error:
        return [Problem(_display(Path(p.file)), p.line, p.field, p.message)
                for p in error.problems]
    return []


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _inspect(path: Path, source: str) -> LevelFile:
    try:
        return inspect_level(path, source)
    except Exception as error:  # noqa: BLE001 - the checker reports, it never crashes
        message = (
            f"internal error while checking ({type(error).__name__}: {error}); please report it"
        )
        return LevelFile(path, source, problems=[Problem(source, 0, "", message)])


def _folder_problem(error: OSError) -> Problem:
    name = _display(Path(error.filename)) if error.filename else "?"
    return Problem(name, 0, "", f"cannot read the folder: {error.strerror or error}")


def _display(path: Path) -> str:
    """The path as a designer would type it: relative to the working folder when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd())) if path.is_absolute() else str(path)
    except (ValueError, OSError):
        return str(path)


def _summary(checked: int, by_file: dict[str, list[Problem]], extra: int) -> str:
    count = sum(len(problems) for problems in by_file.values()) + extra
    levels = f"{checked} level{'s' * (checked != 1)}"
    if not count:
        return f"{levels} checked, no problems"
    if not checked:
        return f"{count} problem{'s' * (count != 1)}"
    bad = sum(1 for problems in by_file.values() if problems)
    return f"{count} problem{'s' * (count != 1)} in {bad} of {levels}"


def _say(line: str, out: TextIO | None = None) -> None:
    """Print even when the console cannot show a character (a Windows code page)."""
    out = out or sys.stdout
    encoding = getattr(out, "encoding", None) or "utf-8"
    out.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace") + "\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
