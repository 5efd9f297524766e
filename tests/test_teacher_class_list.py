"""A whole class at once: ``techniekwerf teacher add-pupils CLASS [FILE]``.

Adding 25 pupils one command at a time cost a teacher half a minute on a school server (a
Python start and a store opening each); one command adds the list in one transaction. The
store half runs on SQLite and PostgreSQL; the command line on a real SQLite store and files.
"""

from __future__ import annotations

import pytest

from game.progress.records import DuplicateName, InvalidRecord
from tests.pg import open_store, store, store_url  # noqa: F401 - fixtures
from tests.test_teacher_cli import Cli


@pytest.fixture
def cli(tmp_path, capsys) -> Cli:
    return Cli(tmp_path / "data", capsys)


def test_the_store_adds_a_list_in_one_go(store):  # noqa: F811 - the fixture
    group = store.add_class("Groep 5")
    made = store.add_pupils(group.id, [("Ayla", "fox"), ("Bram", "owl"), ("Ömer", "cat")])
    assert [p.name for p in made] == ["Ayla", "Bram", "Ömer"]
    assert sorted((p.name, p.avatar) for p in store.pupils(group.id)) == [
        ("Ayla", "fox"), ("Bram", "owl"), ("Ömer", "cat")]


def test_a_double_in_the_list_adds_none_of_it(store):  # noqa: F811 - the fixture
    group = store.add_class("Groep 6")
    store.add_pupil(group.id, "Sem", "fox")
    with pytest.raises(DuplicateName):
        store.add_pupils(group.id, [("Noor", "owl"), ("noor ", "owl")])
    with pytest.raises(DuplicateName):
        store.add_pupils(group.id, [("Lina", "cat"), ("Sem", "fox")])
    with pytest.raises(InvalidRecord):
        store.add_pupils(group.id, [("Lina", "cat"), ("   ", "owl")])
    assert [p.name for p in store.pupils(group.id)] == ["Sem"]


def test_the_command_reads_a_list_from_stdin_and_gives_each_pupil_an_avatar(cli):
    assert cli("add-class", "Groep 4") == 0
    code = cli("add-pupils", "Groep 4", stdin="Ayla\nBram;owl\n\nCas\tfox\nDewi, \n")
    assert code == 0, cli.err
    rows = [line.split("\t") for line in cli.out.splitlines()]
    assert [r[1] for r in rows] == ["Ayla", "Bram", "Cas", "Dewi"]
    avatars = [r[2] for r in rows]
    assert avatars[1:3] == ["owl", "fox"]
    assert len(set(avatars)) == 4, "each pupil can be told apart at the login"
    stored = cli.lines("pupils", "Groep 4")
    assert sorted(r[1] for r in stored) == ["Ayla", "Bram", "Cas", "Dewi"]


def test_the_command_reads_an_excel_csv_with_a_bom(cli, tmp_path):
    assert cli("add-class", "Groep 7") == 0
    path = tmp_path / "klas.csv"
    path.write_bytes("\ufeffZoë;cat\r\nÖmer;owl\r\n".encode())
    assert cli("add-pupils", "Groep 7", str(path)) == 0, cli.err
    assert sorted(r[1] for r in cli.lines("pupils", "Groep 7")) == ["Zoë", "Ömer"]


def test_a_bad_line_is_named_and_nothing_is_added(cli):
    assert cli("add-class", "Groep 8") == 0
    assert cli("add-pupils", "Groep 8", stdin="Ayla\nBram;dragon-from-space\nCas\n") == 2
    assert cli.err.count("\n") == 1
    assert "stdin:2:" in cli.err and "dragon-from-space" in cli.err
    assert cli.lines("pupils", "Groep 8") == []
    assert cli("add-pupils", "Groep 8", stdin="Ayla;cat\nayla;cat\n") == 1
    assert "already a pupil called" in cli.err
    assert cli.lines("pupils", "Groep 8") == []
