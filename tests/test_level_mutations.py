"""Mutated real level files: every outcome is either refused by the checker with one-line
problems (no traceback, no "internal error"), or accepted and then usable: it loads into the
catalogue, its play screen is built and drawn, Test runs the simulation, the hints open, and
what is read aloud is speakable. Mutations start from the shipped files in levels/: a field
changed, deleted or added, a list item dropped or repeated, hostile characters put into a text,
wrong types, huge numbers, deep nesting."""

from __future__ import annotations

import contextlib
import copy
import io
import os
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from play_helpers import start_play

import game
from game.content import check
from game.content.loader import LevelCatalogue, discover, inspect_level, playable
from game.content.review import review_level
from game.datafile.problems import Problem
from game.sim.board import Board
from game.sim.goals import play_solution, run_board

#: examples a run; more for a long hunt: TECHNIEKWERF_MUTATIONS=2000 pytest this file
EXAMPLES = int(os.environ.get("TECHNIEKWERF_MUTATIONS", "80"))
LEVEL_FILES = discover(game.PROJECT_ROOT / "levels")
SOUND = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in LEVEL_FILES}

KEYS = ["id", "world", "kind", "order", "groep", "kerndoelen", "title", "story", "new_parts",
        "grid", "blocked", "scenery", "cycle", "ticks", "parts", "palette", "goals", "stars",
        "hints", "parent_tip", "question", "predict", "probe", "solution", "text", "cells", "ghost", "at", "type",
        "rotation", "locked", "broken", "on", "charge", "needs", "choices", "answer", "explain",
        "max_parts", "max_hints", "two", "three", "steps", "place", "remove", "width", "height",
        "day", "night", "nonsense"]

HOSTILE = ["\x00", "\ud800", "\udfff", "\u200b", "\u200f", "\u202e", "\u2066", "\x07", "\x1b",
           "\x85", "\ufffe", "\U0010ffff", "\u2028", "\t", "\n", "\ufeff"]
FRIENDLY = ["é", "ğ", "ł", "ї", "مرحبا", "\u0651", "\u200d", "\U0001f600", "\U0001f468\u200d"
            "\U0001f469", " ", "-", "'", '"', ":", "#", "{", "[", "&", "*", "%", "W" * 40,
            "Licht", "x"]


def _deep(n: int) -> Any:
    value: Any = 1
    for _ in range(n):
        value = [value]
    return value


