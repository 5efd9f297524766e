"""``techniekwerf teacher`` with hostile names, avatars and files (issue 9), on SQLite and on
PostgreSQL (tests/pg.py): every refusal is one line on stderr, every record of the output is
one line with its fields in their columns, a name may start with ``-``, and ``report`` says
in one line which letters of the names no font of the report has.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from game import PROJECT_ROOT
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore, pupils_t
from game.teacher_cli import main
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class Cli:
    """Teacher commands in this process on the store at ``url``; keeps stdout and stderr."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.capsys = url, capsys
        self.out = self.err = ""

    def __call__(self, *argv: str, stdin: str = "") -> int:
        out = io.StringIO()
        code = main(["--db", self.url, *argv], out=out, stdin=Pipe(stdin))
        self.out, self.err = out.getvalue(), self.capsys.readouterr().err
        return code

    def error(self) -> str:
        """The one line on stderr."""
        lines = self.err.splitlines()
        assert len(lines) == 1 and "Traceback" not in self.err, self.err
        assert lines[0].startswith("techniekwerf teacher: "), lines
        return lines[0]

    def records(self, *argv: str, fields: int) -> list[list[str]]:
        assert self(*argv) == 0, self.err
        rows = [line.split("\t") for line in self.out.split("\n")[:-1]]
        assert all(len(row) == fields for row in rows), rows
        return rows

    def store(self) -> SqlSchoolStore:
        return SqlSchoolStore(self.url)


@pytest.fixture
def cli(store, store_url, capsys) -> Cli:
    """The commands on a new store (made as their first command would make it: the names
    are what is tested here, not making a store)."""
    store.close()  # the commands open the store themselves
    return Cli(store_url, capsys)


def class_id(cli: Cli, name: str = "groep 5b") -> str:
    assert cli("add-class", name) == 0, cli.err
    return cli.out.strip()


HOSTILE = {
    "Ali\x00": "control character (U+0000)",
    "A\tli": "control character (U+0009)",
    "A\nli": "line break",
    "x\udcffy": "lone surrogate",  # a byte Python could not decode from the command line
    "\u200f\u200e": "blank",
    "--": None,  # argparse's own: no name at all
    "...": "no letter or digit",
}


@pytest.mark.parametrize("name, why", list(HOSTILE.items()))
def test_a_hostile_name_is_refused_in_one_line_by_every_command_that_adds_one(cli, name, why):
    group = class_id(cli)
    for argv in (["add-pupil", group, name, "--avatar", "fox"], ["add-class", name],
                 ["add-teacher", name]):
        code = cli(*argv, stdin="4821\n")
        assert code == 2, (argv, cli.out, cli.err)
        line = cli.error()
        assert why is None or why in line, line
    assert cli.records("pupils", group, fields=3) == []
    assert [row[1] for row in cli.records("classes", fields=3)] == ["groep 5b"]


