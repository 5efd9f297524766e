"""Shared test set-up: no screen, no sound device, a fresh data folder per test.

The SDL variables are set here, before anything imports pygame, so a local run behaves
exactly like CI.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

# Compiled modules are kept for the test run even where PYTHONDONTWRITEBYTECODE is set (it is
# on the CI machine): else every pytest-xdist worker compiles every test module and rewrites
# its asserts (seconds per worker), and every game process a test starts compiles the game
# again. They are kept outside the checkout, in the temporary folder, so the tree stays as
# the setting wants it; Python checks each against its source, so a stale one is never used.
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(
        tempfile.gettempdir(), f"techniekwerf-pycache-{getattr(os, 'getuid', lambda: 0)()}")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

from game.clock import ManualTime  # noqa: E402

# In CI, property tests draw the same examples every run: a landing never hangs on a lucky
# draw. Locally they keep exploring new examples.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")
from game.sim.model import NO_TIP, Level, LevelKind, Solution, Stars  # noqa: E402

#: The slowest test files (about eight seconds or more of the suite each), slowest first:
#: collected first, so pytest-xdist hands them out first and the run does not end with one
#: worker still busy on a big file while the other has nothing left. Every other test keeps its place.
SLOW_FIRST = ("test_text_fit_everywhere", "test_monkey", "test_keyboard_everywhere",
              "test_scene_graph", "test_server_timeouts", "test_no_flashing",
              "test_teacher_cli_hostile", "test_play_layout", "test_merge_batches",
              "test_merge_integrity", "test_dashboard_scenes", "test_sim_mutations",
              "test_store_faults", "test_lesbrieven", "test_sim_conservation")


#: Where the machine keeps files in memory (Linux: a tmpfs). The tests' temporary files go
#: there when it can be written: the store tests commit thousands of transactions, and on a
#: disk each commit waits for the disk to confirm it (the game asks SQLite for full
#: durability; that stays as it is, only the disk under the tests is faster).
MEMORY_FOLDER = Path("/dev/shm")
_MEMORY_PREFIX = "techniekwerf-tests-"
#: The free room it needs: a run writes a few hundred MB (a big log, many small stores).
MEMORY_ROOM = 2 * 1024**3


def pytest_configure(config: pytest.Config) -> None:
    """In the main pytest process: the run's temporary files in memory where the machine
    allows (see :func:`_in_memory`), then the run's own folder (:data:`RUN_FOLDER`)."""
    if hasattr(config, "workerinput"):
        return
    _in_memory(config)
    if RUN_FOLDER not in os.environ:
        run = Path(tempfile.mkdtemp(prefix="techniekwerf-run-"))
        os.environ[RUN_FOLDER] = str(run)
        config.stash[_RUN_KEY] = run


def _in_memory(config: pytest.Config) -> None:
    """Unless ``--basetemp`` was given: the run's temporary files (``tmp_path``, and
    ``tempfile`` for the tests and the game processes they start) in a new folder of
    :data:`MEMORY_FOLDER`, removed when the run ends. pytest-xdist's workers get their part
    of it. Folders left by runs that were killed are removed first."""
    if config.option.basetemp is not None:
        return
    if not (MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK | os.X_OK)):
        return
    room = os.statvfs(MEMORY_FOLDER)
    if room.f_bavail * room.f_frsize < MEMORY_ROOM:
        return  # a small one (a container's 64 MB): the disk, as before
    import shutil

    for old in MEMORY_FOLDER.glob(f"{_MEMORY_PREFIX}*"):
        pid = old.name[len(_MEMORY_PREFIX):].partition("-")[0]
        if pid.isdigit() and old.stat().st_uid == os.getuid() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{_MEMORY_PREFIX}{os.getpid()}-",
                                   dir=MEMORY_FOLDER))
    (folder / "tmp").mkdir()
    for part in (folder, folder / "tmp"):  # passable (not listable) as /tmp is: tests/pg.py's
        part.chmod(0o711)  # own PostgreSQL server runs as its own user in a folder in there
    config.option.basetemp = str(folder / "pytest")
    os.environ["TMPDIR"] = tempfile.tempdir = str(folder / "tmp")
    config.stash[_MEMORY_KEY] = folder


_MEMORY_KEY = pytest.StashKey[Path]()
#: The environment variable naming a folder of this test run, shared by its pytest-xdist
#: workers and removed when the run ends (guides built once per run, see
#: _build_each_guide_once).
RUN_FOLDER = "TECHNIEKWERF_TEST_RUN_FOLDER"
_RUN_KEY = pytest.StashKey[Path]()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    run = config.stash.get(_RUN_KEY, None)
    if run is not None:
        shutil.rmtree(run, ignore_errors=True)
        os.environ.pop(RUN_FOLDER, None)
    folder = config.stash.get(_MEMORY_KEY, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))  # stable: the rest in order


#: How many collections of the middle generation Python's cycle collector lets pass before it
#: looks through everything (Python's own: 10).
FULL_COLLECTION_AFTER = 100


