"""``techniekwerf check``: one line per problem, a summary, exit code 0/1, and never a
traceback, whatever the files hold. Fixtures are written to tmp_path; the real levels/
folder is never read."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game
from game.content import check
from game.content.loader import inspect_level
from game.datafile.problems import LevelError
from tests.test_content_loader import BASE, level_text, write

BAD_LEVELS = Path(__file__).parent / "data" / "bad_levels"


def run(paths: list[str | Path]) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = check.main([str(p) for p in paths])
    return code, out.getvalue().splitlines()


def test_good_folder_passes(tmp_path):
    write(tmp_path, level_text("city-01", "city", 1), "city/01-a.yaml")
    write(tmp_path, level_text("city-02", "city", 2), "city/02-b.yaml")
    assert run([tmp_path]) == (0, ["2 levels checked, no problems"])


def test_folder_with_good_and_bad_files(tmp_path):
    write(tmp_path, level_text("city-01", "city", 1), "city/01-a.yaml")
    write(tmp_path, level_text("city-02", "city", 2).replace("[2, 1]", "[7, 1]"), "city/02-b.yaml")
    write(tmp_path, b"\x00\x01\x02", "city/03-c.yaml")
    write(tmp_path, "", "city/04-d.yaml")
    (tmp_path / "city" / "05-e.yaml").mkdir()
    code, lines = run([tmp_path])
    city = tmp_path / "city"
    assert code == 1
    assert lines == [
        f"{city}/02-b.yaml:12: parts[1].at: cell [7, 1] is outside the 6x4 grid",
        f"{city}/03-c.yaml:1: file holds binary data, not text",
        f"{city}/04-d.yaml:1: file is empty",
        f"{city}/05-e.yaml: is a folder, not a level file",
        "4 problems in 4 of 5 levels",
    ]
    assert not any("Traceback" in line for line in lines)


def test_bad_fixture_folder(tmp_path):
    """The shipped fixtures: every one of them is refused, with one line at least."""
    code, lines = run([BAD_LEVELS])
    files = sorted(BAD_LEVELS.glob("*.yaml"))
    assert code == 1 and len(files) >= 5
    assert lines[-1].endswith(f"in {len(files)} of {len(files)} levels")
    for path in files:
        assert inspect_level(path).problems, path.name


def test_files_and_cross_file_rules(tmp_path):
    a = write(tmp_path, level_text("city-01", "city", 1), "a.yaml")
    b = write(tmp_path, level_text("city-01", "city", 1), "b.yaml")
    code, lines = run([a, b, a])  # a file named twice is checked once
    assert code == 1
    assert lines == [
        f"{b}:1: id: city-01 is already used by {a}",
        f"{b}:4: order: 1 is already the order of city level {a}",
        "2 problems in 1 of 2 levels",
    ]


def test_paths_are_shown_relative_to_the_working_folder(tmp_path, monkeypatch):
    write(tmp_path, "[]", "sub/x.yaml")
    monkeypatch.chdir(tmp_path)
    code, lines = run([tmp_path / "sub"])
    assert (
        lines[0]
        == os.path.join("sub", "x.yaml")
        + ":1: a level file must hold a mapping (id:, world:, kind: ...), not a list"
    )


def test_missing_path_and_template(tmp_path):
    template = write(tmp_path, BASE, "_template.yaml")
    code, lines = run([template, tmp_path / "nope.yaml"])
    assert code == 1
    assert lines == [
        f"{tmp_path}/nope.yaml: cannot read it: No such file or directory",
        "1 problem in 1 of 2 levels",
    ]


def test_no_paths_means_the_project_levels(tmp_path, monkeypatch):
    write(tmp_path, level_text("city-01", "city", 1), "levels/city/01-a.yaml")
    write(tmp_path, "not: a level", "levels/_template.yaml")
    monkeypatch.setattr(game, "PROJECT_ROOT", tmp_path)
    assert run([]) == (0, ["1 level checked, no problems"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    code, lines = run([tmp_path])
    assert (code, lines[0]) == (1, f"{tmp_path}/pipe.yaml: is not a regular file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, BASE)
    path.chmod(0)
    code, lines = run([path])
    assert (code, lines[0]) == (1, f"{path}: cannot read it: Permission denied")


def test_odd_names_stay_on_one_line(tmp_path):
    path = write(tmp_path, "id: [", "new\nline.yaml")
    code, lines = run([path])
    assert code == 1 and len(lines) == 2
    assert "new\\nline.yaml:" in lines[0]


def test_a_crash_in_the_loader_is_reported_not_raised(tmp_path, monkeypatch):
    def broken(path, source=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "inspect_level", broken)
    path = write(tmp_path, BASE)
    code, lines = run([path])
    assert code == 1
    assert (
        lines[0] == f"{path}: internal error while checking (RuntimeError: boom); please report it"
    )


# --- whatever the input, an answer and never an exception --------------------------------------

YAMLISH = st.lists(
    st.sampled_from(
        [
            "id",
            "world",
            "kind",
            "order",
            "parts",
            "grid",
            "solution",
            "steps",
            "at",
            "place",
            ":",
            ": ",
            "- ",
            "\n",
            "\n  ",
            "  ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "&a",
            "*a",
            "!!str",
            "!!python/name:os.system",
            "<<",
            "?",
            "---",
            "...",
            "#",
            "'",
            '"',
            "|",
            ">",
            "%YAML 1.1",
            "0",
            "-1",
            "3",
            "99999999999999999999",
            "1.5",
            ".inf",
            "yes",
            "no",
            "on",
            "true",
            "null",
            "~",
            "city",
            "house",
            "[1, 2]",
            "[7, 1]",
            "{width: 6, height: 4}",
            "\t",
            "é",
            "\ufeff",
            "\x85",
            "\u2028",
        ]
    ),
    max_size=60,
).map("".join)


def mutate_base(data: st.DataObject) -> str:
    """The sound base level with one line replaced: close to real mistakes."""
    lines = BASE.splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    lines[i] = data.draw(st.one_of(YAMLISH, st.text(max_size=30)))
    return "\n".join(lines) + "\n"


def check_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        inspect_level(path)  # the loader itself reports; it must not raise either
        code, lines = run([path])
        assert code in (0, 1)
        assert lines and all("Traceback" not in line for line in lines)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data):
    check_bytes(data)


@FUZZ
@given(YAMLISH)
def test_arbitrary_yamlish_text(text):
    check_bytes(text.encode("utf-8"))


@FUZZ
@given(st.data())
def test_mutated_levels(data):
    check_bytes(mutate_base(data).encode("utf-8"))


def test_a_duplicate_id_names_both_files_even_when_the_first_has_other_problems(tmp_path):
    a = write(tmp_path, level_text("city-03", "city", 3).replace("[2, 1]", "[9, 1]"), "a.yaml")
    b = write(tmp_path, level_text("city-03", "city", 4), "b.yaml")
    code, lines = run([tmp_path])
    assert code == 1
    assert f"{b}:1: id: city-03 is already used by {a}" in lines
    assert len(lines) == 3 and lines[-1] == "2 problems in 2 of 2 levels"


def test_the_game_skips_a_duplicate_id_with_one_line_naming_both_files(tmp_path, capsys):
    from game.app import load_catalogue

    a = write(tmp_path, level_text("city-03", "city", 3), "levels/city/a.yaml")
    b = write(tmp_path, level_text("city-03", "city", 4), "levels/city/b.yaml")
    catalogue = load_catalogue(tmp_path / "levels")
    assert [lv.order for lv in catalogue] == [3]
    err = capsys.readouterr().err.splitlines()
    assert err == [f"techniekwerf: warning: skipped {b}:1: id: city-03 is already used by {a} "
                   "(run 'techniekwerf check' for details)"]


def test_the_game_keeps_a_good_level_whose_id_a_broken_file_also_states(tmp_path, capsys):
    from game.app import load_catalogue

    write(tmp_path, level_text("city-03", "city", 3).replace("[2, 1]", "[9, 1]"),
          "levels/city/a.yaml")
    write(tmp_path, level_text("city-03", "city", 4), "levels/city/b.yaml")
    catalogue = load_catalogue(tmp_path / "levels")
    assert [lv.order for lv in catalogue] == [4]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "skipped 1 broken level file(s), first" in err[0]


@pytest.mark.parametrize("name,data,expected", [  # ids: the names, not the long texts
    ("utf16", "\ufeff" + BASE, ":1: file is UTF-16 text; save it as UTF-8"),
    ("deep block", "".join(f"{' ' * i}k{i}:\n" for i in range(200)) + " " * 200 + "x: 1\n",
     ":24: nested more than 24 levels deep"),
    ("deep flow", "a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n",
     ":1: nested more than 24 levels deep"),
    ("aliases", "a: &a [1, 2]\nb: [*a, *a, *a]\n",
     ":1: YAML anchors and aliases (& and *) are not allowed"),
], ids=["utf16", "deep block", "deep flow", "aliases"])
def test_hostile_files_get_one_line_and_no_traceback(tmp_path, name, data, expected):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data.encode("utf-16") if name == "utf16" else data.encode("utf-8"))
    code, lines = run([path])
    assert (code, lines) == (1, [f"{path}{expected}", "1 problem in 1 of 1 level"])


def test_a_parts_file_read_again_gives_what_reading_it_anew_gives(tmp_path):
    """The parts of a file read once are kept by its bytes (every check run reads the game's
    parts): a second read equals a fresh parse, a copy the caller may change, and a file
    changed in place (same size, same name) is read anew, a broken one refused again."""
    from game.sim import catalogue

    path = tmp_path / "parts.yaml"
    original = (game.PROJECT_ROOT / "levels" / "city" / "parts.yaml").read_text("utf-8")
    path.write_text(original, "utf-8")
    first = catalogue.read_parts(path)
    again = catalogue.read_parts(path)
    assert again == first == catalogue._read_parts(path)
    again.clear()
    assert catalogue.read_parts(path) == first
    path.write_text(original.replace("output: 2", "output: 5", 1), "utf-8")
    assert catalogue.read_parts(path)["solar_panel"].output == 5
    assert catalogue.read_parts(path) == catalogue._read_parts(path) != first
    path.write_text(original.replace("output: 2", "output: x", 1), "utf-8")
    for _ in range(2):
        with pytest.raises(LevelError):
            catalogue.read_parts(path)