def test_a_class_list_keeps_copied_names_and_names_a_bad_line(cli, tmp_path):
    group = class_id(cli)
    good = tmp_path / "klas.csv"
    good.write_text("\u200f\u0639\u0644\u064a\u200e;fox\n\u202bZo\u00eb\u202c\nA\u200bli;owl\n",
                    encoding="utf-8")
    rows = cli.records("add-pupils", group, str(good), fields=3)
    assert sorted(r[1] for r in rows) == ["Ali", "Zo\u00eb", "\u0639\u0644\u064a"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Bo;cow\nSam\x00;duck\n")
    assert cli("add-pupils", group, str(bad)) == 2
    assert cli.error().endswith(f"{bad}:2: pupil name holds a control character (U+0000) "
                                "at character 4")
    assert cli("add-pupils", group, stdin="Bo;cow\n\u200b\u200e;duck\n") == 2
    assert cli.error().endswith("stdin:2: pupil name is blank")
    assert len(cli.records("pupils", group, fields=3)) == 3  # nothing of the bad lists


@pytest.mark.parametrize("avatar", ["../../evil", "../../../../tmp/evil", "unicorn", "fox/.."])
def test_an_avatar_outside_the_list_is_refused_in_one_line(cli, avatar, tmp_path):
    group = class_id(cli)
    assert cli("add-pupil", group, "Bo", "--avatar", avatar) == 2
    assert "avatar" in cli.error()
    assert cli("add-pupils", group, stdin=f"Bo;{avatar}\n") == 2
    assert "stdin:1:" in cli.error()
    assert cli.records("pupils", group, fields=3) == []


@pytest.mark.parametrize("name", ["-Ali", "-5", "-x-y", "-Ali Baba", "-groep", "-hanna"])
def test_a_name_may_start_with_a_dash(cli, name):
    group = class_id(cli, name)
    assert cli("add-pupil", group, name, "--avatar", "fox") == 0, cli.err
    assert cli("add-pupil", group, "--avatar", "owl", name + "2") == 0, cli.err
    listed = {row[1] for row in cli.records("pupils", group, fields=3)}
    assert listed == {name, name + "2"}
    assert cli("add-class", name + "b") == 0, cli.err
    assert cli("add-teacher", name, stdin="4821\n") == 0, cli.err
    assert name in cli.records("teachers", fields=1)[0]


def test_a_lone_dash_name_is_refused_in_one_line(cli):
    group = class_id(cli)
    assert cli("add-pupil", group, "-", "--avatar", "fox") == 2  # "-" alone has no letter
    assert "no letter or digit" in cli.error()


def test_an_unknown_option_is_still_one_line(cli):
    group = class_id(cli)
    assert cli("add-pupil", group, "Bo", "--avatar", "fox", "--colour", "red") == 2
    assert "unrecognized arguments: --colour red" in cli.error()


def test_every_record_stays_one_line_whatever_an_old_store_holds(cli, tmp_path):
    """A store written before the name rule may hold a tab, a line break, NUL, an escape
    sequence or a direction override in a name: each record is still one line of three
    fields, with those characters written as escapes."""
    group = class_id(cli)
    old = ["Tab\tName", "New\nLine", "Cr\rx", "Nul\x00x", "\u202eevil", "Esc\x1b[2J",
           "Sep\u2028x", "Nel\x85x"]
    if cli.url.startswith("postgresql"):  # PostgreSQL never held a NUL
        old.remove("Nul\x00x")
    store = cli.store()
    try:
        with store.engine.begin() as conn:
            for name in old:
                conn.execute(pupils_t.insert().values(id=new_id(), class_id=group, name=name,
                                                      avatar="fox", modified=now()))
    finally:
        store.close()
    rows = cli.records("pupils", group, fields=3)
    assert sorted(r[1] for r in rows) == sorted(
        name.encode("unicode_escape").decode("ascii") for name in old)  # Tab\\tName...
    assert len(cli.out.splitlines()) == len(old)  # splitlines breaks at \x85 and \u2028 too
    # the class, the CSV and the report cope with them as well
    assert cli.records("classes", fields=3)[0][2] == str(len(old))
    assert cli("export-csv", group, str(tmp_path / "klas.csv"), "--all-levels") == 0, cli.err
    assert cli("report", group, str(tmp_path / "klas.pdf"), "--all-levels") == 0, cli.err
    assert len(cli.err.splitlines()) <= 1, cli.err  # at most the note on missing letters


def test_report_says_in_one_line_which_letters_no_font_has(cli, tmp_path):
    # Selam in Ge'ez letters (Tigrinya): no font of the report has them (Hebrew: see
    # tests/test_hebrew_names.py)
    group = class_id(cli)
    for name, avatar in (("Zoë", "fox"), ("مريم", "owl"), ("Олена", "cow"),
                         ("\u1230\u120b\u121d", "duck"), ("Ali\U0001f600", "cat"),
                         ("Maximiliaan-Alexander Johannes van den Berg", "seal")):
        assert cli("add-pupil", group, name, "--avatar", avatar) == 0, cli.err
    out = tmp_path / "klas.pdf"
    for lang in ("nl", "ar"):
        assert cli("report", group, str(out), "--all-levels", "--lang", lang) == 0, cli.err
        line = cli.error()
        assert line.startswith(f"techniekwerf teacher: {out}: 4 characters of the names ")
        assert "U+1230" in line and "U+1F600" in line and "print as '?'" in line
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "???" in text and "Олена" in text
        # in an Arabic report the '?' of a Latin name ends up on its left, as a '!' would
        assert ("Ali?" if lang == "nl" else "?\u202aAli") in text


def test_report_of_a_class_whose_letters_are_all_there_prints_nothing_on_stderr(cli,
                                                                              tmp_path):
    group = class_id(cli)
    assert cli("add-pupil", group, "Zoë", "--avatar", "fox") == 0
    assert cli("add-pupil", group, "\u0645\u0631\u064a\u0645", "--avatar", "owl") == 0
    assert cli("report", group, str(tmp_path / "klas.pdf"), "--lang", "ar") == 0
    assert cli.err == ""


def _log(tmp_path: Path, change) -> Path:
    pc = SqlSchoolStore(pg.made_sqlite(tmp_path / 'pc2.db'))
    group = pc.add_class("groep 4")
    kid = pc.add_pupil(group.id, "Ada", "fox")
    start = now() - timedelta(hours=1)
    pc.save_attempt(Attempt(new_id(), kid.id, "city-01", None, start,
                            start + timedelta(minutes=3), Outcome.SOLVED, 2))
    log = tmp_path / "pc2.jsonl"
    pc.export_log(log)
    pc.close()
    lines = []
    for line in log.read_text("utf-8").splitlines():
        record = json.loads(line)
        record.pop("sha256", None)
        change(record)
        lines.append(json.dumps(record))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log


@pytest.mark.parametrize("kind, field, value, words", [
    ("pupil", "avatar", "../../evil", "avatar '../../evil' is not one of the game's avatars"),
    ("pupil", "name", "Ali\x00", "pupil name holds a control character (U+0000)"),
    ("pupil", "name", "A\nB\tC", "pupil name holds a line break"),
    ("attempt", "seconds", 1e308, "seconds is 1e+308"),
    ("attempt", "seconds", float("inf"), "seconds is inf"),
    ("attempt", "stars", 999, "stars is 999, not between 0 and 3"),
    ("attempt", "hints_used", True, "hints used is not a whole number"),
])
def test_merge_log_refuses_a_hostile_record_in_one_line(cli, tmp_path, kind, field, value,
                                                       words):
    log = _log(tmp_path, lambda r: r.update({field: value}) if r.get("kind") == kind else None)
    assert cli("merge-log", str(log)) == 1
    line = cli.error()
    assert str(log) in line and words in line, line
    assert cli.records("classes", fields=3) == []


def test_the_command_line_in_its_own_process_adds_a_dash_name_and_lists_it(tmp_path):
    """As school IT runs it: a real process, a name that starts with '-' and one copied with
    direction marks, listed one per line."""
    def teacher(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "game", "teacher", "--data",
                               str(tmp_path / "data"), *argv], capture_output=True,
                              text=True, cwd=PROJECT_ROOT, timeout=120, check=False)

    assert teacher("add-class", "groep 5b").returncode == 0
    done = teacher("add-pupil", "groep 5b", "-Ali", "--avatar", "fox")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    done = teacher("add-pupil", "groep 5b", "\u200f\u0639\u0644\u064a\u200e", "--avatar", "owl")
    assert done.returncode == 0, done.stderr
    done = teacher("add-pupil", "groep 5b", "Bo\tx", "--avatar", "cow")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    listed = teacher("pupils", "groep 5b")
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert sorted(r[1] for r in rows) == ["-Ali", "\u0639\u0644\u064a"]


def test_a_class_or_teacher_is_found_by_its_name_copied_with_marks(cli):
    """The store keeps names without direction marks; a name copied with them (from a web
    page, an e-mail) still finds the class, the lesson and the teacher."""
    group = class_id(cli, "\u202bگروه\u202c 5b")
    assert cli("add-pupil", "\u200fگروه 5b\u200e", "Bo", "--avatar", "fox") == 0, cli.err
    assert [r[1] for r in cli.records("pupils", "\u2067\u06AF\u0631\u0648\u0647\u2069 5B",
                                      fields=3)] == ["Bo"]
    assert [r[0] for r in cli.records("classes", fields=3)] == [group]
    assert cli("add-teacher", "\u200fJuf Noor", stdin="4821\n") == 0, cli.err
    assert cli.records("teachers", fields=1) == [["Juf Noor"]]
    assert cli("set-pin", "--teacher", "juf noor\u200e", stdin="4821\n13579\n") == 0, cli.err
    assert cli.out == "Juf Noor's PIN is set\n"
    assert cli("delete-teacher", "\u202aJuf Noor\u202c", "--yes") == 0, cli.err
    assert cli.out == "deleted teacher Juf Noor\n" and cli.records("teachers", fields=1) == []
