"""The local store is this PC user's business only: files made 0600, deleted names gone from
the file and its WAL; a school server's address can stay out of the process list; a missing
database driver is one line naming what to install."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from game.progress import db
from game.progress.sql import SqlSchoolStore
from game.progress.store import JsonProgressStore
from game.teacher_cli import main

NAME, LATER = "Zyxwvu", "Qxjwvk"  # names that appear nowhere else in a store


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """A umask that makes ordinary files readable by everyone (0644), as on most PCs."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_store_its_wal_and_shm_are_readable_by_the_owner_only(tmp_path, open_umask):
    folder = tmp_path / "data"
    store = SqlSchoolStore(folder)
    try:
        group = store.add_class("groep 5b")
        store.add_pupil(group.id, NAME, "fox")
        files = {p.name: mode(p) for p in folder.iterdir()}
        assert files == {"techniekwerf.db": 0o600, "techniekwerf.db-wal": 0o600,
                         "techniekwerf.db-shm": 0o600}
        assert mode(folder) == 0o700  # a folder the game made itself
    finally:
        store.close()


def test_an_existing_store_readable_by_everyone_is_closed_to_others(tmp_path, open_umask):
    SqlSchoolStore(tmp_path).close()
    path = tmp_path / db.DB_FILE
    path.chmod(0o644)
    SqlSchoolStore(tmp_path).close()
    assert mode(path) == 0o640  # "others" lose reading; the owner's group choice stays


def test_a_damaged_guest_file_is_kept_as_a_private_copy(tmp_path, open_umask):
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "progress.json").chmod(0o644)
    JsonProgressStore(tmp_path)
    (backup,) = tmp_path.glob("progress.broken-*.json")
    assert mode(backup) == 0o600 and backup.read_text(encoding="utf-8") == "{not json"


def _raw(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


@pytest.fixture
def sqlite_without_secure_delete(monkeypatch):
    """SQLite as Python ships it on Windows and macOS: deleted rows are only marked free
    (Debian's build zeroes them by default, which would hide a missing pragma here)."""
    from sqlite3 import dbapi2

    real = dbapi2.connect

    def connect(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr(dbapi2, "connect", connect)


@pytest.mark.parametrize("how", ["pupil", "class", "purge"])
def test_a_deleted_name_is_gone_from_the_file_and_the_wal(tmp_path, how,
                                                          sqlite_without_secure_delete):
    store = SqlSchoolStore(tmp_path)
    wal = tmp_path / (db.DB_FILE + "-wal")
    try:
        group = store.add_class("Klas " + NAME if how == "class" else "groep 5b")
        pupil = store.add_pupil(group.id, NAME, "fox")
        with store.engine.connect() as conn:  # this name reaches the file itself
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        other = store.add_pupil(group.id, LATER, "owl")  # this one is only in the WAL yet
        assert NAME.encode() in _raw(tmp_path / db.DB_FILE) and LATER.encode() in _raw(wal)
        if how == "pupil":
            store.delete_pupil(pupil.id)
            store.delete_pupil(other.id)
        elif how == "class":
            store.delete_class(group.id)
        else:
            store.purge_school_year()
        for name in (NAME, LATER):
            assert name.encode() not in _raw(wal)  # no older WAL frame keeps it
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        for name in (NAME, LATER):  # zeroed in the file, not just marked free
            assert name.encode() not in _raw(tmp_path / db.DB_FILE)
    finally:
        store.close()
    assert NAME.encode() not in _raw(tmp_path / db.DB_FILE)


# --- where a school server's address comes from -------------------------------------------------


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


def run(*argv: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(argv), out=out, stdin=Pipe(""))
    return code, out.getvalue(), capsys.readouterr().err


def classes_in(path: Path) -> list[str]:
    with SqlSchoolStore(path) as store:
        return [c.name for c in store.classes()]


def test_the_url_can_come_from_the_environment_or_a_file(tmp_path, capsys, monkeypatch):
    by_env, by_file, by_flag = (tmp_path / f"{n}.db" for n in ("env", "file", "flag"))
    monkeypatch.setenv(db.DB_URL_ENV, db.sqlite_url(by_env))
    url_file = tmp_path / "school-db.txt"
    url_file.write_text(db.sqlite_url(by_file) + "\nanything after the first line\n",
                        encoding="utf-8")
    local = tmp_path / "data"
    assert run("add-class", "A", "--data", str(local), capsys=capsys)[0] == 0
    assert run("add-class", "B", "--db-file", str(url_file), capsys=capsys)[0] == 0
    assert run("add-class", "C", "--db-file", str(url_file), "--db", db.sqlite_url(by_flag),
               capsys=capsys)[0] == 0
    # --db beats --db-file beats the variable; --data names the local store only without them
    assert classes_in(by_env) == ["A"] and classes_in(by_file) == ["B"]
    assert classes_in(by_flag) == ["C"] and not (local / db.DB_FILE).exists()


@pytest.mark.parametrize("content", [None, "", "\n  \n"])
def test_a_missing_or_empty_url_file_is_one_line(tmp_path, capsys, content):
    url_file = tmp_path / "db.txt"
    if content is not None:
        url_file.write_text(content, encoding="utf-8")
    code, _out, err = run("classes", "--db-file", str(url_file), capsys=capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1 and str(url_file) in err
    assert "Traceback" not in err


def test_the_game_takes_the_url_file_too(tmp_path, monkeypatch):
    import game.__main__ as entry

    seen = {}

    class FakeApp:
        def __init__(self, **kwargs) -> None:
            seen.update(kwargs)

        def run(self) -> int:
            return 0

    monkeypatch.setattr("game.app.App", FakeApp)
    url_file = tmp_path / "db.txt"
    url_file.write_text("postgresql://teacher:geheim@server/school\n", encoding="utf-8")
    assert entry.main(["--db-file", str(url_file)]) == 0
    assert seen["db_url"] == "postgresql://teacher:geheim@server/school"
    monkeypatch.setenv(db.DB_URL_ENV, "postgresql://it@server/school")
    assert entry.main([]) == 0 and seen["db_url"] == "postgresql://it@server/school"


def test_the_readme_says_how_to_keep_the_password_out_of_the_process_list():
    from game import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert db.DB_URL_ENV in readme and "--db-file" in readme


# --- a database driver that is not installed -----------------------------------------------------


def test_a_missing_postgresql_driver_is_one_line_naming_what_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a PC without the driver
    code, _out, err = run("classes", "--db", "postgresql://teacher@server/school",
                          capsys=capsys)
    assert code == 1
    (line,) = err.strip().splitlines()
    assert "psycopg[binary]" in line and "pip install" in line
    assert "ModuleNotFoundError" not in line and "Traceback" not in err


def test_a_missing_driver_in_the_game_is_a_clear_store_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(db.StoreUrlError, match=r"psycopg\[binary\]"):
        db.make_engine("postgresql://teacher@server/school")


def test_settings_json_stays_private_too(tmp_path, open_umask):
    from game.settings import Settings

    settings = Settings.load(tmp_path)
    settings.save()
    written = [p for p in tmp_path.iterdir() if p.suffix == ".json"]
    assert written and all(mode(p) == 0o600 for p in written)
    assert json.loads(written[0].read_text(encoding="utf-8"))
