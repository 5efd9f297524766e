"""Kerndoelen: which tags a level may carry (39-46, 48 and ``digital``), that every level of
the game carries valid ones, that a wrong tag is one line naming file, line and field, and that
every kerndoel has its short title in all six languages (the dashboard, the pupil page and the
PDF report show it)."""

from __future__ import annotations

from pathlib import Path

import pytest

import game
from game.content.loader import inspect_level, load_levels
from game.i18n import make_translator
from game.kerndoelen import DIGITAL, KERNDOELEN, in_use, is_kerndoel, number
from game.progress.class_progress import KERNDOELEN as SHOWN
from game.progress.records import Dashboard

LANGS = ("nl", "en", "tr", "pl", "uk", "ar")
TEMPLATE = game.PROJECT_ROOT / "levels" / "_template.yaml"


def _level_text(tags: str) -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("kerndoelen:"))
    lines[at] = f"kerndoelen: {tags}\n"
    return "".join(lines), at + 1


def _problems(tmp_path: Path, tags: str) -> tuple[list[str], int]:
    text, line = _level_text(tags)
    path = tmp_path / "lvl.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in inspect_level(path, source="lvl.yaml").problems], line


def test_the_table_holds_exactly_the_kerndoelen_science_md_names():
    assert list(KERNDOELEN) == [39, 40, 41, 42, 43, 44, 45, 46, 48, DIGITAL]
    assert SHOWN is KERNDOELEN  # the teacher's screens name them from the same table


@pytest.mark.parametrize("tags", ["[39]", "[46, 48]", "[digital]", "[40, 41, 42, 43, 44, 45]",
                                  "[45, digital]"])
def test_every_allowed_tag_loads(tmp_path, tags):
    assert _problems(tmp_path, tags)[0] == []


@pytest.mark.parametrize(("tags", "what"), [
    ("[47]", "the number 47"),
    ("[38]", "the number 38"),
    ("[49]", "the number 49"),
    ('["42"]', "the text '42'"),
    ("[Digital]", "the text 'Digital'"),
    ("[true]", "true/false"),
])
def test_an_unknown_tag_is_one_line(tmp_path, tags, what):
    problems, line = _problems(tmp_path, tags)
    assert problems == [f"lvl.yaml:{line}: kerndoelen[0]: must be a kerndoel (39, 40, 41, 42, 43, "
                        f"44, 45, 46, 48 or digital), not {what}"]
    assert "\n" not in problems[0]


def test_a_tag_listed_twice_and_too_many_tags_are_one_line_each(tmp_path):
    problems, line = _problems(tmp_path, "[42, 42]")
    assert problems == [f"lvl.yaml:{line}: kerndoelen[1]: is listed twice"]
    problems, line = _problems(tmp_path, "[39, 40, 41, 42, 43, 44, 45]")
    assert problems == [f"lvl.yaml:{line}: kerndoelen: must have 1 to 6 items, not 7"]


def test_every_level_of_the_game_carries_valid_kerndoelen():
    levels = load_levels(game.PROJECT_ROOT / "levels")
    assert levels
    for level in levels:
        assert level.kerndoelen, level.id
        assert all(is_kerndoel(k) for k in level.kerndoelen), (level.id, level.kerndoelen)
        assert 45 in level.kerndoelen or level.kind.value == "explore", level.id


def test_day_and_night_is_46_and_weather_is_43():
    """Levels whose sources come and go with day and night train kerndoel 46 (the earth and
    the sun), not 43 (weather) - unless they also model weather (wind, cloud, rain)."""
    levels = {lv.id: lv for lv in load_levels(game.PROJECT_ROOT / "levels")}
    for level_id in ("city-07-night-falls", "city-11-save-it-for-the-night",
                     "city-12-ijburg-evening"):
        if level_id in levels:
            assert 46 in levels[level_id].kerndoelen, level_id


def test_saving_energy_and_water_is_39():
    levels = {lv.id: lv for lv in load_levels(game.PROJECT_ROOT / "levels")}
    for level_id in ("city-09-holiday-switch", "greenport-04-cracked-pipe",
                     "greenport-06-every-drop-counts"):
        if level_id in levels:
            assert 39 in levels[level_id].kerndoelen, level_id


@pytest.mark.parametrize("lang", LANGS)
def test_every_kerndoel_has_its_title_in_every_language(lang):
    gettext, _n = make_translator(lang)
    used = in_use(lv.kerndoelen for lv in load_levels(game.PROJECT_ROOT / "levels"))
    assert set(used) <= set(KERNDOELEN)
    for code, title in KERNDOELEN.items():
        shown = gettext(title)
        assert shown.strip(), (lang, code)
        if lang != "en":
            assert shown != title, f"{lang}: kerndoel {code} ({title!r}) has no translation"


def test_numbers_and_the_order_rows_are_shown_in():
    assert number(46) == "46" and number(DIGITAL) == ""
    # the rows follow the table's order, whatever order the levels list them in
    assert in_use([(45, DIGITAL), (46, 39), (42,)]) == [39, 42, 45, 46, DIGITAL]
    assert in_use([]) == []


def test_the_summary_lists_only_the_kerndoelen_the_levels_train():
    from game.progress.class_progress import kerndoel_summary

    class Lv:
        def __init__(self, id_: str, tags: tuple) -> None:
            self.id, self.world, self.order, self.kerndoelen = id_, "city", 1, tags

    levels = [Lv("a", (46, 42)), Lv("b", (DIGITAL,))]
    empty = Dashboard("class", (), ("a", "b"), {})
    assert [k.kerndoel for k in kerndoel_summary(empty, levels)] == [42, 46, DIGITAL]
