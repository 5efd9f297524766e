"""The parental gate's task (game.home_gate): an adult's sum in words, never the same twice."""

from __future__ import annotations

import random

from game.home_gate import MAX_DIGITS, NUMBER_WORDS, GateTask, check, new_task


def test_a_task_is_a_multiplication_in_words_with_no_easy_tables():
    task = GateTask(7, 8)
    assert task.answer == 56
    assert task.question() == "What is seven times eight?"
    assert min(NUMBER_WORDS) >= 3 and max(NUMBER_WORDS) <= 9  # no x1, x2 or x10 tables
    assert not any(ch.isdigit() for ch in task.question())  # words, not digits


def test_the_question_is_put_together_in_the_language_given():
    dutch = {"What is {a} times {b}?": "Hoeveel is {a} keer {b}?", "seven": "zeven",
             "eight": "acht"}
    assert GateTask(7, 8).question(lambda s: dutch.get(s, s)) == "Hoeveel is zeven keer acht?"


def test_only_the_right_number_opens():
    task = GateTask(6, 9)
    assert check(task, "54")
    assert check(task, " 54 ")
    assert check(task, "٥٤")  # the same digits typed on an Arabic keyboard
    for wrong in ("", "45", "55", "540", "0054", "5 4", "-54", "54.0", "fifty-four", "x"):
        assert not check(task, wrong), wrong
    assert len(str(max(NUMBER_WORDS) ** 2)) <= MAX_DIGITS


def test_never_the_same_task_twice_in_a_row_in_either_order():
    rng = random.Random(12)
    previous = None
    seen = set()
    for _ in range(2000):
        task = new_task(rng, previous)
        if previous is not None:
            assert task.key != previous.key, (previous, task)
        seen.add(task.key)
        previous = task
    # every pair comes up: a child cannot learn one answer by heart
    assert len(seen) == len(NUMBER_WORDS) * (len(NUMBER_WORDS) + 1) // 2


def test_a_new_task_differs_even_when_the_random_numbers_repeat():
    class Stuck(random.Random):
        """Gives the same numbers again and again before anything else."""

        def __init__(self) -> None:
            super().__init__(1)
            self.calls = 0

        def choice(self, seq):
            self.calls += 1
            return 7 if self.calls <= 20 else super().choice(seq)

    task = new_task(Stuck(), GateTask(7, 7))
    assert task.key != GateTask(7, 7).key
