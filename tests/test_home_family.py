"""The family's profiles on disk (game.home.Family) and the school-or-home rule."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from game.home import (
    FAMILY_FILE,
    HOME,
    MAX_PROFILES,
    SCHOOL,
    Family,
    FamilyFull,
    place,
    should_ask,
)
from game.progress.records import DuplicateName, InvalidRecord
from game.settings import Settings


def test_profiles_are_kept_in_the_data_folder(tmp_path):
    family = Family(tmp_path)
    sam = family.add("  Sam ", "fox")
    assert sam.name == "Sam" and sam.avatar == "fox"
    again = Family(tmp_path)
    assert [(p.id, p.name, p.avatar) for p in again.profiles] == [(sam.id, "Sam", "fox")]
    raw = json.loads((tmp_path / FAMILY_FILE).read_text("utf-8"))
    assert set(raw["profiles"][0]) == {"id", "name", "avatar", "settings"}  # nothing else


def test_a_name_is_checked_like_a_pupils(tmp_path):
    family = Family(tmp_path)
    family.add("Zoë", "cat")
    with pytest.raises(DuplicateName):
        family.add("ZOË", "fox")
    for bad in ("", "   ", "a\tb", "!!!", "x" * 21):
        with pytest.raises(InvalidRecord):
            family.add(bad, "fox")
    with pytest.raises(InvalidRecord):
        family.add("Ali", "../../evil")
    assert [p.name for p in Family(tmp_path).profiles] == ["Zoë"]


def test_at_most_six_profiles(tmp_path):
    family = Family(tmp_path)
    for i in range(MAX_PROFILES):
        family.add(f"Kind {i}", "fox")
    assert family.full
    with pytest.raises(FamilyFull):
        family.add("Seven", "cat")
    assert len(Family(tmp_path).profiles) == MAX_PROFILES


def test_each_child_has_their_own_stars_and_deleting_takes_them_along(tmp_path):
    family = Family(tmp_path)
    sam, noa = family.add("Sam", "fox"), family.add("Noa", "cat")
    family.progress(sam.id).record_result("city-01", 3, True, 4, 0)
    assert Family(tmp_path).progress(sam.id).best_stars("city-01") == 3
    assert Family(tmp_path).progress(noa.id).best_stars("city-01") == 0
    folder = family.child_folder(sam.id)
    assert (folder / "progress.json").is_file()
    family.delete(sam.id)
    assert not folder.exists()
    assert [p.name for p in Family(tmp_path).profiles] == ["Noa"]
    assert Family(tmp_path).progress(sam.id).best_stars("city-01") == 0
    assert "Sam" not in (tmp_path / FAMILY_FILE).read_text("utf-8")


def test_a_damaged_family_file_is_kept_as_a_copy(tmp_path):
    (tmp_path / FAMILY_FILE).write_text("{not json", "utf-8")
    family = Family(tmp_path)
    assert family.profiles == []
    assert list(tmp_path.glob("family.broken-*.json"))
    family.add("Sam", "fox")
    assert [p.name for p in Family(tmp_path).profiles] == ["Sam"]


class _School:
    is_server = False

    def __init__(self, classes=()):
        self._classes = list(classes)

    def classes(self):
        return self._classes


def _ctx(school, **settings):
    return SimpleNamespace(school=school, settings=Settings(**settings))


def test_school_or_home():
    assert place(_ctx(None)) is None and not should_ask(_ctx(None))  # store not open yet
    assert place(_ctx(_School())) is None and should_ask(_ctx(_School()))
    assert place(_ctx(_School(), place=HOME)) == HOME
    assert place(_ctx(_School(), place=SCHOOL)) == SCHOOL
    # classes in the store, or a school server: school, whatever the settings say
    assert place(_ctx(_School(["groep 5"]), place=HOME)) == SCHOOL
    assert not should_ask(_ctx(_School(["groep 5"])))
    assert place(_ctx(_School(), db_url="postgresql://server/techniekwerf")) == SCHOOL


def test_the_answer_is_a_setting_that_survives_a_restart_and_bad_values(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.place is None
    settings.place = HOME
    settings.save()
    assert Settings.load(tmp_path).place == HOME
    (tmp_path / "settings.json").write_text(json.dumps({"place": "garden"}), "utf-8")
    assert Settings.load(tmp_path).place is None  # a bad value costs that value only
