"""The PIN back-off is the store's, shared by every game window, command and PC.

Before, each try read the back-off, spent a while hashing, and only then wrote the wrong try:
six guessers starting together (six windows, six PCs on one server) all passed the check and
got six tries for one wait. Now a try is claimed in one write transaction before the hash is
checked, so guessers at the same moment get one try between them.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from game.progress.secret import Cost
from game.progress.sql import SECRET_ROW, secret_t, teachers_t
from tests import pg

open_store, store_url = pg.open_store, pg.store_url  # fixtures: SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parent.parent
#: dear enough that the hashes of parallel guesses overlap in time (~20 ms each), as the
#: real one (OWASP's, ~0.3 s) does by far
SLOW = Cost(n=2**13, r=8, p=1)
GUESSERS = 6


def failed_tries(store, teacher: str | None = None) -> int:
    table = secret_t if teacher is None else teachers_t
    where = table.c.id == SECRET_ROW if teacher is None else table.c.name == teacher
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(table.c.failed_tries).where(where)).scalar())


def guess_together(stores, pin: str, teacher: str | None = None) -> list[bool]:
    """Every store guesses ``pin`` at the same moment, each in its own thread."""
    start = threading.Barrier(len(stores))
    results: list[bool] = [False] * len(stores)

    def guess(i: int) -> None:
        start.wait()
        results[i] = stores[i].check_secret(pin, teacher)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_six_guessers_at_once_get_one_try_between_them(open_store):
    first = open_store(secret_cost=SLOW)
    first.set_secret("2468")
    guessers = [first] + [open_store(secret_cost=SLOW) for _ in range(GUESSERS - 1)]
    assert guess_together(guessers, "1111") == [False] * GUESSERS
    assert failed_tries(first) == 1  # one wrong try counted: the others were refused unchecked
    for store in guessers:  # every store object sees the same wait
        assert 0 < store.seconds_until_next_try() <= 1.0


def test_a_teachers_back_off_is_shared_on_a_school_server_too(open_store):
    first = open_store(secret_cost=SLOW)
    first.add_teacher("Juf Anna", "2468")
    guessers = [first] + [open_store(secret_cost=SLOW) for _ in range(GUESSERS - 1)]
    assert guess_together(guessers, "1111", "Juf Anna") == [False] * GUESSERS
    assert failed_tries(first, "Juf Anna") == 1
    assert guessers[-1].seconds_until_next_try("Juf Anna") > 0


def test_the_right_pin_among_parallel_wrong_ones_still_opens_after_the_wait(open_store):
    clock = [1000.0]
    stores = [open_store(clock=lambda: clock[0]) for _ in range(3)]
    stores[0].set_secret("2468")
    assert not stores[1].check_secret("1111")
    assert not stores[2].check_secret("2468")  # refused unchecked: the wait runs
    clock[0] += 1.5
    assert stores[2].check_secret("2468")
    assert failed_tries(stores[0]) == 0 and stores[1].seconds_until_next_try() == 0


def test_another_process_shares_the_back_off(open_store, store_url):
    clock = [time.time()]
    store = open_store(clock=lambda: clock[0])
    store.set_secret("2468")
    for _ in range(4):  # four wrong tries, each after its wait: the next waits 8 s
        clock[0] += store.seconds_until_next_try()
        assert not store.check_secret("1111")
    clock[0] = time.time()  # back to the real time the other process has
    child = subprocess.run(
        [sys.executable, "-c",
         "import sys\n"
         "from game.progress.sql import SqlSchoolStore\n"
         "s = SqlSchoolStore(sys.argv[1])\n"
         "wait = s.seconds_until_next_try()\n"
         "ok = s.check_secret('2468')\n"
         "print(f'{wait:.3f} {ok}')\n", store_url],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    wait, ok = child.stdout.split()
    assert float(wait) > 0 and ok == "False"  # the right PIN waits as well: no fresh tries
    assert failed_tries(store) == 4  # its try was refused unchecked, not counted


def test_claims_that_meet_between_reading_and_writing_still_count_once(open_store, monkeypatch):
    """The narrowest race, made wide: every guesser stops right after reading the back-off (a
    barrier), before writing its claim. On PostgreSQL two transactions could both read "no
    wait" there; the row is read FOR UPDATE, so the others wait for the first claim and read
    it. Counted at the hash itself: one PIN is checked, not six."""
    from game.progress import sql

    stores = [open_store() for _ in range(GUESSERS)]
    stores[0].set_secret("2468")
    meet = threading.Barrier(GUESSERS, timeout=1.5)
    checked = []
    real_wait_of, real_verify = sql.SqlSchoolStore._wait_of, sql.verify_secret

    def wait_of(self, at):
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait()  # all who got this far together (a claim that waits never gets here)
        return real_wait_of(self, at)

    def verify(secret, stored):
        checked.append(secret)
        return real_verify(secret, stored)

    monkeypatch.setattr(sql.SqlSchoolStore, "_wait_of", wait_of)
    monkeypatch.setattr(sql, "verify_secret", verify)
    assert guess_together(stores, "1111") == [False] * GUESSERS
    assert len(checked) == 1 and failed_tries(stores[0]) == 1
