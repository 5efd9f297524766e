"""A realistic class for the teacher-screen tests and pictures: 30 pupils, varied attempts.

Builds are real: solved attempts carry the level's reference solution, failed ones a part of
it, so the attempt viewer has something true to show and replay.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from game.progress.attempt_log import build_of
from game.progress.records import Attempt, Lesson, Outcome, new_id
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.goals import evaluate
from game.sim.model import Level, StepAction
from game.sim.simulation import Simulation

NAMES = (
    "Sem", "Noor", "Mohammed", "Emma", "Daan", "Fatima", "Liam", "Zoë", "Levi", "Aya",
    "Finn", "Julia", "Youssef", "Tess", "Milan", "Sara", "Bram", "Lina", "Noah", "Mila",
    "Jayden", "Nora", "Ibrahim", "Evi", "Luuk", "Yara", "Kevin", "Ilse", "Anouk-Marieke",
    "Maximiliaan",
)
AVATARS = ("fox", "owl", "cat", "dog", "rabbit", "hedgehog", "duck", "frog", "heron", "seal")


def board_after(level: Level, steps: int | None = None) -> tuple[Board, str | None]:
    """The board with the first ``steps`` steps of the reference solution done (all: None)."""
    board = Board(level)
    editor = Editor(board)
    answer = None
    todo = level.solution.steps if steps is None else level.solution.steps[:steps]
    for step in todo:
        if step.action == StepAction.ANSWER:
            answer = step.kind
        else:
            editor.apply(step)
    return board, answer


def judged(level: Level, board: Board, hints: int, answer: str | None):
    sim = Simulation(board)
    while not sim.done:
        sim.step()
    return evaluate(sim.board, sim.states, hints, answer)


def attempt_for(level: Level, pupil_id: str | None, started: datetime, kind: str,
                rng: random.Random, lesson_id: str | None = None) -> Attempt:
    """One attempt: kind is "solved", "gave_up", "stuck" (many failed tests) or "busy"."""
    hints = rng.choice((0, 0, 0, 1, 2)) if kind == "solved" else rng.choice((0, 1, 2))
    hints = min(hints, len(level.hints))
    if kind == "solved":
        board, answer = board_after(level)
        ev = judged(level, board, hints, answer)
        failed = rng.choice((0, 0, 1, 2))
        minutes = rng.randint(2, 12)
        return Attempt(new_id(), pupil_id, level.id, lesson_id, started,
                       started + timedelta(minutes=minutes), Outcome.SOLVED, ev.stars,
                       board.parts_used(), failed + 1, failed, hints, rng.choice((0, 0, 1)),
                       answer, build_of(board), "pc-1")
    steps = len(level.solution.steps)
    board, answer = board_after(level, max(0, steps - rng.randint(1, max(1, steps))))
    failed = {"gave_up": rng.randint(1, 2), "stuck": rng.randint(3, 6),
              "busy": rng.randint(2, 4)}[kind]
    minutes = {"gave_up": rng.randint(2, 8), "stuck": rng.randint(9, 20),
               "busy": rng.randint(10, 16)}[kind]
    outcome = Outcome.BUSY if kind == "busy" else Outcome.GAVE_UP
    return Attempt(new_id(), pupil_id, level.id, lesson_id, started,
                   started + timedelta(minutes=minutes), outcome, 0, board.parts_used(),
                   failed, failed, hints, rng.randint(0, 2), None, build_of(board), "pc-1")


def fill_class(school, levels: list[Level], moment: datetime, pupils: int = 30,
               seed: int = 7, lesson_levels: int = 0, today: bool = False) -> tuple[str, list]:
    """A class "groep 6b" with ``pupils`` pupils who played ``levels`` in order, some further
    than others; a few are stuck right now. ``lesson_levels``: a lesson of the first levels
    is active; ``today``: everything was played in the last hour (a lesson in progress).
    Returns the class id and the pupils."""
    rng = random.Random(seed)
    group = school.add_class("groep 6b")
    made = [school.add_pupil(group.id, NAMES[i % len(NAMES)], AVATARS[i % len(AVATARS)])
            for i in range(pupils)]
    lesson = None
    if lesson_levels:
        lesson = Lesson(new_id(), "Power in the city", tuple(lv.id for lv in
                                                             levels[:lesson_levels]))
        school.save_lesson(lesson)
        school.activate_lesson(group.id, lesson.id)
    for n, pupil in enumerate(made):
        reach = rng.randint(0, len(levels))
        start = moment - (timedelta(minutes=rng.randint(70, 100)) if today else
                          timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 5)))
        for i, level in enumerate(levels[:reach]):
            start += timedelta(minutes=rng.randint(1, 4) if today else rng.randint(3, 15))
            if today and start > moment - timedelta(minutes=20):
                break  # the lesson has not got further yet
            roll = rng.random()
            if i == reach - 1 and roll < 0.25:
                kinds = ["stuck"]
            elif roll < 0.12:
                kinds = ["gave_up"]
            elif roll < 0.2:
                kinds = ["gave_up", "solved"]
            else:
                kinds = ["solved"]
            for kind in kinds:
                school.save_attempt(attempt_for(level, pupil.id, start, kind, rng,
                                                lesson.id if lesson else None))
                start += timedelta(minutes=rng.randint(1, 3) if today else rng.randint(2, 10))
        if n % 9 == 4 and reach < len(levels):  # playing right now, and not getting on
            busy = attempt_for(levels[reach], pupil.id,
                               moment - timedelta(minutes=rng.randint(10, 16)), "busy", rng)
            school.save_attempt(replace(busy, ended=moment - timedelta(seconds=40)))
    return group.id, made
