"""The worlds are data (levels/worlds.yaml), checked like a level file; no screen, theme or
store names a world, so a new world is a folder of levels, an entry in the file, its art and
its medium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game import PROJECT_ROOT
from game.content.worlds import read_worlds, story_order, world_ids, worlds
from game.datafile.problems import LevelError

GOOD = """\
- world: city
  name: Energy City
  town: Utrecht
  spot: [572, 628]
  badge: [692, 628]
  playable: true
  finale: Hooray!
  story: 1
- world: water
  name: Water and Sea
  town: Den Helder
  spot: [370, 60]
  badge: [240, 100]
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "worlds.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_worlds(path)
    except LevelError as error:
        return [str(p).replace(str(path), "worlds.yaml") for p in error.problems]
    return []


def test_the_games_worlds_read_in_map_order_and_story_order():
    ids = world_ids()
    assert len(ids) == 8 and len(set(ids)) == 8
    assert [p.world for p in worlds() if p.playable] == ["life_sciences", "hightech", "ict",
                                                         "logistics", "greenport", "city"]
    assert story_order(["life_sciences", "hightech", "logistics", "greenport", "city",
                        "nowhere"]) == [
        "city", "greenport", "logistics", "life_sciences", "hightech", "nowhere"]
    assert sum(p.first for p in worlds()) == 1
    assert all(p.finale for p in worlds() if p.playable)


def test_a_good_file_reads(tmp_path):
    assert problems(tmp_path, GOOD) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("  story: 1\n", "  story: 0\n"), "worlds.yaml:8: [0].story: must be from 1 to 99, not 0"),
    (("  badge: [692, 628]", "  badge: [692, 900]"),
     "worlds.yaml:5: [0].badge: must lie on the map (1280 x 720)"),
    (("  finale: Hooray!\n", ""),
     "worlds.yaml:1: [0].finale: missing; a world with levels needs Noor's last line"),
    (("- world: water", "- world: city"), "worlds.yaml:9: [1].world: city is already world 0"),
    (("  town: Utrecht\n", "  town: Utrecht\n  colour: teal\n"),
     "worlds.yaml:4: [0].colour: must be one of blue, green, orange, vermillion, purple, "
     "sky_blue, not "
     "the text 'teal'"),
    (("  name: Water and Sea", "  nmae: Water and Sea"),
     "worlds.yaml:10: [1].nmae: unknown key; did you mean 'name'?"),
])
def test_each_problem_is_one_line(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new, 1))
    assert expected in found, found


def test_not_a_list_is_one_line(tmp_path):
    assert problems(tmp_path, "world: city\n") == [
        "worlds.yaml:1: a worlds file holds a list of worlds (- world: ...), not a mapping"]


def test_a_level_names_a_world_of_the_file(tmp_path):
    from game.content.loader import inspect_level

    text = (PROJECT_ROOT / "levels" / "city" / "01-first-light.yaml").read_text(encoding="utf-8")
    path = tmp_path / "lvl.yaml"
    path.write_text(text.replace("world: city", "world: moon"), encoding="utf-8")
    lines = [str(p) for p in inspect_level(path, "lvl.yaml").problems]
    assert len(lines) == 1 and "world: must be one of the worlds of levels/worlds.yaml" in lines[0]


def test_the_worlds_texts_go_to_the_translators():
    from game.content.extract import extract_levels

    with open(PROJECT_ROOT / "levels" / "worlds.yaml", "rb") as f:
        found = {msgid: comments for _line, _f, msgid, comments in extract_levels(f, (), (), {})}
    for place in worlds():
        assert place.name in found and place.town in found
        assert "real town" in found[place.town][0]
    assert all(place.finale in found for place in worlds() if place.finale)


def test_the_checker_checks_the_worlds_file(tmp_path, capsys):
    from game.content.check import main

    (tmp_path / "worlds.yaml").write_text(GOOD.replace("story: 1", "story: 0"), encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert "[0].story: must be from 1 to 99, not 0" in capsys.readouterr().out


#: where a world's id written out would make a new world cost a code change
NO_WORLD_NAMES = ("game/scenes", "game/ui", "game/progress", "game/app.py")


def test_no_screen_theme_or_store_names_a_world():
    """(The worlds with levels: "water" is also a sound and a badge.)"""
    ids = "|".join(p.world for p in worlds() if p.playable)
    literal = re.compile(rf"""["']({ids})["']""")
    found = []
    for where in NO_WORLD_NAMES:
        root = PROJECT_ROOT / where
        for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if literal.search(line.split("#", 1)[0]):
                    found.append(f"{path.relative_to(PROJECT_ROOT)}:{n}: {line.strip()}")
    assert not found, "world ids written out:\n" + "\n".join(found)
