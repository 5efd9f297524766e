"""The "Samen ontdekken" card of a level: its four parts as the info card's sections."""

from __future__ import annotations

from game.sim.model import ParentTip
from game.sim.parts import N_

#: the four parts of a "Samen ontdekken" card: (ParentTip field, icon, heading msgid)
TOGETHER = (("what", "icons/gear", N_("What is it?")),
            ("region", "icons/region", N_("In our region")),
            ("ask", "icons/ask", N_("Talk about it")),
            ("home", "icons/home", N_("Try it at home")))


def together_sections(tip: ParentTip) -> tuple[tuple[str, str, str], ...]:
    """A level's parents' tip as the info card's (icon, heading, text) sections."""
    return tuple((icon, heading, getattr(tip, key)) for key, icon, heading in TOGETHER
                 if getattr(tip, key))
