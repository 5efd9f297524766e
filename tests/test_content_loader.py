"""The level loader: the template loads into the model, and every kind of broken file is
refused with one exact line naming file, line and field. Nothing here reads the real
levels/ folder except the template, which this package owns."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import game
from game.content.loader import (
    LevelCatalogue,
    discover,
    inspect_level,
    load_level,
    load_levels,
)
from game.datafile.problems import LevelError
from game.sim.model import (
    Cycle,
    Goal,
    GoalType,
    Hint,
    Level,
    LevelKind,
    PlacedPart,
    Solution,
    Step,
    StepAction,
)

TEMPLATE = game.PROJECT_ROOT / "levels" / "_template.yaml"

# A small valid level; the line numbers in the expected messages below refer to it.
BASE = """\
id: city-01-test
world: city
kind: build
order: 1
groep: [3, 4]
kerndoelen: [42]
title: "Test"
story: "A story."
grid: {width: 6, height: 4}
parts:
  - {kind: house, at: [4, 1]}
  - {kind: wire_straight, at: [2, 1], rotation: 1}
palette: {solar_panel: 1}
goals:
  - {type: powered}
hints:
  - text: "Where does the power come from?"
parent_tip: {what: "Solar panels turn sunlight into power.", region: "Flevoland has fields of solar panels.", ask: "What happens at night?", home: "Count the solar panels you see from a window."}
solution:
  stars: 3
  steps:
    - {place: solar_panel, at: [3, 1]}
