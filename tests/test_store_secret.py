"""The teacher's PIN: scrypt with OWASP's parameters by default, a fresh salt each time,
constant-time comparison, and a back-off that doubles per wrong try up to a minute."""

from __future__ import annotations

import hashlib
import inspect

import pytest

from game.progress import secret
from game.progress.secret import (
    OWASP,
    Cost,
    HashedSecret,
    SecretTooShort,
    hash_secret,
    verify_secret,
    wait_after,
)
from tests import pg

open_store, store_url = pg.open_store, pg.store_url  # fixtures: SQLite and PostgreSQL

CHEAP = Cost(n=2**10, r=8, p=1)


def test_the_default_cost_is_owasps_and_scrypt_can_run_it():
    assert (OWASP.n, OWASP.r, OWASP.p) == (2**17, 8, 1)
    assert OWASP.maxmem >= 128 * 2**20 + 1  # Python's 32 MiB default would refuse these
    assert inspect.signature(hash_secret).parameters["cost"].default is OWASP
    hashed = hash_secret("4711")  # the real thing, once: ~128 MiB and a fraction of a second
    assert (hashed.n, hashed.r, hashed.p, len(hashed.salt)) == (2**17, 8, 1, 16)
    assert verify_secret("4711", hashed) and not verify_secret("4712", hashed)


def test_the_hash_is_scrypt_of_the_secret_with_the_stored_salt():
    hashed = hash_secret("geheim123", CHEAP)
    expected = hashlib.scrypt(b"geheim123", salt=hashed.salt, n=CHEAP.n, r=CHEAP.r, p=CHEAP.p,
                              maxmem=CHEAP.maxmem, dklen=len(hashed.hash))
    assert hashed.hash == expected and hashed.scheme == "scrypt"


def test_the_same_pin_twice_gives_two_different_hashes():
    a, b = hash_secret("1234", CHEAP), hash_secret("1234", CHEAP)
    assert a.salt != b.salt and a.hash != b.hash


def test_the_comparison_takes_constant_time():
    assert "compare_digest" in inspect.getsource(secret.verify_secret)


@pytest.mark.parametrize("short", ["", "1", "123"])
def test_a_pin_needs_four_characters(short):
    with pytest.raises(SecretTooShort):
        hash_secret(short, CHEAP)


def test_a_damaged_record_never_matches():
    good = hash_secret("1234", CHEAP)
    assert not verify_secret("1234", HashedSecret("md5", good.n, good.r, good.p, good.salt,
                                                  good.hash))
    assert not verify_secret("1234", HashedSecret("scrypt", 3, good.r, good.p, good.salt,
                                                  good.hash))  # n not a power of two
    assert not verify_secret("1234", HashedSecret("scrypt", 2**40, 8, 1, good.salt, good.hash))


def test_the_wait_doubles_from_one_second_up_to_a_minute():
    assert [wait_after(n) for n in range(9)] == [0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert wait_after(10_000) == 60


def test_the_store_keeps_no_secret_in_clear_text(open_store):
    store = open_store()
    assert not store.has_secret() and not store.check_secret("1234")
    store.set_secret("98765")
    assert store.has_secret()
    with store.engine.connect() as conn:
        import sqlalchemy as sa

        row = conn.execute(sa.text("SELECT * FROM teacher_secret")).one()
    assert "98765" not in " ".join(map(str, row))
    assert store.check_secret("98765") and not store.seconds_until_next_try()
    with pytest.raises(SecretTooShort):
        store.set_secret("12")


def test_wrong_tries_back_off_and_a_new_secret_clears_it(open_store):
    clock = [0.0]
    store = open_store(clock=lambda: clock[0])
    store.set_secret("2580")
    waits = []
    for _ in range(8):
        assert not store.check_secret("0000")
        waits.append(store.seconds_until_next_try())
        clock[0] += waits[-1]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert store.check_secret("2580")  # the wait has passed: the right PIN opens and resets
    assert store.seconds_until_next_try() == 0
    assert not store.check_secret("0000") and store.seconds_until_next_try() == 1
    store.set_secret("1470")
    assert store.seconds_until_next_try() == 0 and store.check_secret("1470")


def test_a_clock_set_back_does_not_lock_the_teacher_out_for_long(open_store):
    clock = [10_000.0]
    store = open_store(clock=lambda: clock[0])
    store.set_secret("2580")
    store.check_secret("0000")
    clock[0] = 0.0  # the PC's clock jumped back hours
    assert store.seconds_until_next_try() <= 60


@pytest.mark.owasp
def test_the_stores_pin_is_hashed_with_owasps_work(tmp_path):
    """What a real store writes (the suite's other tests hash cheaply: tests/conftest.py)."""
    import sqlalchemy as sa

    from game.progress import sql
    from game.progress.sql import SqlSchoolStore

    store = SqlSchoolStore(tmp_path)
    try:
        store.set_secret("4821")
        assert store.check_secret("4821")
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(sql.secret_t.c.n, sql.secret_t.c.r,
                                         sql.secret_t.c.p)).one()
        assert tuple(row) == (2**17, 8, 1)
    finally:
        store.close()
