"""Problems found in level files, and the error that carries them.

A problem is always shown as one line, ``file:line: field: message``, so editors and CI logs
can jump straight to it and a designer sees every mistake of a file at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: A place in a level document: keys and list indexes from the top, e.g. ("parts", 2, "at").
FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """``("parts", 2, "at")`` -> ``parts[2].at``: the way designers name a field."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def one_line(text: str) -> str:
    """Escape line breaks and other invisible characters so a message can never span lines."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one level file.

    ``line`` is 1-based; 0 means the problem concerns the file as a whole (it cannot be read).
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: {self.message}" if self.field else self.message
        return one_line(f"{where}: {what}")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then line; problems on the same line keep the order they were found in."""
    return sorted(problems, key=lambda p: (p.file, p.line))


class LevelError(Exception):
    """A level file (or a set of them) has problems; ``problems`` holds every one of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Reported:
    """The type of :data:`REPORTED`."""

    _instance: _Reported | None = None

    def __new__(cls) -> _Reported:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REPORTED"

    def __bool__(self) -> bool:
        return False


#: Stands in for a value that was wrong and has been reported already, so later checks that
#: depend on it stay quiet instead of piling follow-up errors on the designer.
REPORTED = _Reported()


@dataclass(frozen=True)
class Partial:
    """The valid items of a list in which some items were reported.

    A record holding one is not built, but rules that can work with what is left (two
    parts on one cell) still run, so one typo does not hide every other mistake.
    """

    value: Any  # the list's built form (a tuple, a frozenset...) of the valid items
    indexed: tuple[tuple[int, Any], ...] = ()  # (index in the file, item) of each valid item
