"""The kerndoelen a level may be tagged with, and their short titles: the one table the level
checker, the dashboard, the pupil page and the PDF report read (levels/README.md explains each).

A kerndoel is a number (the SLO kerndoelen of 2006, Oriëntatie op jezelf en de wereld) or the
word ``digital`` (digital literacy, coming into the curriculum). The titles are msgids, marked
here and translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Iterable

Kerndoel = int | str

DIGITAL = "digital"


def N_(message: str) -> str:
    """Mark a msgid for extraction; it is translated where it is shown."""
    return message


#: code -> short title (a msgid), in the order they are listed
KERNDOELEN: dict[Kerndoel, str] = {
    39: N_("Care for the environment"),
    40: N_("Plants and animals where they live"),
    41: N_("How plants, animals and people are built"),
    42: N_("Materials and physical phenomena"),
    43: N_("Weather and climate"),
    44: N_("How everyday products work"),
    45: N_("Designing, testing and improving"),
    46: N_("Day, night and the seasons"),
    48: N_("The Netherlands and the water"),
    DIGITAL: N_("Digital literacy"),
}


def is_kerndoel(value: object) -> bool:
    """A tag a level may carry (``True`` is no 1, ``"42"`` is no 42)."""
    return not isinstance(value, bool) and isinstance(value, int | str) and value in KERNDOELEN


def number(code: Kerndoel) -> str:
    """What stands before the title: the kerndoel's number, nothing for ``digital``."""
    return str(code) if isinstance(code, int) else ""


def in_use(tags: Iterable[Iterable[Kerndoel]]) -> list[Kerndoel]:
    """The kerndoelen in any of these tag lists (one per level), in the table's order."""
    used = {k for level_tags in tags for k in level_tags}
    return [k for k in KERNDOELEN if k in used]


def allowed() -> str:
    """The tags a level may carry, for a one-line message: ``39, 40, ..., 48 or digital``."""
    numbers = ", ".join(str(k) for k in KERNDOELEN if isinstance(k, int))
    return f"{numbers} or {DIGITAL}"
