"""The parts are data: each world's levels/<world>/parts.yaml, checked like a level file, one
line per problem. A level's per-part options (a battery's charge, a bed's needs, a fuse's
limit) come from the part's params there; no screen, store or level schema names them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game import PROJECT_ROOT
from game.content.check import main as check_main
from game.content.level_schema import LEVEL as LEVEL_SCHEMA
from game.datafile.problems import LevelError
from game.datafile.schema import Context
from game.datafile.yamltree import build_tree, compose
from game.sim.board import Board
from game.sim.catalogue import (
    CATALOGUE,
    PARTS_FILE,
    Catalogue,
    parts_files,
    read_catalogue,
    read_parts,
)
from game.sim.geometry import Side
from game.sim.parts import Flow, Medium, Param, Role
from game.sim.simulation import Simulation

GOOD = """\
# a comment
- kind: lamp
  medium: power
  role: consumer
  ports: [N, E, S, W]
  name: Lamp
  description: Needs energy to give light.
  demand: 1
  rotates: false

- kind: gate
  medium: water
  role: conductor
  ports: [N, S]
  flow: both
  routes: {N: [S]}
  more_ports: [{side: E, medium: power, flow: in}]
  name: Gate
  description: Lets water one way.
  price: 2
  params:
    open: {default: true}
    turns: {default: 2, min: 1, max: 5}
    wait: {default: 3, min: 1, max: ticks}
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / PARTS_FILE
    path.write_text(text, encoding="utf-8")
    try:
        read_parts(path)
    except LevelError as error:
        return [str(p).replace(str(path), PARTS_FILE) for p in error.problems]
    return []


def test_the_games_parts_come_from_the_parts_file_of_each_world():
    files = parts_files(PROJECT_ROOT / "levels")
    names = [f.parent.name for f in files]
    assert names == ["city", "greenport", "hightech", "ict", "life_sciences", "logistics"]
    per_file = [read_parts(f) for f in files]
    kinds = [k for parts in per_file for k in parts]
    assert kinds == list(CATALOGUE) and len(set(kinds)) == len(kinds)
    assert {s.medium for s in per_file[0].values()} == {Medium.POWER}
    assert "bed" in per_file[names.index("greenport")] and "pump" in per_file[names.index("greenport")]


def test_a_good_file_builds_every_field(tmp_path):
    path = tmp_path / PARTS_FILE
    path.write_text(GOOD, encoding="utf-8")
    lamp, gate = read_parts(path).values()
    assert (lamp.role, lamp.demand, lamp.rotates, lamp.price) == (Role.CONSUMER, 1, False, 0)
    assert gate.routes_at(0) == {Side.N: frozenset({Side.S})}, "one way: in at N, out at S"
    assert gate.exits(0, Side.S) == frozenset()
    assert gate.more_ports[0].medium is Medium.POWER and gate.more_ports[0].flow is Flow.IN
    assert gate.options == {"open": Param(True), "turns": Param(2, 1, 5),
                            "wait": Param(3, 1, None, up_to_ticks=True)}
    assert gate.params == {"open": True, "turns": 2, "wait": 3}


