"""Several solutions per level (``solutions:``), the design review of ``techniekwerf check
--search`` (two different solutions for groep 7-8, no build cheaper than three stars) and
the bounded search behind it."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from game.content import check
from game.content.loader import inspect_level
from game.content.search import cheaper_build
from game.sim.goals import play_solution
from tests.test_checker_board_rules import HEAD

NEXT_TO = "{place: solar_panel, at: [3, 1]}"
OTHER_SIDE = "{place: solar_panel, at: [5, 1]}"


def solutions(*lists: list[str], stars: int = 3) -> str:
    out = "solutions:\n"
    for steps in lists:
        out += f"  - stars: {stars}\n    steps:\n" + "".join(f"      - {s}\n" for s in steps)
    return out


def inspect(tmp_path: Path, text: str):
    path = tmp_path / "city" / "01-rules.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return inspect_level(path, source="lvl.yaml")


def run_check(tmp_path: Path, text: str, *flags: str) -> tuple[int, list[str]]:
    inspect(tmp_path, text)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = check.main([*flags, str(tmp_path / "city" / "01-rules.yaml")])
    return code, out.getvalue().splitlines()


def test_a_list_of_solutions_loads_and_each_one_solves(tmp_path):
    result = inspect(tmp_path, HEAD + solutions([NEXT_TO], [OTHER_SIDE]))
    assert [str(p) for p in result.problems] == []
    level = result.level
    assert len(level.every_solution) == 2 and level.solution == level.every_solution[0]
    boards = [play_solution(level, s)[0].layout() for s in level.every_solution]
    assert boards[0] != boards[1]


def test_one_solution_under_solution_still_works(tmp_path):
    text = HEAD + f"solution:\n  stars: 3\n  steps:\n    - {NEXT_TO}\n"
    result = inspect(tmp_path, text)
    assert result.problems == [] and len(result.level.every_solution) == 1


def test_a_second_solution_that_fails_is_one_line_naming_it(tmp_path):
    wrong = "{place: solar_panel, at: [0, 0]}"
    result = inspect(tmp_path, HEAD + solutions([NEXT_TO], [wrong]))
    assert [str(p) for p in result.problems] == [
        "lvl.yaml:25: solutions[1]: does not solve the level: goal powered fails at [4, 1]"]


def test_a_second_solution_with_the_wrong_stars_is_named(tmp_path):
    result = inspect(tmp_path, HEAD + solutions([NEXT_TO], [OTHER_SIDE], stars=2))
    assert [str(p) for p in result.problems] == [
        "lvl.yaml:22: solutions[0].stars: the solution earns 3 stars, not 2",
        "lvl.yaml:25: solutions[1].stars: the solution earns 3 stars, not 2"]


def test_a_refused_step_of_a_second_solution_is_named(tmp_path):
    result = inspect(tmp_path, HEAD + solutions([NEXT_TO], ["{place: battery, at: [5, 1]}"]))
    assert [str(p) for p in result.problems] == [
        "lvl.yaml:27: solutions[1].steps[0].place: battery is not in the palette"]


def test_both_keys_or_neither_is_one_line(tmp_path):
    both = HEAD + f"solution:\n  stars: 3\n  steps:\n    - {NEXT_TO}\n" + solutions([OTHER_SIDE])
    assert [str(p) for p in inspect(tmp_path, both).problems] == [
        "lvl.yaml:25: solutions: give solution: (one) or solutions: (a list), not both"]
    neither = inspect(tmp_path, HEAD)
    assert [str(p) for p in neither.problems] == [
        "lvl.yaml:1: solution: missing; every level needs a reference solution (stars: and "
        "steps:)"]


def test_the_checker_wants_two_different_solutions_for_groep_7_8(tmp_path):
    old = HEAD.replace("groep: [3, 4]", "groep: [6, 7]")
    one = old + f"solution:\n  stars: 3\n  steps:\n    - {NEXT_TO}\n"
    assert inspect(tmp_path, one).level is not None  # the game still loads it
    code, lines = run_check(tmp_path, one)
    assert code == 1 and lines[0].endswith(
        "solution: a level for groep 7-8 needs at least two solutions that end on different "
        "boards (solutions: a list), or a '# ONE BUILD ONLY: why' comment")
    same = old + solutions([NEXT_TO], ["{place: solar_panel, at: [0, 0]}", "{remove: [0, 0]}",
                                       NEXT_TO])
    assert "needs at least two solutions" in run_check(tmp_path, same)[1][0]
    two = old + solutions([NEXT_TO], [OTHER_SIDE])
    assert run_check(tmp_path, two) == (0, ["1 level checked, no problems"])
    assert run_check(tmp_path, two, "--search") == (0, ["1 level checked, no problems"])


def test_a_level_that_says_it_has_one_build_passes_but_search_lists_it(tmp_path):
    old = HEAD.replace("groep: [3, 4]", "groep: [7, 8]")
    marked = old + f"# ONE BUILD ONLY: a test\nsolution:\n  stars: 3\n  steps:\n    - {NEXT_TO}\n"
    assert run_check(tmp_path, marked) == (0, ["1 level checked, no problems"])
    code, lines = run_check(tmp_path, marked, "--search")
    assert code == 1 and "needs at least two solutions" in lines[0]


def test_check_search_flags_a_build_cheaper_than_three_stars(tmp_path):
    budget = HEAD + "stars:\n  two: {max_parts: 3}\n  three: {max_parts: 2}\n"
    text = budget + solutions(["{remove: [1, 2]}", NEXT_TO])
    result = inspect(tmp_path, text)
    found = cheaper_build(result.level)
    assert found is not None and found.parts == 1
    code, lines = run_check(tmp_path, text, "--search")
    assert code == 1 and lines[0] == (
        f"{tmp_path / 'city' / '01-rules.yaml'}:21: stars: a build with 1 parts solves it; "
        "3 stars needs at most 2: tighten or change the level")


def test_the_search_finds_nothing_where_three_stars_is_the_cheapest(tmp_path):
    budget = HEAD + "stars:\n  two: {max_parts: 2}\n  three: {max_parts: 1}\n"
    result = inspect(tmp_path, budget + solutions([NEXT_TO]))
    assert cheaper_build(result.level) is None


def test_shipped_groep_7_8_levels_have_two_builds_or_say_why_not():
    """Every shipped level for groep 7-8 carries two solutions that end on different boards,
    or its file says in a comment why it has one build only (a design question)."""
    from game.content.loader import discover
    from game.content.review import marked_one_build, two_solutions

    root = Path(__file__).resolve().parent.parent / "levels"
    for path in discover(root):
        file = inspect_level(path)
        assert file.level is not None, file.problems
        assert (two_solutions(file) is not None) == marked_one_build(file), path.name


def test_the_search_is_bounded_and_deterministic(tmp_path):
    budget = HEAD + "stars:\n  two: {max_parts: 3}\n  three: {max_parts: 2}\n"
    level = inspect(tmp_path, budget + solutions(["{remove: [1, 2]}", NEXT_TO])).level
    first = cheaper_build(level)
    assert first is not None and cheaper_build(level) == first
    assert cheaper_build(level, max_boards=0) is None  # nothing tried, nothing claimed
    board, evaluation = play_solution(level, type(level.solution)(first.steps, 3))
    assert evaluation.solved and board.parts_used() == first.parts
