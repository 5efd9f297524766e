"""``techniekwerf teacher ...``: every command against a real SQLite store and real files;
bad input is one line on stderr with exit code 1 or 2, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from game import PROJECT_ROOT
from game.progress.records import Attempt, Lesson, Outcome, new_id, now
from game.teacher_cli import main
from tests.scene_gallery import catalogue as real_levels


class Pipe(io.StringIO):
    """stdin from a pipe (not a terminal), as when a script feeds the PIN."""

    def isatty(self) -> bool:
        return False


class Cli:
    """Runs teacher commands in this process on one data folder; keeps stdout and stderr."""

    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data, self.capsys = data, capsys
        self.out = self.err = ""

    def __call__(self, *argv: str, stdin: str = "") -> int:
        out = io.StringIO()
        code = main([*argv, "--data", str(self.data)], out=out, stdin=Pipe(stdin))
        self.out, self.err = out.getvalue(), self.capsys.readouterr().err
        return code

    def lines(self, *argv: str) -> list[list[str]]:
        assert self(*argv) == 0, self.err
        return [line.split("\t") for line in self.out.splitlines()]

    def store(self):
        from game.progress.sql import SqlSchoolStore

        return SqlSchoolStore(self.data)


@pytest.fixture
def cli(tmp_path, capsys) -> Cli:
    return Cli(tmp_path / "data", capsys)


@pytest.fixture(scope="module")
def first_levels() -> list:
    return list(real_levels())[:3]


def one_error_line(cli: Cli) -> str:
    lines = cli.err.strip().splitlines()
    assert len(lines) == 1, cli.err
    assert "Traceback" not in cli.err
    assert lines[0].startswith("techniekwerf teacher: ")
    return lines[0]


def fill_class(cli: Cli, levels: list) -> tuple[str, str, str]:
    """A class with two pupils and some play; returns the class, Zoë's and Daan's ids."""
    assert cli("add-class", "groep 5b") == 0
    class_id = cli.out.strip()
    assert cli("add-pupil", "groep 5b", "Zoë", "--avatar", "fox") == 0
    zoe = cli.out.strip()
    assert cli("add-pupil", class_id, "Daan", "--avatar", "owl") == 0
    daan = cli.out.strip()
    store = cli.store()
    try:
        start = now() - timedelta(hours=1)
        store.save_attempt(Attempt(new_id(), zoe, levels[0].id, None, start,
                                   start + timedelta(minutes=3), Outcome.SOLVED, 2))
        store.save_attempt(Attempt(new_id(), daan, levels[1].id, None, start,
                                   start + timedelta(minutes=9), Outcome.GAVE_UP,
                                   failed_tests=3))
    finally:
        store.close()
    return class_id, zoe, daan


def test_classes_and_pupils(cli, first_levels):
    class_id, zoe, daan = fill_class(cli, first_levels)
    assert cli.lines("classes") == [[class_id, "groep 5b", "2"]]
    assert sorted(cli.lines("pupils", "groep 5b")) == sorted([[zoe, "Zoë", "fox"],
                                                             [daan, "Daan", "owl"]])
    assert cli.lines("pupils", class_id) == cli.lines("pupils", "GROEP 5B")


def test_lessons_are_listed(cli):
    store = cli.store()
    try:
        store.save_lesson(Lesson(new_id(), "Stroom", ("city-01", "city-02")))
    finally:
        store.close()
    [[lesson_id, title, levels]] = cli.lines("lessons")
    assert (title, levels) == ("Stroom", "city-01,city-02") and len(lesson_id) == 36


def test_export_csv_in_dutch(cli, first_levels, tmp_path):
    fill_class(cli, first_levels)
    out = tmp_path / "klas.csv"
    assert cli("export-csv", "groep 5b", str(out), "--all-levels") == 0, cli.err
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    assert rows[0][0] == "Leerling" and {r[0] for r in rows[1:]} == {"Zoë", "Daan"}
    assert "2 pupils" in cli.out


def test_export_csv_of_a_lesson_has_only_its_levels(cli, first_levels, tmp_path):
    fill_class(cli, first_levels)
    store = cli.store()
    try:
        store.save_lesson(Lesson(new_id(), "Les 1", (first_levels[1].id,)))
    finally:
        store.close()
    out = tmp_path / "les.csv"
    assert cli("export-csv", "groep 5b", str(out), "--lesson", "les 1", "--lang", "en") == 0
    header = out.read_bytes().decode("utf-8-sig").splitlines()[0].split(";")
    assert len(header) == 5 + 5 and header[5] == f"1. {first_levels[1].title}: status"


def test_report_pdf(cli, first_levels, tmp_path):
    fill_class(cli, first_levels)
    out = tmp_path / "klas.pdf"
    assert cli("report", "groep 5b", str(out), "--lang", "nl") == 0, cli.err
    assert out.read_bytes().startswith(b"%PDF-")


def test_every_export_speaks_each_of_the_six_languages(cli, first_levels, tmp_path):
    """``--lang`` takes every language of the game; the CSV's header, the PDF's words and the
    parent's text are in it (poppler reads the PDF back; Arabic lines carry their mark)."""
    from game.i18n import make_translator
    from game.settings import LANGUAGES

    _class_id, zoe, _daan = fill_class(cli, first_levels)
    assert LANGUAGES == ("nl", "en", "tr", "pl", "uk", "ar")
    for lang in LANGUAGES:
        gettext = make_translator(lang)[0]
        csv_out, pdf_out, txt_out = (tmp_path / f"{lang}.{ext}" for ext in ("csv", "pdf", "txt"))
        assert cli("export-csv", "groep 5b", str(csv_out), "--lang", lang) == 0, cli.err
        header = csv_out.read_bytes().decode("utf-8-sig").splitlines()[0].split(";")
        assert header[0] == gettext("Pupil"), lang
        assert cli("export-pupil", zoe, str(txt_out), "--lang", lang) == 0, cli.err
        first = txt_out.read_text("utf-8-sig").splitlines()[0]
        assert first == ("\u200f" if lang == "ar" else "") + gettext(
            "Techniekwerf: what is stored about this pupil"), lang
        if lang not in ("pl", "uk", "ar"):  # here a report per script (time); every
            continue  # language's report is read back in test_report.py
        assert cli("report", "groep 5b", str(pdf_out), "--lang", lang) == 0, cli.err
        assert pdf_out.read_bytes().startswith(b"%PDF-")
        if lang != "ar" and shutil.which("pdftotext"):  # Arabic read back: see test_report.py
            text = subprocess.run(["pdftotext", str(pdf_out), "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert gettext("Class report") in text and "Zoë" in text, lang


def test_the_readme_names_every_language_a_command_takes():
    """The play command and the teacher's exports take the six languages; README says so."""
    from game.__main__ import build_parser as game_parser
    from game.settings import LANGUAGES
    from game.teacher_cli import build_parser as teacher_parser

    def lang_choices(parser) -> tuple[str, ...]:
        return tuple(next(a for a in parser._actions if "--lang" in a.option_strings).choices)

    assert lang_choices(game_parser()) == LANGUAGES
    sub = next(a for a in teacher_parser()._actions if a.dest == "command").choices
    for command in ("export-csv", "report", "cards", "export-pupil"):
        assert lang_choices(sub[command]) == LANGUAGES, command
    listed = "--lang " + "\\|".join(LANGUAGES)
    rows = [line for line in (PROJECT_ROOT / "README.md").read_text("utf-8").splitlines()
            if line.startswith("| `techniekwerf") and "--lang" in line]
    assert len(rows) == 6 and all(listed in row for row in rows), rows  # 6: and the guide


def test_export_pupil_json_text_and_folder(cli, first_levels, tmp_path):
    _class_id, zoe, daan = fill_class(cli, first_levels)
    assert cli("export-pupil", zoe, str(tmp_path / "zoe.json")) == 0, cli.err
    data = json.loads((tmp_path / "zoe.json").read_text("utf-8"))
    assert "Zoë" in json.dumps(data, ensure_ascii=False) and daan not in json.dumps(data)
    assert cli("export-pupil", zoe, str(tmp_path / "zoe.txt"), "--lang", "nl") == 0
    assert "Zoë" in (tmp_path / "zoe.txt").read_text("utf-8-sig")
    assert cli("export-pupil", zoe, str(tmp_path)) == 0
    assert len(cli.out.splitlines()) == 2


def test_delete_pupil_and_class_ask_for_yes(cli, first_levels):
    class_id, zoe, daan = fill_class(cli, first_levels)
    assert cli("delete-pupil", zoe) == 2
    assert "--yes" in one_error_line(cli)
    assert len(cli.lines("pupils", class_id)) == 2
    assert cli("delete-pupil", zoe, "--yes") == 0
    assert [row[0] for row in cli.lines("pupils", class_id)] == [daan]
    assert cli("delete-class", class_id) == 2
    assert cli("delete-class", class_id, "--yes") == 0
    assert cli.lines("classes") == []
    store = cli.store()
    try:
        assert store.attempts() == []
    finally:
        store.close()


def test_purge_year_asks_for_yes_and_keeps_classes(cli, first_levels):
    class_id, _zoe, _daan = fill_class(cli, first_levels)
    assert cli("purge-year") == 2
    assert len(cli.lines("pupils", class_id)) == 2
    assert cli("purge-year", "--yes") == 0, cli.err
    assert cli.lines("pupils", class_id) == []


def test_set_pin_from_stdin(cli):
    assert cli("set-pin", stdin="4711\n") == 0, cli.err
    store = cli.store()
    try:
        assert store.check_secret("4711")
    finally:
        store.close()
    assert cli("set-pin", stdin="4711\n1\n") == 2  # the current PIN, then a new one too short
    assert "4 to 12 digits" in one_error_line(cli)


def test_export_and_merge_log_twice_gives_the_same_counts(cli, first_levels, tmp_path, capsys):
    fill_class(cli, first_levels)
    log = tmp_path / "pc1.jsonl"
    assert cli("export-log", str(log)) == 0, cli.err
    assert log.is_file()
    assert cli("export-log", str(tmp_path / "recent.jsonl"), "--since", "2000-01-01") == 0
    other = Cli(tmp_path / "teacher-pc", capsys)
    assert other("merge-log", str(log)) == 0, other.err
    first = (other.lines("classes"), other.lines("pupils", "groep 5b"))
    assert other("merge-log", str(log), str(log)) == 0
    assert other.out.splitlines()[-2:] == [f"{log}: already merged"] * 2
    assert (other.lines("classes"), other.lines("pupils", "groep 5b")) == first
    assert first[0][0][2] == "2"


def test_a_corrupt_log_line_is_named_by_file_and_line(cli, tmp_path):
    log = tmp_path / "broken.jsonl"
    assert cli("export-log", str(log)) == 0
    log.write_text(log.read_text("utf-8") + "{not json\n", encoding="utf-8")
    lines = len(log.read_text("utf-8").splitlines())
    assert cli("merge-log", str(log)) == 1
    assert f"{log}: refused: line {lines}: " in one_error_line(cli)


@pytest.mark.parametrize("argv, code, words", [
    (["pupils", "groep 9z"], 1, "no class called"),
    (["add-pupil", "groep 9z", "Zoë", "--avatar", "fox"], 1, "no class called"),
    (["delete-pupil", "not-an-id", "--yes"], 1, "no pupil"),
    (["export-pupil", "not-an-id", "x.json"], 1, "no pupil"),
    (["merge-log", "missing.jsonl"], 1, "no such file"),
    (["export-log", "no/such/folder/log.jsonl"], 1, "does not exist"),
    (["export-log", "x.jsonl", "--since", "yesterday"], 2, "not a date"),
    (["report", "groep 5b", "x.pdf", "--lang", "fr"], 2, "invalid choice"),
    (["add-class"], 2, "required"),
    (["add-class", "  "], 2, "class name is blank"),
    (["fly"], 2, "invalid choice"),
    ([], 2, "required"),
])
def test_bad_input_is_one_line(cli, tmp_path, monkeypatch, argv, code, words):
    monkeypatch.chdir(tmp_path)
    assert cli(*argv) == code
    assert words in one_error_line(cli)


def test_a_bad_avatar_name_is_refused(cli):
    assert cli("add-class", "groep 5b") == 0
    assert cli("add-pupil", "groep 5b", "Zoë", "--avatar", "../../etc") == 2
    assert "avatar" in one_error_line(cli)


def test_a_bad_database_url_is_one_line(cli):
    assert cli("classes", "--db", "nosuchdb://x/y") == 1
    one_error_line(cli)


def test_the_installed_command_runs_it(tmp_path):
    """Through ``python -m game teacher``, as school IT calls it: exit codes and stderr."""
    data = str(tmp_path / "data")

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", "teacher", *argv, "--data", data],
                              capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60)

    done = run("add-class", "groep 7")
    assert done.returncode == 0 and len(done.stdout.strip()) == 36, done.stderr
    done = run("pupils", "groep 8")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