"""


def write(folder: Path, text: str | bytes, name: str = "lvl.yaml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path, text: str | bytes) -> list[str]:
    """The problem lines for ``text``, with the file named ``lvl.yaml`` in messages."""
    return [str(p) for p in inspect_level(write(folder, text), source="lvl.yaml").problems]


def edited(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# --- sound files ------------------------------------------------------------------------------


def test_template_loads_into_the_model():
    level = load_level(TEMPLATE)
    assert isinstance(level, Level)
    assert level.id == "city-01-first-light"
    assert level.kind is LevelKind.BUILD
    assert (level.width, level.height) == (6, 4)
    assert level.groep == (3, 4)
    assert level.kerndoelen == (42, 45)
    assert level.blocked == frozenset({(0, 0), (5, 3)})
    assert level.parts[0] == PlacedPart("house", (4, 1))
    assert level.parts[1] == PlacedPart("wire_straight", (1, 2), rotation=1, locked=False)
    assert level.palette == {"solar_panel": 1, "wire_corner": 1}
    assert level.goals == (Goal(GoalType.POWERED, kind="house"), Goal(GoalType.NO_SHORTAGE))
    assert level.stars.three.max_parts == 2 and level.stars.two.max_parts == 3
    assert isinstance(level.hints[1], Hint) and level.hints[1].cells == ((3, 1),)
    assert level.hints[2].ghost == PlacedPart("solar_panel", (3, 1), locked=False)
    assert level.solution == Solution(
        steps=(Step(StepAction.PLACE, at=(3, 1), kind="solar_panel"),), stars=3
    )
    assert level.new_parts == ("solar_panel",)
    assert level.ticks == 16
    assert level.source == str(TEMPLATE)


def test_defaults_and_options(tmp_path):
    text = edited(
        "grid: {width: 6, height: 4}\n", "grid: {width: 6, height: 4}\ncycle: {day: 5, night: 3}\n"
    )
    text = text.replace(
        "  - {kind: wire_straight, at: [2, 1], rotation: 1}\n",
        "  - {kind: switch, at: [2, 1], on: false, locked: false}\n"
        "  - {kind: battery, at: [5, 1], charge: 4}\n"
        "  - {kind: bed, at: [0, 0]}\n"
        "  - {kind: wire_corner, at: [0, 1], broken: true}\n",
    )
    level = load_level(write(tmp_path, text))
    assert level.cycle == Cycle(5, 3) and level.ticks == 8
    switch, battery, bed, wire = level.parts[1:]
    assert battery.at == (5, 1), "beside the house, so the house stays lit at night"
    assert (switch.on, switch.locked) == (False, False)
    assert battery.charge == 4 and battery.needs is None
    assert bed.needs == 6, "a bed without needs: gets the catalogue's default"
    assert wire.broken and wire.locked


def test_a_solution_that_does_not_solve_is_refused(tmp_path):
    text = edited("{place: solar_panel, at: [3, 1]}", "{place: solar_panel, at: [0, 3]}")
    assert problems_of(tmp_path, text) == [
        "lvl.yaml:19: solution: does not solve the level: goal powered fails at [4, 1]"
    ]


def test_a_level_solved_from_the_start_is_refused(tmp_path):
    text = edited("  - {kind: house, at: [4, 1]}\n",
                  "  - {kind: house, at: [4, 1]}\n  - {kind: wind_turbine, at: [5, 1]}\n")
    assert problems_of(tmp_path, text) == [
        "lvl.yaml:20: solution: the level is already solved before anything is done"
    ]


def test_explore_level(tmp_path):
    text = (
        edited("kind: build", "kind: explore")
        .replace("  - {type: powered}\n", "  - {type: answer}\n")
        .replace(
            "solution:",
            'question:\n  text: "Which one works at night?"\n'
            "  choices: [solar_panel, wind_turbine]\n  answer: wind_turbine\nsolution:",
        )
        .replace("stars: 3\n  steps:\n", "stars: 3\n  steps:\n    - {answer: wind_turbine}\n")
    )
    level = load_level(write(tmp_path, text))
    assert level.question is not None and level.question.answer == "wind_turbine"
    assert level.solution.steps[0] == Step(StepAction.ANSWER, kind="wind_turbine")


def test_yes_and_no_are_text_not_booleans(tmp_path):
    level = load_level(write(tmp_path, edited('title: "Test"', "title: No")))
    assert level.title == "No"


# --- one broken thing, one exact line ---------------------------------------------------------

CASES = {
    "text for a number": (
        edited("order: 1", 'order: "1"'),
        "lvl.yaml:4: order: must be a whole number, not the text '1'",
    ),
    "bool is not an int": (
        edited("order: 1", "order: true"),
        "lvl.yaml:4: order: must be a whole number, not true/false",
    ),
    "decimal rotation": (
        edited("rotation: 1}", "rotation: 1.5}"),
        "lvl.yaml:12: parts[1].rotation: must be a whole number, not the number 1.5",
    ),
    "rotation out of range": (
        edited("rotation: 1}", "rotation: 4}"),
        "lvl.yaml:12: parts[1].rotation: must be from 0 to 3, not 4",
    ),
    "yes is not a boolean": (
        edited("rotation: 1}", "rotation: 1, locked: yes}"),
        "lvl.yaml:12: parts[1].locked: must be true or false, not the text 'yes'",
    ),
    "unknown part": (
        edited("{kind: house,", "{kind: solar_pannel,"),
        "lvl.yaml:11: parts[0].kind: unknown part kind 'solar_pannel'; did you mean 'solar_panel'?",
    ),
    "off grid": (
        edited("at: [2, 1]", "at: [7, 1]"),
        "lvl.yaml:12: parts[1].at: cell [7, 1] is outside the 6x4 grid",
    ),
    "negative cell": (
        edited("at: [2, 1]", "at: [-1, 1]"),
        "lvl.yaml:12: parts[1].at: cell [-1, 1] is outside the 6x4 grid",
    ),
    "not a cell": (
        edited("at: [2, 1]", "at: [2]"),
        "lvl.yaml:12: parts[1].at: must be a cell [x, y] of two whole numbers, not a list",
    ),
    "overlapping parts": (
        edited("at: [2, 1]", "at: [4, 1]"),
        "lvl.yaml:12: parts[1].at: cell [4, 1] already holds parts[0] (house)",
    ),
    "part on blocked cell": (
        edited("parts:\n", "blocked: [[4, 1]]\nparts:\n"),
        "lvl.yaml:12: parts[0].at: cell [4, 1] is blocked scenery",
    ),
    "charge on a house": (
        edited("at: [4, 1]}", "at: [4, 1], charge: 3}"),
        "lvl.yaml:11: parts[0].charge: only battery, backup_battery have charge:; this part is "
        "a house",
    ),
    "on for a wire": (
        edited("rotation: 1}", "rotation: 1, on: false}"),
        "lvl.yaml:12: parts[1].on: only switch, valve, bench_switch, stair_switch, water_cooler "
        "have on:; "
        "this part is a wire_straight",
    ),
    "needs on a house": (
        edited("at: [4, 1]}", "at: [4, 1], needs: 3}"),
        "lvl.yaml:11: parts[0].needs: only bed, hospital_bay have needs:; this part is a house",
    ),
    "rotation of a house": (
        edited("at: [4, 1]}", "at: [4, 1], rotation: 2}"),
        "lvl.yaml:11: parts[0].rotation: a house is the same every way round; leave rotation out",
    ),
    "goal kind not a consumer": (
        edited("{type: powered}", "{type: powered, kind: wind_turbine}"),
        "lvl.yaml:15: goals[0].kind: must be a power consumer, a signal output, a workbench lamp or "
        "steel scrap (house, street_light, school, bulb, steel_scrap, signal_lamp, door_lock, "
        "alarm_bell), not wind_turbine",
    ),
    "unknown palette kind": (
        edited("palette: {solar_panel: 1}", "palette: {solar_panel: 1, gizmo: 2}"),
        "lvl.yaml:13: palette.gizmo: unknown part kind 'gizmo'",
    ),
    "palette count is zero": (
        edited("palette: {solar_panel: 1}", "palette: {solar_panel: 0}"),
        "lvl.yaml:13: palette.solar_panel: must be from 1 to 99, not 0",
    ),
    "missing solution": (
        BASE[: BASE.index("solution:")],
        "lvl.yaml:1: solution: missing; every level needs a reference solution (stars: and steps:)",
    ),
    "solution step off grid": (
        edited("at: [3, 1]}", "at: [3, 4]}"),
        "lvl.yaml:22: solution.steps[0].at: cell [3, 4] is outside the 6x4 grid",
    ),
    "solution kind not in palette": (
        edited("{place: solar_panel,", "{place: wind_turbine,"),
        "lvl.yaml:22: solution.steps[0].place: wind_turbine is not in the palette",
    ),
    "solution removes a locked part": (
        BASE + "    - {remove: [4, 1]}\n",
        "lvl.yaml:23: solution.steps[1].remove: the house at [4, 1] is locked",
    ),
    "step with two actions": (
        edited(
            "{place: solar_panel, at: [3, 1]}", "{place: solar_panel, at: [3, 1], toggle: [2, 1]}"
        ),
        "lvl.yaml:22: solution.steps[0]: a step must have exactly one of place, remove, rotate, toggle, answer; it has place and toggle",
    ),
    "explore without question": (
        edited("kind: build", "kind: explore").replace("{type: powered}", "{type: answer}"),
        "lvl.yaml:1: predict: missing; an explore level asks for a prediction (or a question)",
    ),
    "question on a build level": (
        edited(
            "solution:",
            'question: {text: "Q?", choices: [house, school], answer: house}\nsolution:',
        ),
        "lvl.yaml:19: question: only explore levels have a question",
    ),
    "stars that the solution does not earn": (
        edited("goals:", "stars: {three: {max_parts: 0}}\ngoals:"),
        "lvl.yaml:21: solution.stars: the solution earns 2 stars, not 3",
    ),
    "groep upside down": (
        edited("groep: [3, 4]", "groep: [6, 4]"),
        "lvl.yaml:5: groep: lowest groep 6 comes after highest 4",
    ),
    "kerndoel out of range": (
        edited("kerndoelen: [42]", "kerndoelen: [47]"),
        "lvl.yaml:6: kerndoelen[0]: must be a kerndoel (39, 40, 41, 42, 43, 44, 45, 46, 48 "
        "or digital), not the number 47",
    ),
    "bad id": (
        edited("id: city-01-test", "id: City_01"),
        "lvl.yaml:1: id: 'City_01' must be lowercase letters, digits and dashes, like city-01-first-light",
    ),
    "bad world": (
        edited("world: city", "world: citty"),
        "lvl.yaml:2: world: must be one of the worlds of levels/worlds.yaml (water, life_sciences, hightech, ict, logistics, greenport, media, city), not the text 'citty'; did you mean 'city'?",
    ),
    "empty text": (
        edited('story: "A story."', 'story: ""'),
        "lvl.yaml:8: story: must not be empty",
    ),
    "too many hints": (
        edited("hints:\n", 'hints:\n  - text: "a"\n  - text: "b"\n  - text: "c"\n'),
        "lvl.yaml:17: hints: must have 1 to 3 items, not 4",
    ),
    "duplicate key": (
        edited('story: "A story."\n', 'story: "A story."\ntitle: "Again"\n'),
        "lvl.yaml:9: title: duplicate key (first on line 7)",
    ),
    "unknown key with suggestion": (
        edited('story: "A story."\n', 'story: "A story."\nstorry: "x"\n'),
        "lvl.yaml:9: storry: unknown key; did you mean 'story'?",
    ),
    "unknown nested key": (
        edited("{type: powered}", "{type: powered, colour: red}"),
        "lvl.yaml:15: goals[0].colour: unknown key (known keys: type, kind, at, within)",
    ),
    "missing nested key": (
        edited("{kind: house, at: [4, 1]}", "{kind: house}"),
        "lvl.yaml:11: parts[0].at: missing",
    ),
    "unsafe tag": (
        edited('title: "Test"', 'title: !!python/object/apply:os.system ["echo hi"]'),
        "lvl.yaml:7: title: YAML tags such as !!python/object/apply:os.system are not allowed",
    ),
    "not a mapping": (
        "- id: x\n- world: city\n",
        "lvl.yaml:1: a level file must hold a mapping (id:, world:, kind: ...), not a list",
    ),
    "a plain scalar": (
        "hello\n",
        "lvl.yaml:1: a level file must hold a mapping (id:, world:, kind: ...), not the text 'hello'",
    ),
    "empty file": ("", "lvl.yaml:1: file is empty"),
    "only whitespace": ("  \n\n", "lvl.yaml:1: file is empty"),
    "only comments": ("# nothing yet\n", "lvl.yaml:1: file is empty (only comments)"),
    "binary file": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "lvl.yaml:3: file holds binary data, not text",
    ),
    "not UTF-8": (b"id: x\ntitle: caf\xe9\n", "lvl.yaml:2: file is not UTF-8 text (byte 0xe9)"),
    "control character": (
        "id: x\ntitle: a\x07b\n",
        "lvl.yaml:2: file holds a control character (U+0007)",
    ),
    "syntax error": (
        edited("groep: [3, 4]", "groep: [3, 4"),
        "lvl.yaml:6: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence on line 5)",
    ),
    "two documents": (
        BASE + "---\nid: other\n",
        "lvl.yaml:23: a level file holds one YAML document; remove the second '---'",
    ),
    "anchor": (
        edited("goals:\n  - {type: powered}", "goals:\n  - &g {type: powered}"),
        "lvl.yaml:15: YAML anchors and aliases (& and *) are not allowed",
    ),
    "deep nesting": ("a: " + "[" * 5000 + "\n", "lvl.yaml:1: nested more than 24 levels deep"),
    "huge number": (
        edited("order: 1", "order: " + "9" * 5000),
        "lvl.yaml:4: order: cannot read the value '9999999999999999999999999999999999999999'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_problem_one_line(tmp_path, case):
    text, expected = CASES[case]
    assert problems_of(tmp_path, text) == [expected]


def test_base_level_is_sound(tmp_path):
    assert problems_of(tmp_path, BASE) == []


def test_oversized_file_is_refused_before_parsing(tmp_path):
    text = BASE + "# padding\n" * 7000
    assert problems_of(tmp_path, text) == [
        f"lvl.yaml:1: file is {len(text)} bytes, more than the 64 KiB a level file may have"
    ]


def test_alias_bomb_is_refused_fast(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    with pytest.raises(LevelError) as error:
        load_level(path)
    assert time.perf_counter() - start < 0.5
    assert [str(p) for p in error.value.problems] == [
        f"{path}:1: YAML anchors and aliases (& and *) are not allowed"
    ]


def test_folder_named_like_a_level(tmp_path):
    (tmp_path / "lvl.yaml").mkdir()
    assert problems_of_path(tmp_path / "lvl.yaml") == ["lvl.yaml: is a folder, not a level file"]


def test_missing_file(tmp_path):
    assert problems_of_path(tmp_path / "lvl.yaml") == [
        "lvl.yaml: cannot read it: No such file or directory"
    ]


def problems_of_path(path: Path) -> list[str]:
    return [str(p) for p in inspect_level(path, source="lvl.yaml").problems]


def test_every_problem_of_a_file_is_reported_in_line_order(tmp_path):
    text = (
        edited("world: city", "world: citty")
        .replace("at: [2, 1]", "at: [9, 9]")
        .replace('title: "Test"', "title: 5")
        .replace("{type: powered}", "{type: powred}")
        .replace("stars: 3", "stars: 4")
    )
    assert problems_of(tmp_path, text) == [
        "lvl.yaml:2: world: must be one of the worlds of levels/worlds.yaml (water, life_sciences, hightech, ict, logistics, greenport, media, city), not the text 'citty'; did you mean 'city'?",
        "lvl.yaml:7: title: must be text, not the number 5 (put it in quotes)",
        "lvl.yaml:12: parts[1].at: cell [9, 9] is outside the 6x4 grid",
        "lvl.yaml:15: goals[0].type: must be one of powered, watered, filled, no_leaks, "
        "no_shortage, no_tripped_fuse, pumps_run, no_waste, delivered, no_jam, no_wrong, no_drop, no_flat, scanned, "
        "not_too_warm, not_too_cold, vent_free, strong_enough, signal_on, signal_off, truth_table, "
        "shaft_speed, no_gear_jam, lamps_lit, lamps_bright, lamps_dark, magnet_holds, switched, "
        "no_short_circuit, packets_delivered, no_packet_lost, servers_on, answer, "
        "not the text 'powred'; "
        "did you mean 'powered'?",
        "lvl.yaml:20: solution.stars: must be from 1 to 3, not 4",
    ]


def test_load_level_raises_with_all_problems(tmp_path):
    path = write(tmp_path, edited("order: 1", "order: 0").replace("[42]", "[]"))
    with pytest.raises(LevelError) as error:
        load_level(path)
    assert [(p.line, p.field) for p in error.value.problems] == [(4, "order"), (6, "kerndoelen")]
    assert str(error.value).splitlines()[0] == f"{path}:4: order: must be from 1 to 999, not 0"


def test_world_must_match_its_folder(tmp_path):
    path = write(tmp_path, BASE, "greenport/01-test.yaml")
    assert [str(p) for p in inspect_level(path, source="x.yaml").problems] == []  # source decides
    assert [str(p) for p in inspect_level(path).problems] == [
        f"{path}:2: world: is city but the file is in the greenport folder"
    ]


# --- many files -------------------------------------------------------------------------------


def level_text(level_id: str, world: str, order: int) -> str:
    return (
        BASE.replace("id: city-01-test", f"id: {level_id}")
        .replace("world: city", f"world: {world}")
        .replace("order: 1", f"order: {order}")
    )


def test_load_levels_discovers_and_skips_templates(tmp_path):
    write(tmp_path, level_text("city-02", "city", 2), "city/02-b.yaml")
    write(tmp_path, level_text("city-01", "city", 1), "city/01-a.yaml")
    write(tmp_path, level_text("greenport-01", "greenport", 1), "greenport/01-a.yaml")
    write(tmp_path, "not: a level", "_template.yaml")
    write(tmp_path, "not: a level", "city/notes.txt")
    assert [p.name for p in discover(tmp_path)] == ["01-a.yaml", "02-b.yaml", "01-a.yaml"]
    catalogue = LevelCatalogue.load(tmp_path)
    assert len(catalogue) == 3
    assert catalogue.worlds() == ["city", "greenport"]
    assert [level.id for level in catalogue.world("city")] == ["city-01", "city-02"]
    assert catalogue.get("greenport-01").world == "greenport"
    assert "city-02" in catalogue and "nope" not in catalogue
    assert catalogue.world("logistics") == []
    with pytest.raises(KeyError, match="nope"):
        catalogue.get("nope")


def test_load_levels_refuses_clashing_ids_and_orders(tmp_path):
    write(tmp_path, level_text("city-01", "city", 1), "a.yaml")
    write(tmp_path, level_text("city-01", "city", 1), "b.yaml")
    write(tmp_path, edited("order: 1", "order: x"), "c.yaml")
    with pytest.raises(LevelError) as error:
        load_levels(tmp_path)
    a, b, c = (str(tmp_path / name) for name in ("a.yaml", "b.yaml", "c.yaml"))
    assert [str(p) for p in error.value.problems] == [
        f"{b}:1: id: city-01 is already used by {a}",
        f"{b}:4: order: 1 is already the order of city level {a}",
        f"{c}:4: order: must be a whole number, not the text 'x'",
    ]


def test_libyaml_and_pyyaml_read_every_data_file_alike():
    """The game parses with libyaml's parser where PyYAML has it (game.datafile.yamltree): for
    every level, worlds and parts file, its node tree (tag, value and line of every node) is
    the one PyYAML's own parser makes."""
    import yaml as pyyaml

    from game.datafile import yamltree

    def shape(node):
        inner = node.value
        if isinstance(node, pyyaml.SequenceNode):
            inner = [shape(n) for n in inner]
        elif isinstance(node, pyyaml.MappingNode):
            inner = [(shape(k), shape(v)) for k, v in inner]
        return node.tag, inner, node.start_mark.line

    def python_parse(text):
        loader = yamltree.LevelYamlLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    assert pyyaml.__with_libyaml__ and yamltree._Loader is not yamltree.LevelYamlLoader
    files = sorted((game.PROJECT_ROOT / "levels").rglob("*.yaml"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert shape(yamltree.compose(text)) == shape(python_parse(text)), path