VALUES = st.one_of(
    st.none(), st.booleans(),
    st.integers(-3, 20), st.integers(-(10**30), 10**30), st.sampled_from([0, 1, 2, 3, 99, 400,
                                                                           401, 1000, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(HOSTILE + FRIENDLY),
    st.sampled_from(["house", "bed", "tank", "tap", "solar_panel", "wire_t", "pipe_straight",
                     "powered", "watered", "filled", "no_leaks", "no_shortage", "no_tripped_fuse", "answer",
                     "city", "greenport", "build", "fix", "explore", "tree"]),
    st.lists(st.integers(-2, 17), min_size=0, max_size=3),
    st.integers(20, 60).map(_deep),
    st.dictionaries(st.sampled_from(KEYS), st.integers(0, 5), max_size=3),
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every place in a document: keys and indexes from the top."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


def _get(doc: Any, path: tuple) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _mutate(doc: Any, data: st.DataObject) -> Any:
    """One change to the document (the top level itself may be replaced)."""
    paths = _paths(doc)
    path = data.draw(st.sampled_from(paths), label="where")
    op = data.draw(st.sampled_from(["replace", "delete", "insert", "text", "number", "repeat"]),
                   label="how")
    if not path:
        return data.draw(VALUES) if op == "replace" else doc
    parent, key = _get(doc, path[:-1]), path[-1]
    value = parent[key]
    if op == "replace":
        parent[key] = data.draw(VALUES, label="value")
    elif op == "delete":
        del parent[key]
    elif op == "insert":
        target = value if isinstance(value, dict | list) else parent
        if isinstance(target, dict):
            target[data.draw(st.sampled_from(KEYS), label="key")] = data.draw(VALUES, label="v")
        else:
            target.insert(data.draw(st.integers(0, len(target))), data.draw(VALUES, label="v"))
    elif op == "text" and isinstance(value, str):
        cut = data.draw(st.integers(0, len(value)), label="at")
        piece = data.draw(st.sampled_from(HOSTILE + FRIENDLY), label="piece")
        parent[key] = value[:cut] + piece + value[cut:]
    elif op == "number" and isinstance(value, int) and not isinstance(value, bool):
        parent[key] = value + data.draw(st.sampled_from([-100, -2, -1, 1, 2, 5, 1000]), label="d")
    elif op == "repeat" and isinstance(parent, list):
        parent.append(_copy(value))
    return doc


def _copy(value: Any) -> Any:
    return yaml.safe_load(yaml.safe_dump(value))


#: each sound level file's document as :func:`_copy` gives it (keys sorted), made once: an
#: example starts from a deep copy of it, the same document without the YAML round trip
COPIED: dict[Path, Any] = {}


def _copy_of_sound(source: Path) -> Any:
    if source not in COPIED:
        COPIED[source] = _copy(SOUND[source])
    return copy.deepcopy(COPIED[source])


def _dump(doc: Any) -> str:
    try:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**6)
    except (yaml.YAMLError, RecursionError):
        return yaml.safe_dump(doc, allow_unicode=False, sort_keys=False)


def _is_one_line(problem: Problem, source: str) -> bool:
    line = str(problem)
    return ("\n" not in line and "\r" not in line and line.startswith(source)
            and "internal error" not in line and "Traceback" not in line)


def _check_command(path: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = check.main([str(path)])
    return code, out.getvalue().splitlines()


def _play(app, fake_time, level) -> None:
    """The accepted level is usable by every part of the game that takes a level."""
    catalogue = LevelCatalogue([level])
    assert catalogue.get(level.id) is level
    run_board(Board(level))  # the board as it starts: the simulation runs all its ticks
    _board, result = play_solution(level)
    assert result.solved
    scene = start_play(app, level)
    try:
        for key in (pygame.K_t, pygame.K_h, pygame.K_h, pygame.K_h, pygame.K_ESCAPE,
                    pygame.K_ESCAPE):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                                 scancode=0))
            for _ in range(3):
                fake_time.advance(1 / 30)
                app.step_frame()
        from game.speech import instruction_text, speakable

        speakable(instruction_text(scene))
        while len(app.ctx.stack) > 1:
            app.ctx.stack.pop()
        from game.scenes.level_select import LevelSelectScene
        from game.scenes.world_map import WorldMapScene

        for menu in (WorldMapScene(app.ctx), LevelSelectScene(app.ctx, level.world)):
            app.ctx.stack.push(menu)
            app.run_frames(2)  # the level's card: its title, stars, lock
    finally:
        while len(app.ctx.stack) > 1:
            app.ctx.stack.pop()


def test_mutated_level_files_are_refused_in_one_line_or_playable(app, fake_time, tmp_path):
    base_scenes = len(app.ctx.stack)
    assert base_scenes >= 1
    outcomes = {"refused": 0, "accepted": 0, "runs": 0}

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def mutated(data):
        source = data.draw(st.sampled_from(LEVEL_FILES), label="file")
        doc = _copy_of_sound(source)
        for _ in range(data.draw(st.integers(1, 3), label="changes")):
            doc = _mutate(doc, data)
        outcomes["runs"] += 1
        folder = tmp_path / f"m{outcomes['runs']}" / source.parent.name
        folder.mkdir(parents=True)
        path = folder / source.name
        path.write_text(_dump(doc), encoding="utf-8", errors="surrogatepass")
        # named with its world folder, as the checker names it, so the rule that a level's
        # world is its folder's (a world: changed to another world) is judged here too
        name = f"{source.parent.name}/{source.name}"
        result = inspect_level(path, source=name)
        code, lines = _check_command(path)
        assert all("Traceback" not in line and "internal error" not in line for line in lines)
        if result.problems:
            outcomes["refused"] += 1
            assert result.level is None and code == 1
            assert all(_is_one_line(p, name) for p in result.problems), result.problems
            assert len(lines) == len(result.problems) + 1  # one line each, and the summary
        else:
            outcomes["accepted"] += 1
            # the level loads; the checker's design rules (two solutions for groep 7-8, whose
            # "ONE BUILD ONLY" comment a re-dumped file loses) may still add lines of their own
            design = review_level(result)
            assert all(_is_one_line(p, name) for p in design), design
            assert code == (1 if design else 0)
            assert len(lines) == len(design) + 1, lines
            if not design:
                assert lines == ["1 level checked, no problems"]
            good, warnings = playable([result])
            assert good == [result.level] and warnings == []
            _play(app, fake_time, result.level)

    mutated()
    print(outcomes)
    assert outcomes["refused"] and outcomes["accepted"], outcomes


# --- what the hunt found: each a crash of the checker before ---------------------------------


def _edited(name: str, old: str, new: str, tmp_path: Path) -> list[str]:
    source = next(p for p in LEVEL_FILES if p.name == name)
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source.parent.name / name
    path.parent.mkdir(parents=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in inspect_level(path, source=name).problems]


def test_a_list_with_a_bad_item_is_one_line_not_an_internal_error(tmp_path):
    assert _edited("01-first-light.yaml", "groep: [3, 4]", "groep: [null, 4]", tmp_path) == [
        "01-first-light.yaml:5: groep[0]: must be a whole number, not nothing"]


def test_a_question_with_a_bad_choice_is_one_line_not_an_internal_error(tmp_path):
    lines = _edited("06-which-works-at-night.yaml", "choices: [solar_panel, wind_turbine]",
                    "choices: [null, wind_turbine]", tmp_path)
    assert lines and all("choices[0]: must be a part kind, not nothing" in line
                         for line in lines[:1]), lines
    assert not any("internal error" in line for line in lines)


@pytest.mark.parametrize("old,new,said", [
    ("choices: [1, 2, 3, 4]", "choices: [one, 2, 3, 4]", "predict.choices[0]: must be a whole"),
    ("answer: 2", "answer: 5", "predict.answer: is not one of the choices"),
    ("kind: number", "kind: numbers", "predict.kind: must be one of part, number, place"),
    ("probe: true", "probe: yes", "probe: must be true or false"),
    ("  - {type: watered}\n", "  - {type: watered}\n  - {type: answer}\n",
     "a prediction is never wrong"),
])
def test_a_bad_prediction_is_one_line(tmp_path, old, new, said):
    lines = _edited("08-tap-or-pump.yaml", old, new, tmp_path)
    assert len(lines) == 1 and said in lines[0], lines