def pytest_collection_finish(session: pytest.Session) -> None:
    """In each test process, once its tests are collected: what was made so far (the modules,
    the tests and their parameters; it lives until the end) is set aside from Python's cycle
    collector, which no longer looks through it again and again, and a look through everything
    comes ten times less often. The collector took 5-10 % of a test process's time, most of it
    in those looks (the young objects are still collected as often as before; this is the
    test processes', not the game's). Measured on the monkey's first quarter: the collector's
    time 0.87 -> 0.24 s of 15 s; memory 10-25 MB more a process."""
    import gc

    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)


def make_level(world: str = "city", order: int = 1, kind: str = "build",
               groep: tuple[int, int] = (3, 4), title: str | None = None) -> Level:
    """A small but complete level: enough for menus, which never simulate it."""
    return Level(
        id=f"{world}-{order:02d}", world=world, kind=LevelKind(kind), order=order, groep=groep,
        kerndoelen=(45,), title=title or f"Test level {order}", story="A story.", width=4,
        height=3, blocked=frozenset(), parts=(), palette={}, goals=(), stars=Stars(), hints=(),
        parent_tip=NO_TIP, solution=Solution(steps=(), stars=1), ticks=10)


@pytest.fixture
def levels() -> list[Level]:
    kinds = ("build", "fix", "explore")
    return ([make_level("city", i, kinds[i % 3], (3 + i // 3, 4 + i // 3)) for i in range(1, 8)]
            + [make_level("greenport", i, kinds[i % 3]) for i in range(1, 6)])


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TECHNIEKWERF_DATA", str(folder))
    return folder


@pytest.fixture
def fake_time() -> ManualTime:
    return ManualTime()


@pytest.fixture
def app(data_dir: Path, levels: list[Level], fake_time: ManualTime):
    """The real game, headless, in English, with a known set of levels."""
    from game.app import App

    game = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir, levels=levels,
               time_source=fake_time)
    yield game
    game.close()


def _installed(function) -> bool:
    """Whether ``function`` is one of this file's keeping wrappers already. This file is
    imported a second time, as another module, when a test imports a helper from it (``from
    tests.conftest import make_level``): a wrapper must not wrap the first one again."""
    return getattr(function, "kept_by_tests", False)


def _inspect_shipped_levels_once() -> None:
    """Each shipped level file is read and proved (every solution replayed) once per test
    process, however many tests and test modules load the levels (many do at collection,
    to parametrize): ``game.content.loader.inspect_level`` keeps its answer for a file under
    levels/ until that file, the worlds file or a parts file (what an inspection reads)
    changes. Files elsewhere (a test's own levels, broken or mutated copies) are always read
    anew. Every
    caller gets its own copy of the answer's list of problems. Installed here, at import,
    before any test module imports the loader; tests/test_levels.py and test_content_*.py
    test the loading itself."""
    import dataclasses

    from game import PROJECT_ROOT
    from game.content import loader
    from game.content.worlds import WORLDS_FILE
    from game.sim.catalogue import parts_files

    if _installed(loader.inspect_level):
        return
    real, shipped, kept = loader.inspect_level, (PROJECT_ROOT / "levels").resolve(), {}

    def stamp(*files: Path) -> tuple:
        return tuple((str(p), st.st_mtime_ns, st.st_size) for p in files for st in [p.stat()])

    def inspect_level(path, source=None):
        where = Path(path).resolve()
        if shipped not in where.parents:
            return real(path, source)
        # what an inspection reads: the file, the worlds file and every world's parts file
        key = (where, source, stamp(where, shipped / WORLDS_FILE, *parts_files(shipped)))
        if key not in kept:
            kept[key] = real(path, source)
        found = kept[key]
        return dataclasses.replace(found, path=Path(path), problems=list(found.problems))

    inspect_level.kept_by_tests = True
    loader.inspect_level = inspect_level


_inspect_shipped_levels_once()


def _build_each_guide_once() -> None:
    """The teacher guide a game builds into its data folder (``game.guide.link.build``: every
    level drawn, a PDF made; seconds) is built for real once per language per test run, and
    copied whole into the next data folder that asks for the same guide, made from the same
    files (the fingerprint the game stamps it with). The guides are kept in the run's own
    folder (:data:`RUN_FOLDER`), so pytest-xdist's workers share them: the first to need one
    builds it while the others wait for it (a lock); without that folder (a test run by hand
    without pytest_configure) each process keeps its own. Tests that put their own builder in
    its place (tests/test_guide_links.py) are not affected; tests/test_guide.py tests the
    building itself."""
    import atexit
    import contextlib
    import hashlib
    import shutil

    from game.guide import link

    if _installed(link.build):
        return
    real, own = link.build, []

    def build(out: Path, lang: str) -> None:
        shared = os.environ.get(RUN_FOLDER)
        if shared is None and not own:
            own.append(tempfile.mkdtemp(prefix="techniekwerf-guides-"))
            atexit.register(shutil.rmtree, own[0], ignore_errors=True)
        folder = Path(shared or own[0]) / "guides"
        folder.mkdir(exist_ok=True)
        made = folder / hashlib.sha256(link.fingerprint(lang).encode()).hexdigest()[:20]
        with (folder / f"{made.name}.lock").open("w") as lock, _locked(lock):
            if not made.is_dir():
                fresh = made.with_name(made.name + ".new")
                with contextlib.suppress(FileNotFoundError):
                    shutil.rmtree(fresh)  # a build cut short
                real(fresh, lang)
                fresh.rename(made)
        shutil.copytree(made, out, dirs_exist_ok=True)

    build.kept_by_tests = True
    link.build = build


@contextlib.contextmanager
def _locked(file):
    """An exclusive lock on ``file`` while the block runs (other processes wait), where the
    system has one (fcntl)."""
    try:
        import fcntl
    except ImportError:  # Windows: one process builds alone (its own folder, see above)
        yield
        return
    fcntl.flock(file, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(file, fcntl.LOCK_UN)


_build_each_guide_once()


#: How many pixels of SVG pictures a test process keeps (see _render_each_picture_once).
PICTURE_PIXELS_KEPT = 50_000_000


def _render_each_picture_once() -> None:
    """An SVG picture rendered at a size (``pygame.image.load_sized_svg``, what
    :class:`game.ui.art.Art` asks for every picture it has not kept yet) is rendered once per
    test process and handed out as a copy after: every game a test opens has an Art of its
    own, which would render every picture on its screens again. Kept per file (its size and
    time stamp) and size, the ones asked for longest ago dropped past
    :data:`PICTURE_PIXELS_KEPT`; tests/test_art_cache.py counts Art's own renders on top."""
    from collections import OrderedDict

    import pygame

    if _installed(pygame.image.load_sized_svg):
        return
    real, kept, total = pygame.image.load_sized_svg, OrderedDict(), [0]

    def load_sized_svg(path, size):
        file = Path(path)
        stat = file.stat()
        key = (str(file), tuple(size), stat.st_mtime_ns, stat.st_size)
        picture = kept.get(key)
        if picture is None:
            picture = kept[key] = real(path, size)
            total[0] += picture.get_width() * picture.get_height()
            while total[0] > PICTURE_PIXELS_KEPT and len(kept) > 1:
                _key, old = kept.popitem(last=False)
                total[0] -= old.get_width() * old.get_height()
        else:
            kept.move_to_end(key)
        return picture.copy()

    load_sized_svg.kept_by_tests = True
    pygame.image.load_sized_svg = load_sized_svg


_render_each_picture_once()


@pytest.fixture(scope="session")
def dutch_guide(tmp_path_factory: pytest.TempPathFactory):
    """The whole teacher guide in Dutch with small pictures (drawn on a half-size screen),
    built once per test process for the tests that read it: (folder, book, index.html)."""
    from game.guide.build import build_guide
    from tests.scene_gallery import catalogue

    out = tmp_path_factory.mktemp("gids")
    book = build_guide(out, "nl", picture_width=240, levels=catalogue(), screen=(640, 360))
    return out, book, (out / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def school_app(data_dir: Path, fake_time: ManualTime):
    """The real game with the default school store (SQLite in ``data_dir``), no levels given:
    the shipped ones; the store is open (it opens after the first picture)."""
    from game.app import App

    game = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
               time_source=fake_time)
    game.run_frames(3)  # levels and the school store open after the first picture
    assert game.ctx.school is not None
    yield game
    game.close()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole suite runs with Python's network connections blocked: the game never talks
    to the network (DESIGN.md section 4). Local Unix sockets stay allowed, and the PostgreSQL
    tests connect through libpq in C, which this does not touch, by design."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"the game tried to use the network: {args!r}")

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def _first_start_answered(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh data folder would ask "at school or at home?" over the title (game.home); tests
    that are not about that question start as if it was never asked, as before it existed.
    Tests marked ``first_start`` see the question (tests/test_home_*.py)."""
    if request.node.get_closest_marker("first_start"):
        return
    from game import home

    monkeypatch.setattr(home, "should_ask", lambda ctx: False)


#: scrypt's work for PINs set in tests: OWASP's takes about half a second a PIN (set or
#: checked), which over the teacher tests made up minutes of the suite. Verifying reads the
#: work factors from the stored hash, so cheap hashes check as quickly.
CHEAP_SECRETS_N = 2**10


@pytest.fixture(autouse=True)
def _cheap_pin_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stores opened in a test hash PINs cheaply unless the test passes its own cost, or is
    marked ``owasp`` to prove what the game itself does (tests/test_store_secret.py). The
    game's own processes (the command line run as a subprocess) always use OWASP's."""
    if request.node.get_closest_marker("owasp"):
        return
    from game.progress import sql
    from game.progress.secret import OWASP, Cost

    cheap = Cost(n=CHEAP_SECRETS_N, r=8, p=1)
    real = sql.SqlSchoolStore.__init__

    def init(self, *args, secret_cost=OWASP, **kwargs):
        real(self, *args, secret_cost=cheap if secret_cost is OWASP else secret_cost, **kwargs)

    monkeypatch.setattr(sql.SqlSchoolStore, "__init__", init)
