"""Homework from school (game.homework): the file and the short code, and what they refuse."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import homework as hw_mod
from game.homework import (
    ALPHABET,
    MAX_BYTES,
    MAX_LEVELS,
    MESSAGES,
    Homework,
    HomeworkError,
    code_chars,
    file_name,
    from_code,
    from_json,
    level_hash,
    read_file,
    to_code,
    to_json,
)
from tests.scene_gallery import catalogue

IDS = [lv.id for lv in catalogue()]


def test_every_level_of_the_game_has_its_own_number_in_a_code():
    """A code names a level by a 15-bit hash of its id: no two levels may share one (a new
    level that collides is caught here)."""
    assert len({level_hash(x) for x in IDS}) == len(IDS)


def test_the_file_holds_only_the_levels_the_title_and_the_class():
    hw = Homework(tuple(IDS[:3]), "Stroom in de stad", "Groep 6b")
    raw = json.loads(to_json(hw))
    assert raw == {"format": "techniekwerf-homework", "version": 1,
                   "title": "Stroom in de stad", "class": "Groep 6b", "levels": IDS[:3]}
    assert from_json(to_json(hw), IDS) == hw


@pytest.mark.parametrize(("text", "reason"), [
    ("{not json", "broken"),
    ("[1, 2]", "foreign"),
    ('{"format": "something-else", "version": 1, "levels": []}', "foreign"),
    ('{"format": "techniekwerf-homework", "version": 9, "levels": ["x"]}', "version"),
    ('{"format": "techniekwerf-homework", "levels": ["x"]}', "broken"),
    ('{"format": "techniekwerf-homework", "version": true, "levels": ["x"]}', "broken"),
    ('{"format": "techniekwerf-homework", "version": 1, "levels": []}', "empty"),
    ('{"format": "techniekwerf-homework", "version": 1, "levels": "city-01"}', "broken"),
    ('{"format": "techniekwerf-homework", "version": 1, "levels": [3]}', "broken"),
    ('{"format": "techniekwerf-homework", "version": 1, "levels": ["no-such-level"]}',
     "unknown"),
    ('{"format": "techniekwerf-homework", "version": 1, "title": 5, '
     f'"levels": ["{IDS[0]}"]}}', "broken"),
])
def test_a_bad_file_is_refused_with_its_reason(text, reason):
    with pytest.raises(HomeworkError) as err:
        from_json(text, IDS)
    assert err.value.reason == reason
    assert reason in MESSAGES


def test_a_file_too_big_a_missing_one_and_one_not_in_utf8(tmp_path):
    big = tmp_path / "big.techniekwerf-huiswerk"
    big.write_text(" " * (MAX_BYTES + 1) + to_json(Homework((IDS[0],))), "utf-8")
    with pytest.raises(HomeworkError) as err:
        read_file(big, IDS)
    assert err.value.reason == "too_big"
    with pytest.raises(HomeworkError) as err:
        read_file(tmp_path / "gone.techniekwerf-huiswerk", IDS)
    assert err.value.reason == "missing"
    latin = tmp_path / "latin.techniekwerf-huiswerk"
    latin.write_bytes(b'{"format": "techniekwerf-homework", "title": "caf\xe9"}')
    with pytest.raises(HomeworkError) as err:
        read_file(latin, IDS)
    assert err.value.reason == "broken"


def test_a_file_from_notepad_with_a_bom_reads(tmp_path):
    path = tmp_path / "hw.techniekwerf-huiswerk"
    path.write_bytes(b"\xef\xbb\xbf" + to_json(Homework((IDS[1],), "Les", "6b")).encode())
    assert read_file(path, IDS) == Homework((IDS[1],), "Les", "6b")


def test_a_title_with_control_characters_is_cleaned_and_cut():
    text = json.dumps({"format": "techniekwerf-homework", "version": 1,
                       "title": "Les\x1b[31m\n  een" + "x" * 100, "class": "6b",
                       "levels": [IDS[0], IDS[0]]})
    hw = from_json(text, IDS)
    assert "\x1b" not in hw.title and "\n" not in hw.title and len(hw.title) <= 40
    assert hw.level_ids == (IDS[0],)  # each level once


def test_the_file_name_is_the_title_without_what_a_file_system_refuses():
    assert file_name("Stroom: in/de stad?") == "Stroom in de stad.techniekwerf-huiswerk"
    assert file_name("...") == "huiswerk.techniekwerf-huiswerk"


def test_a_code_is_short_grouped_and_reads_back():
    code = to_code(IDS[:4])
    assert len(code_chars(code)) == 1 + 3 * 4 + 1
    assert all(len(g) <= 4 for g in code.split("-"))
    assert from_code(code, IDS).level_ids == tuple(IDS[:4])
    # typed in lower case, without dashes, an O for a 0 and an l for a 1: the same code
    loose = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert from_code(loose, IDS).level_ids == tuple(IDS[:4])


def test_every_single_mistyped_character_is_caught():
    code = code_chars(to_code(IDS[5:8]))
    for i, c in enumerate(code):
        for other in ALPHABET:
            if other == c:
                continue
            typo = code[:i] + other + code[i + 1:]
            with pytest.raises(HomeworkError) as err:
                from_code(typo, IDS)
            assert err.value.reason in ("code_typo", "code_version", "unknown")


def test_a_short_a_long_and_a_foreign_code_are_refused():
    code = code_chars(to_code(IDS[:2]))
    for typed, reason in ((code[:-1], "code_short"), ("", "code_short"),
                          (code + "Q", "code_short"), ("1ABC-DEF!", "code_typo"),
                          ("ÄÖÜ", "code_typo")):
        with pytest.raises(HomeworkError) as err:
            from_code(typed, IDS)
        assert err.value.reason == reason, typed


def test_a_code_naming_a_level_this_game_lacks_says_so():
    code = to_code(IDS[:2])
    with pytest.raises(HomeworkError) as err:
        from_code(code, IDS[2:])
    assert err.value.reason == "unknown"


def test_a_code_of_a_newer_version_says_so():
    values = [2, 1, 2, 3]
    values.append(hw_mod._luhn(values))
    with pytest.raises(HomeworkError) as err:
        from_code("".join(ALPHABET[v] for v in values), IDS)
    assert err.value.reason == "code_version"


def test_too_many_levels_make_no_code():
    with pytest.raises(ValueError):
        to_code(IDS[:MAX_LEVELS + 1])
    with pytest.raises(ValueError):
        to_code([])


lessons = st.lists(st.sampled_from(IDS), min_size=1, max_size=MAX_LEVELS, unique=True)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(lessons, names, names)
def test_round_trip_of_the_file(ids, title, class_name):
    title = " ".join(title.split())
    class_name = " ".join(class_name.split())
    hw = Homework(tuple(ids), title, class_name)
    back = from_json(to_json(hw), IDS)
    assert back.level_ids == hw.level_ids
    assert back == from_json(to_json(back), IDS)  # a second round changes nothing


@settings(max_examples=300, deadline=None)
@given(lessons, st.integers(0, 200), st.integers(0, 31))
def test_round_trip_of_the_code_and_a_typo_never_passes_as_other_homework(ids, where, value):
    code = to_code(ids)
    assert from_code(code, IDS).level_ids == tuple(ids)
    chars = code_chars(code)
    i = where % len(chars)
    typo = chars[:i] + ALPHABET[value] + chars[i + 1:]
    if typo == chars:
        return
    with pytest.raises(HomeworkError):
        from_code(typo, IDS)


def test_the_familys_homework_is_kept_and_a_level_gone_is_left_out(tmp_path):
    assert hw_mod.load(tmp_path, IDS) is None
    hw_mod.save(tmp_path, Homework((IDS[0], "gone-level"), "Les", "6b"))
    assert hw_mod.load(tmp_path, IDS) == Homework((IDS[0],), "Les", "6b")
    hw_mod.save(tmp_path, Homework(("gone-level",), "Les", "6b"))
    assert hw_mod.load(tmp_path, IDS) is None
    (tmp_path / hw_mod.HOME_FILE).write_text("{broken", "utf-8")
    assert hw_mod.load(tmp_path, IDS) is None
    hw_mod.remove(tmp_path)
    hw_mod.remove(tmp_path)  # twice is no harm
    assert not (tmp_path / hw_mod.HOME_FILE).exists()


def test_homework_files_are_found_newest_first(tmp_path):
    import os

    (tmp_path / "a").mkdir()
    old = tmp_path / "a" / file_name("Old")
    new = tmp_path / file_name("New")
    old.write_text(to_json(Homework((IDS[0],))), "utf-8")
    new.write_text(to_json(Homework((IDS[1],))), "utf-8")
    os.utime(old, (1000, 1000))
    (tmp_path / "other.txt").write_text("x", "utf-8")
    found = hw_mod.find_files([tmp_path, tmp_path / "a", tmp_path / "missing"])
    assert [p.name for p in found] == [new.name, old.name]
