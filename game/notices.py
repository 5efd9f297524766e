"""Notes for the teacher (or the parent at home) about what the game had to set aside or hold
back: a damaged settings file kept beside as a copy, a school server that does not answer, an
attempt waiting to be sent. Never shown to a child: the teacher area shows them, and each one is
also written as one line on stderr for whoever starts the game from a terminal.

One list per running game (``Context.notices``); a note with the same key replaces the older one,
so a server that keeps failing is one line, not hundreds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Notice:
    key: str  # what the note is about, e.g. "settings-file" or "server"; one note per key
    text: str  # one line, already translated for the teacher


@dataclass
class Notices:
    items: list[Notice] = field(default_factory=list)

    def tell(self, key: str, text: str, *, echo: bool = True) -> None:
        """Add (or replace) the note for ``key``; ``echo`` also writes it to stderr."""
        line = " ".join(str(text).split())
        self.items = [n for n in self.items if n.key != key] + [Notice(key, line)]
        if echo:
            from game.settings import warn

            warn(line)

    def clear(self, key: str) -> None:
        """The matter is settled (the server answers again): its note goes."""
        self.items = [n for n in self.items if n.key != key]

    def __iter__(self):
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)
