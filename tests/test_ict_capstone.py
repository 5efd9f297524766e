"""The Datacenter's capstone ict-14 'Warm neighbours', played as a child would: the busy
server (three bolts) gets too warm unless its heat is carried away; piping it to the homes and
the greenhouse keeps it cool and them warm; an outside-air fan keeps it cool too, but blows the
heat away, so the homes and the greenhouse get too cold; and without battery and generator the
servers go off when the grid fails."""

from __future__ import annotations

from game import PROJECT_ROOT
from game.content.loader import load_level
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.goals import Evaluation, play_solution, run_board
from game.sim.model import GoalType

LEVEL = PROJECT_ROOT / "levels" / "ict" / "14-warm-neighbours.yaml"
BUSY, CALM, HOMES, GREENHOUSE = (2, 1), (2, 3), (8, 1), (8, 3)
BACKUP = [("backup_battery", 0, 1, 0), ("diesel_generator", 1, 1, 0)]
#: the fan above the busy server, its back to the outside, and its cable to the T
FAN = [("outside_air_fan", 2, 0, 0), ("wire_corner", 3, 0, 2), ("wire_straight", 3, 1, 0),
       ("wire_corner", 3, 2, 3)]
#: a pipe from the calm server along the bottom to the greenhouse and up to the homes
CALM_PIPE = [("warm_water_pipe", x, 3, 0) for x in range(3, 8)] + [
    ("warm_water_pipe", 7, 2, 0), ("warm_water_pipe", 7, 1, 0)]


def build(*steps: tuple[str, int, int, int]) -> Evaluation:
    editor = Editor(Board(load_level(LEVEL)))
    for kind, x, y, rotation in steps:
        assert editor.place(kind, (x, y), rotation), (kind, x, y, editor.last_refusal)
    return run_board(editor.board)


def failed(evaluation: Evaluation) -> dict[GoalType, tuple]:
    """The goals that failed, each with the cells it failed at."""
    return {r.goal.type: r.cells for r in evaluation.results if not r.ok}


def test_every_solution_keeps_the_servers_cool_on_and_the_neighbours_warm():
    level = load_level(LEVEL)
    stars = []
    for solution in level.every_solution:
        _board, evaluation = play_solution(level, solution)
        assert evaluation.solved
        stars.append(evaluation.stars)
    assert sorted(stars) == [2, 3, 3]


def test_the_busy_server_gets_too_warm_when_its_heat_is_not_carried_away():
    # only backup power: the busy server too warm, the homes and the greenhouse too cold
    assert failed(build(*BACKUP)) == {GoalType.NOT_TOO_WARM: (BUSY,),
                                      GoalType.NOT_TOO_COLD: (HOMES, GREENHOUSE)}
    # only the calm server's heat piped to both: they stay warm, the busy server does not
    # stay cool
    assert failed(build(*BACKUP, *CALM_PIPE)) == {GoalType.NOT_TOO_WARM: (BUSY,)}


def test_a_fan_keeps_the_busy_server_cool_but_blows_its_heat_away():
    # the fan alone: the servers stay cool and on, the neighbours get cold
    assert failed(build(*BACKUP, *FAN)) == {GoalType.NOT_TOO_COLD: (HOMES, GREENHOUSE)}
    # the fan and the calm server's heat: the servers stay cool, but one calm server's heat
    # cannot keep both the homes and the greenhouse warm all winter's day
    evaluation = build(*BACKUP, *FAN, *CALM_PIPE)
    assert set(failed(evaluation)) == {GoalType.NOT_TOO_COLD}


def test_backup_power_by_the_free_end_of_the_t_cable_works_too():
    busy_pipe = [("warm_water_pipe", x, 1, 0) for x in range(3, 8)] + [
        ("warm_water_pipe", 7, 2, 0), ("warm_water_pipe", 7, 3, 0)]
    for backup in ([("backup_battery", 3, 2, 0), ("diesel_generator", 3, 3, 0)],
                   [("diesel_generator", 3, 2, 0), ("backup_battery", 3, 3, 0)],
                   [("diesel_generator", 0, 1, 0), ("backup_battery", 1, 1, 0)]):
        assert build(*backup, *busy_pipe).solved, backup


def test_without_battery_and_generator_the_servers_go_off_when_the_grid_fails():
    busy_pipe = [("warm_water_pipe", x, 1, 0) for x in range(3, 8)] + [
        ("warm_water_pipe", 7, 2, 0), ("warm_water_pipe", 7, 3, 0)]
    for backup in ([], BACKUP[:1], [("diesel_generator", 0, 1, 0)]):
        evaluation = build(*backup, *busy_pipe)
        assert GoalType.SERVERS_ON in failed(evaluation), backup