@pytest.mark.parametrize(("change", "expected"), [
    (("  demand: 1\n", "  demand: many\n"),
     "parts.yaml:8: [0].demand: must be a whole number, not the text 'many'"),
    (("  demand: 1\n", "  demnd: 1\n"), "parts.yaml:8: [0].demnd: unknown key; did you mean 'demand'?"),
    (("  role: consumer\n", "  role: eater\n"),
     "parts.yaml:4: [0].role: must be one of source, storage, conductor, consumer, tank, field, "
     "not the text 'eater'"),
    (("  ports: [N, S]\n", "  ports: [N, Q]\n"),
     "parts.yaml:14: [1].ports[1]: must be one of N, E, S, W, not the text 'Q'"),
    (("side: E, medium: power", "side: N, medium: power"),
     "parts.yaml:17: [1].more_ports[0].side: N is already one of the part's ports"),
    (("- kind: gate\n", "- kind: lamp\n"), "parts.yaml:11: [1].kind: lamp is already a part of this file"),
    (("  description: Needs energy to give light.\n", ""), "parts.yaml:2: [0].description: missing"),
    (("{default: 2, min: 1, max: 5}", "{default: 7, min: 1, max: 5}"),
     "parts.yaml:23: [1].params.turns.default: must be from 1 to 5, not 7"),
    (("{default: true}", "{default: true, max: 3}"),
     "parts.yaml:22: [1].params.open: a true/false option has no min: or max:"),
    (("  price: 2\n", "  price: 2\n  meter: level\n"),
     "parts.yaml:21: [1].meter: level is not one of its params (open, turns, wait)"),
])
def test_each_mistake_is_one_line_at_its_place(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    assert problems(tmp_path, GOOD.replace(old, new, 1)) == [expected]


def test_two_files_that_give_one_kind_are_both_named(tmp_path):
    for world in ("a", "b"):
        (tmp_path / world).mkdir()
        (tmp_path / world / PARTS_FILE).write_text(GOOD, encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        read_catalogue(tmp_path)
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 2 and all("is already a part in" in line and "a/parts.yaml" in line
                                   for line in lines)


def test_the_catalogue_reads_nothing_until_asked(tmp_path):
    empty = Catalogue(tmp_path / "nowhere")  # no error yet: nothing is read when it is made
    with pytest.raises(LevelError, match="no parts.yaml in any world folder"):
        len(empty)
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / PARTS_FILE).write_text(GOOD, encoding="utf-8")
    assert list(Catalogue(tmp_path)) == ["lamp", "gate"]


def test_the_checker_reports_a_broken_parts_file(tmp_path, capsys):
    (tmp_path / "w").mkdir()
    path = tmp_path / "w" / PARTS_FILE
    path.write_text(GOOD.replace("  demand: 1\n", "  demand: -1\n"), encoding="utf-8")
    assert check_main([str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("parts.yaml:8: [0].demand: must be from 0 to 99, not -1")
    assert check_main([str(tmp_path)]) == 1
    path.write_text(GOOD, encoding="utf-8")
    assert check_main([str(tmp_path)]) == 0


# --- a level's part options come from the part's params ------------------------------------
BUSY_STREET = PROJECT_ROOT / "levels" / "city" / "13-busy-street.yaml"
FUSE = "{kind: fuse, at: [1, 1], rotation: 1}"


def parse(text: str) -> tuple[object, list[str]]:
    """The level schema's reading of ``text`` and its problems (without the replay)."""
    tree = build_tree(compose(text), "lvl.yaml")
    level = LEVEL_SCHEMA.check(tree.value, (), Context(tree))
    return level, [str(p).split(": ", 1)[1] for p in tree.problems]


@pytest.mark.parametrize(("option", "message"), [
    ("limit: 0", "parts[3].limit: must be from 1 to 9, not 0"),
    ("limit: true", "parts[3].limit: must be a whole number, not true/false"),
    ("charge: 3", "parts[3].charge: only battery, backup_battery have charge:; this part is a fuse"),
    ("limt: 3", "parts[3].limt: unknown key; did you mean 'limit'?"),
])
def test_a_part_option_is_checked_by_the_params_of_its_kind(option, message):
    text = BUSY_STREET.read_text(encoding="utf-8")
    assert FUSE in text
    level, found = parse(text.replace(FUSE, FUSE[:-1] + f", {option}}}"))
    assert found == [message]


def test_an_option_a_level_sets_is_what_the_simulation_uses():
    """The fuse's limit is a param: at 3 blocks the busy street trips its fuse in the evening;
    set to 6 by the level, the same fuse holds."""
    text = BUSY_STREET.read_text(encoding="utf-8")
    tripped = {}
    for limit in (3, 6):
        level, found = parse(text.replace(FUSE, FUSE[:-1] + f", limit: {limit}}}"))
        assert found == []
        tripped[limit] = bool(Simulation(Board(level)).run()[-1].tripped)
    assert tripped == {3: True, 6: False}


def test_no_screen_store_or_level_schema_names_a_part_option():
    options = sorted({name for spec in CATALOGUE.values() for name in spec.options} - {"on"})
    assert {"charge", "limit", "needs", "socket", "label"} <= set(options)
    names = "|".join(options)
    # reading an option (param("x"), params["x"], options["x"], piece.x) or declaring one
    # as a field of the level format ("x": Field(...))
    pattern = re.compile(rf"""param\(\s*["']({names})["']|(params|options)\[["']({names})["']\]"""
                         rf"""|\b(piece|part|p|spec|bp)\.({names})\b|["']({names})["']\s*:\s*Field""")
    places = [*sorted((PROJECT_ROOT / "game" / "scenes").glob("*.py")),
              *sorted((PROJECT_ROOT / "game" / "progress").glob("*.py")),
              PROJECT_ROOT / "game" / "ui" / "theme.py",
              PROJECT_ROOT / "game" / "content" / "level_schema.py"]
    found = [f"{path.relative_to(PROJECT_ROOT)}:{i}: {line.strip()}"
             for path in places
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line) and not line.strip().startswith("#")]
    assert found == []
