"""The teacher commands find the school's store as the game does: a PC whose settings file
names a server (``db_url``) is worked on there, not in an empty store of its own."""

from __future__ import annotations

import io
import json

from game.progress.db import sqlite_url
from game.progress.sql import SqlSchoolStore
from game.teacher_cli import main


def test_the_settings_files_server_is_where_the_commands_go(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TECHNIEKWERF_DB_URL", raising=False)
    school = tmp_path / "server" / "school.db"  # stands in for the server (a URL all the same)
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"db_url": sqlite_url(school)}))
    out = io.StringIO()
    assert main(["add-class", "groep 5b", "--data", str(data)], out=out) == 0
    store = SqlSchoolStore(sqlite_url(school))
    try:
        assert [c.name for c in store.classes()] == ["groep 5b"]
    finally:
        store.close()
    assert not (data / "techniekwerf.db").exists()  # nothing in a store of the PC's own
    # --db and the variable still come first
    other = tmp_path / "other.db"
    monkeypatch.setenv("TECHNIEKWERF_DB_URL", sqlite_url(other))
    assert main(["classes", "--data", str(data)], out=(out := io.StringIO())) == 0
    assert out.getvalue() == ""
    assert capsys.readouterr().err == ""
