"""The parental gate's task: something an adult does in a moment and a six-year-old cannot.

A multiplication of two numbers from 3 to 9, written in words and read aloud ("What is seven
times eight?"), answered with digits on a number pad. A young child neither reads the words
nor knows the product; guessing a two-digit answer rarely works, and every wrong answer
brings a new task. Two tasks in a row are never the same (nor the same pair swapped).

Pure logic, no pygame: the screen is :mod:`game.scenes.parent_gate`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark a msgid for extraction; translated where it is shown."""
    return message


#: The numbers a task uses, as words (msgids). 1, 2 and 10 are left out: those tables are
#: the ones a young child may know by heart.
NUMBER_WORDS: dict[int, str] = {
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    3: N_("three"),
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    4: N_("four"),
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    5: N_("five"),
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    6: N_("six"),
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    7: N_("seven"),
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    8: N_("eight"),
    # TRANSLATORS: a number word in the parents' question "What is seven times eight?"
    9: N_("nine"),
}
# TRANSLATORS: the parental gate's question; {a} and {b} are number words ("seven", "eight")
QUESTION = N_("What is {a} times {b}?")
#: An answer has at most this many digits (9 x 9 = 81: two are enough; three lets a typo show).
MAX_DIGITS = 3


@dataclass(frozen=True)
class GateTask:
    a: int
    b: int

    @property
    def answer(self) -> int:
        return self.a * self.b

    @property
    def key(self) -> frozenset[int]:
        """The task as a pair regardless of order: 7 x 8 and 8 x 7 are the same task."""
        return frozenset((self.a, self.b))

    def question(self, gettext=lambda s: s) -> str:
        """The task in words, in the language of ``gettext``."""
        return gettext(QUESTION).format(a=gettext(NUMBER_WORDS[self.a]),
                                        b=gettext(NUMBER_WORDS[self.b]))


def new_task(rng: random.Random, previous: GateTask | None = None) -> GateTask:
    """A random task, never the same as ``previous`` (in either order)."""
    numbers = sorted(NUMBER_WORDS)
    while True:
        task = GateTask(rng.choice(numbers), rng.choice(numbers))
        if previous is None or task.key != previous.key:
            return task


def check(task: GateTask, typed: str) -> bool:
    """Whether ``typed`` (the digits on the pad) is the task's answer. Anything that is not
    a whole number of at most :data:`MAX_DIGITS` digits is wrong."""
    typed = typed.strip()
    if not typed or len(typed) > MAX_DIGITS or not typed.isdecimal():
        return False
    return int(typed) == task.answer
