"""The test server's store schemas used again (tests/pg.py, ``store_schema``) only when that
is the same as a new one: a test that changed a table or left a connection open gets its
schema dropped, and a schema handed out again is an empty store at the newest revision, row
for row what a new one holds."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
import sqlalchemy as sa

from tests import pg


def _name(url: str) -> str:
    """The schema a store URL of ``pg.store_schema`` puts its tables in."""
    return re.search(r"search_path=(t_[0-9a-f]+)", unquote(url)).group(1)


def _exists(name: str) -> bool:
    base, _why = pg.server()
    with pg._admin(base).connect() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT count(*) FROM pg_namespace WHERE nspname = %(n)s", {"n": name}).scalar())


def _open(url: str):
    from game.progress.secret import Cost
    from game.progress.sql import SqlSchoolStore

    return SqlSchoolStore(url, secret_cost=Cost(n=2**10, r=8, p=1))


@pytest.fixture(autouse=True)
def _server():
    base, why = pg.server()
    if base is None:
        pytest.skip(why)


def test_a_used_schema_is_emptied_and_handed_out_again_as_a_new_store():
    with pg.store_schema() as url:
        name = _name(url)
        store = _open(url)
        try:
            store.add_class("Groep 5b")
            assert [c.name for c in store.classes()] == ["Groep 5b"]
        finally:
            store.close()
    assert _exists(name)
    with pg.store_schema() as again:
        assert _name(again) == name  # the same schema, used again
        store = _open(again)
        try:
            assert store.classes() == []  # and empty, as a new store is
        finally:
            store.close()
        base, _why = pg.server()
        with pg._admin(base).connect() as conn:
            assert pg._state(conn, name) == pg._MADE[base]  # every table, row for row


def test_a_schema_whose_tables_a_test_changed_is_dropped():
    with pg.store_schema() as url:
        name = _name(url)
        engine = sa.create_engine(url)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("ALTER TABLE classes ADD COLUMN colour text")
        finally:
            engine.dispose()
    assert not _exists(name)
    with pg.store_schema() as again:
        assert _name(again) != name


def test_a_schema_a_connection_still_uses_is_dropped():
    with pg.store_schema() as url:
        name = _name(url)
        engine = sa.create_engine(url)
        left_open = engine.connect()  # a test that forgot to close its store
        left_open.exec_driver_sql("SELECT 1")
    try:
        assert name not in pg._SPARE.get(pg.server()[0], [])
    finally:
        left_open.close()
        engine.dispose()
    assert not _exists(name)
