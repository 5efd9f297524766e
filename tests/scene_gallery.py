"""Every screen of the game in a realistic state, for tests that must cover them all.

The gallery is a list of named states. Each state starts from a fresh title screen on the
real levels and a seeded school store (two small classes, a class of twelve with a history
of attempts, an active lesson, the teacher PIN), then pushes the scenes that make the state:
a play screen with a hint shown, a failed test run, the result with stars, the question of an
explore level, every teacher screen and dialog, and so on. Rarer states are reached as a user
reaches them (a button pressed, a replay run to its end): the confirmations, a new class, an
attempt replayed (solved, failed, changed since, deleted), the data screen's saved log and
merged logs, the school store's database problem. States that need the school in another
state (no classes yet, a class without pupils, a lesson finished) use a second school store
of their own (see ``OTHER_SCHOOLS``); the seeded school stays as it is.

Use it like this (``data_dir`` and ``fake_time`` are fixtures from conftest)::

    app = gallery_app(data_dir, fake_time, lang="nl")
    for name in STATE_NAMES:
        scene = show(app, name)      # the top scene of that state, drawn once
        ...                          # look at scene, app.surface, post events...
    app.close()

A test that needs only some states passes their names to :func:`show`. New screens belong
here: add a state, and the keyboard, target-size and text-fit tests cover them at once.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from game import PROJECT_ROOT
from game.content.loader import LevelCatalogue
from game.progress.records import Attempt, Lesson, Outcome, new_id, now
from game.progress.secret import Cost
from game.sim.model import StepAction
from tests.classroom_helpers import PIN
from tests.dashboard_data import fill_class

_CATALOGUE: list[LevelCatalogue] = []
_ART: dict[Path, object] = {}  # assets folder -> its Art, shared by every gallery game
#: what a gallery game's Fonts keeps (attribute name -> the dict), shared by every gallery game
#: of the test process (see :func:`_share_font_caches`)
_FONT_CACHES: dict[str, dict] = {}


def catalogue() -> LevelCatalogue:
    """The real levels, loaded once per test run (loading replays every solution)."""
    if not _CATALOGUE:
        _CATALOGUE.append(LevelCatalogue.load(PROJECT_ROOT / "levels"))
    return _CATALOGUE[0]


#: the store file of a seeded school, made once per test process (see :func:`_seeded_store`)
_SEEDED: list[Path] = []


def _seeded_store() -> Path:
    """The school store file of a game that ran :func:`seed_school`, made by the game itself
    once per test process (seeding saves some forty attempts, each its own transaction: half
    a second); every gallery game starts on a copy of it."""
    if not _SEEDED:
        from game.clock import ManualTime

        folder = Path(tempfile.mkdtemp(prefix="techniekwerf-seeded-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        app = _new_app(folder / "data", ManualTime(), "en", 0)
        try:
            seed_school(app.ctx.school)
        finally:
            app.close()
        _SEEDED.append(folder / "data" / "techniekwerf.db")  # closed: the WAL is folded in
    return _SEEDED[0]


def _new_app(data_dir, fake_time, lang: str, text_size: int):
    from game.app import App
    from game.ui.art import Art

    app = App(size=(1280, 720), fullscreen=False, lang=lang, data_dir=data_dir,
              levels=catalogue(), time_source=fake_time)
    # The pictures, rendered from SVG at the sizes shown, are the same for every gallery game
    # (all 1280x720): rendered once per test run, not once per game (a quarter of a second);
    # kept in one cache large enough for every state's sizes, so it never has to drop any
    if app.root / "assets" not in _ART:
        _ART[app.root / "assets"] = Art(app.root / "assets", max_items=5000)
    app.art = app.ctx.art = _ART[app.root / "assets"]
    _share_font_caches(app.fonts)
    app.settings.text_size = text_size
    app.gallery_time = fake_time
    app.gallery_dir = Path(data_dir)
    app.run_frames(2)  # the App opens its school store after the first frame
    school = app.ctx.school
    assert school is not None, "the SQL school store did not open"
    cheap_secrets(school)
    return app


def _share_font_caches(fonts) -> None:
    """Give a new game's Fonts the caches of the gallery games before it: the fonts opened
    and what was measured and laid out (each dict of the Fonts is one of those, kept by
    everything its answer depends on: the game swaps the settings under them, a pupil's text
    size and reading font, the language). The game keeps its own Fonts, with its own
    settings; only the kept answers are shared, as the pictures are (``_ART``): each game of
    the monkey measured and laid out the same texts anew (a third of a new game's first
    picture)."""
    own = vars(fonts)
    for name, kept in list(own.items()):
        if isinstance(kept, dict):
            own[name] = _FONT_CACHES.setdefault(name, kept)


def gallery_app(data_dir, fake_time, lang: str = "en", text_size: int = 0):
    """The real game on a seeded SQLite school store in ``data_dir``; call ``close()`` after.

    The store is a copy of one seeded once per test process (the same classes, pupils,
    lessons, attempts and PIN as :func:`seed_school` makes; the ids are the same in every
    copy)."""
    from game.app import App
    from game.scenes.player import guest_store

    folder = Path(data_dir)
    if (folder / "techniekwerf.db").exists():
        raise ValueError(f"{folder} holds a school store already; the gallery seeds its own")
    seeded = _seeded_store()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded, folder / "techniekwerf.db")
    app = _new_app(folder, fake_time, lang, text_size)
    school = app.ctx.school
    app.ctx.store = guest_store(app.ctx)
    app.gallery_schools = {"main": school}  # the other schools (see OTHER_SCHOOLS), once made

    def close() -> None:
        app.ctx.school = school  # the App closes this one; the others are closed here
        for name, other in app.gallery_schools.items():
            if name != "main":
                other.close()
        App.close(app)

    app.close = close
    return app


#: scrypt's work for the gallery's PINs: OWASP's takes about half a second (on a busy PC more)
#: for every PIN set; tests/test_store_secret.py tests the game's own cost
CHEAP_SECRETS = Cost(n=2**10, r=8, p=1)


def cheap_secrets(school) -> None:
    """Hash the PINs set in ``school`` cheaply, as tests/pg.py does for the store tests."""
    school._cost = CHEAP_SECRETS


def seed_school(school) -> dict:
    """Classes, pupils, lessons, a history of attempts and the teacher PIN."""
    levels = catalogue()
    city = list(levels.world("city"))
    a = school.add_class("groep 5b")
    ann = school.add_pupil(a.id, "Ann", "heron")
    school.add_pupil(a.id, "Bob", "cow")
    school.add_pupil(a.id, "Maximiliaan", "fox")
    lesson = Lesson(new_id(), "Stroom in de stad", tuple(lv.id for lv in city[:4]),
                    free_play=True)
    school.save_lesson(lesson)
    school.activate_lesson(a.id, lesson.id)
    school.save_lesson(Lesson(new_id(), "Water in de kas",
                              tuple(lv.id for lv in levels.world("greenport"))[:3]))
    class_id, pupils = fill_class(school, city[:6], now() - timedelta(minutes=5), pupils=12,
                                  lesson_levels=3, today=True)
    school.set_secret(PIN)
    return {"class": a, "pupil": ann, "lesson": lesson, "big_class": class_id,
            "big_pupils": pupils}


# --- other schools ------------------------------------------------------------------------------
# States that need a school in another state than the seeded one (no classes yet, a class
# without pupils, a class that finished its lesson) use a store of their own, made the first
# time it is needed; the seeded school stays as it is for every other state.

def _new_school(school) -> None:
    """A school on its first day: no classes, no lessons yet."""


def _lessons_first(school) -> None:
    """A teacher who made a long lesson before making any class."""
    levels = [lv.id for lv in catalogue().world("city")]
    school.save_lesson(Lesson(new_id(), "Stroom van zon tot lamp", tuple(levels[:12]),
                              free_play=True))


def _new_class(school) -> None:
    """A class just made: no pupils, no lesson switched on."""
    school.add_class("groep 3a")


def _lesson_done(school) -> None:
    """groep 7a, whose pupil Lotte solved every level of the class's lesson, answered a
    question, gave up on a hard level, and has an attempt stored as solved whose build does
    not solve its level as the level is now (the level was changed after she played it)."""
    from tests.dashboard_data import board_after, judged

    levels = catalogue()
    city = list(levels.world("city"))
    group = school.add_class("groep 7a")
    lotte = school.add_pupil(group.id, "Lotte", "owl")
    school.add_pupil(group.id, "Mehmet", "bear")
    lesson = Lesson(new_id(), "Licht aan", tuple(lv.id for lv in city[:3]), free_play=True)
    school.save_lesson(lesson)
    school.activate_lesson(group.id, lesson.id)
    start = now() - timedelta(minutes=50)

    def attempt(level, steps, outcome, lesson_id=None):
        from game.progress.attempt_log import build_of

        board, answer = board_after(level, steps)
        ev = judged(level, board, 0, answer)
        stars = ev.stars if ev.solved else (2 if outcome == Outcome.SOLVED else 0)
        nonlocal start
        start += timedelta(minutes=4)
        school.save_attempt(Attempt(new_id(), lotte.id, level.id, lesson_id, start,
                                    start + timedelta(minutes=3), outcome, stars,
                                    board.parts_used(), 2, 1, 0, 0, answer, build_of(board),
                                    "pc-3"))

    for level in city[:3]:
        attempt(level, None, Outcome.SOLVED, lesson.id)
    attempt(_level_of(levels, "city-06"), None, Outcome.SOLVED)  # the explore level
    attempt(_level_of(levels, "greenport-11"), 0, Outcome.GAVE_UP)  # fails at once and later
    attempt(_level_of(levels, "city-05"), 1, Outcome.SOLVED)  # solved then, not any more


def _teachers(school) -> None:
    """A store with a PIN per teacher (as on a school server): the PIN screen asks who first."""
    # more names than one page holds: the screen pages through them ("More names")
    for name in ("Juf Anna", "Meester Bram", "Juf Çiğdem", "Meester Maximiliaan van Oranje",
                 "Juf Dilara", "Meester Eryk", "Juf Fatima"):
        school.add_teacher(name, PIN)


#: name -> what a school store of that name holds (no PIN unless it says so)
OTHER_SCHOOLS: dict[str, Callable] = {"new": _new_school, "lessons_first": _lessons_first,
                                      "new_class": _new_class, "lesson_done": _lesson_done,
                                      "teachers": _teachers}


def _level_of(levels, prefix: str):
    return next(lv for lv in levels if lv.id.startswith(prefix))


def _open_store(app, folder: str):
    from game.app import open_school

    school = open_school(None, app.gallery_dir / folder)
    cheap_secrets(school)
    return school


#: the store file of each of OTHER_SCHOOLS, made once per test process (see :func:`_made_school`)
_MADE: dict[str, Path] = {}


def _made_school(name: str) -> Path:
    """The store file of the school ``name`` of OTHER_SCHOOLS, made once per test process (a
    new store is migrated from the first schema on, then filled: 20-50 ms; opening a copy takes
    2); a game that needs it starts on a copy, as every game does on the seeded school."""
    if name not in _MADE:
        from game.app import open_school

        folder = Path(tempfile.mkdtemp(prefix=f"techniekwerf-school-{name}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        school = open_school(None, folder)
        cheap_secrets(school)
        try:
            OTHER_SCHOOLS[name](school)
        finally:
            school.close()  # closed: the WAL is folded in
        _MADE[name] = folder / "techniekwerf.db"
    return _MADE[name]


def _use_school(app, name: str):
    """Make the school ``name`` of OTHER_SCHOOLS the game's school store (until the reset):
    a copy of its store, the game's own (what the game does to it stays in this game)."""
    from game.scenes.player import guest_store

    schools = app.gallery_schools
    if name not in schools:
        folder = app.gallery_dir / f"school-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_made_school(name), folder / "techniekwerf.db")
        schools[name] = _open_store(app, f"school-{name}")
    app.ctx.school = schools[name]
    app.ctx.store = guest_store(app.ctx)
    return app.ctx.school


# --- the states ------------------------------------------------------------------------------

def _reset(app) -> None:
    """Back to a fresh title as the guest, outside the teacher area, on the seeded school."""
    from game.scenes.player import play_as
    from game.scenes.title import TitleScene

    ctx = app.ctx
    while len(ctx.stack):
        ctx.stack.pop()
    for note in list(ctx.notices):  # the teacher's notes of a state stay with that state
        ctx.notices.clear(note.key)
    ctx.school = app.gallery_schools["main"]
    ctx.settings.place = None  # the home states' answer (see _at_home) is theirs only
    ctx.child = ctx.last_gate = None
    ctx.gate_misses = 0
    from game import homework

    homework.remove(app.gallery_dir)  # the homework states' homework is theirs only
    play_as(ctx, None)
    ctx.stack.push(TitleScene(ctx))


#: game time one frame of :func:`_settle` runs: every fixed step still runs (the animations
#: and the simulation go exactly as in the game), only fewer of the pictures between are drawn
SETTLE_FRAME = 0.25


def _settle(app, seconds: float) -> None:
    """Let game time pass (the gallery's app runs on a manual clock), a quarter of a second of
    it a frame; only the last frame is drawn (the pictures between are never looked at)."""
    clock = app.clock
    per_frame = max(1, round(SETTLE_FRAME / clock.step))
    steps = round(seconds / clock.step)
    cap, clock.max_steps = clock.max_steps, max(clock.max_steps, per_frame)
    try:
        while steps > 0:
            now = min(steps, per_frame)
            app.gallery_time.advance(now * clock.step)
            steps -= now
            app.step_frame(draw=steps <= 0)
    finally:
        clock.max_steps = cap


def _push(app, scene) -> None:
    app.ctx.stack.push(scene)


def _level(app, prefix: str):
    """The level whose id starts with ``prefix`` (e.g. "city-01")."""
    return next(lv for lv in app.ctx.levels if lv.id.startswith(prefix))


def _play(app, prefix: str = "city-01"):
    from game.scenes.play import PlayScene

    scene = PlayScene(app.ctx, _level(app, prefix))
    _push(app, scene)
    app.run_frames(2)
    return scene


def _build(scene, steps: int | None = None) -> None:
    """Do the first ``steps`` steps of the level's reference solution (all: None)."""
    todo = scene.level.solution.steps
    for step in todo if steps is None else todo[:steps]:
        if step.action == StepAction.ANSWER:
            scene.answer = step.kind
        else:
            scene.editor.apply(step)
    scene._after_edit()


def _explore_level(app):
    """An explore level that asks a question (and has the answer goal): a level file may
    still give question: instead of predict:; the shipped ones predict, so the gallery makes
    one from city-06 with that level's own (translated) texts."""
    from dataclasses import replace

    from game.sim.model import Goal, GoalType, Question

    asked = next((lv for lv in app.ctx.levels if lv.question is not None), None)
    if asked is not None:
        return asked
    level = _level(app, "city-06")
    p = level.predict
    return replace(level, predict=None, goals=(*level.goals, Goal(GoalType.ANSWER)),
                   question=Question(p.text, tuple(p.choices), p.answer, p.explain))


def _as_teacher(app) -> None:
    app.ctx.teacher = True


def _first_class(app):
    return app.ctx.school.classes()[0]


def _big_class(app):
    return next(c for c in app.ctx.school.classes() if c.name == "groep 6b")


def _an_attempt(app):
    pupil = app.ctx.school.pupils(_big_class(app).id)[0]
    attempts = app.ctx.school.attempts(pupil_id=pupil.id) or app.ctx.school.attempts()
    return attempts[0]


def _state_title(app) -> None:
    pass


def _state_title_stop(app) -> None:
    app.ctx.stack.top.ask_to_stop()  # the title's Stop button: "Stop playing?"


def _state_world_map(app) -> None:
    from game.scenes.world_map import WorldMapScene

    _push(app, WorldMapScene(app.ctx))


def _state_level_select(world: str) -> Callable:
    def state(app) -> None:
        from game.scenes.level_select import LevelSelectScene

        _push(app, LevelSelectScene(app.ctx, world))
    return state


def _state_lesson_select(app) -> None:
    from game.scenes.level_select import LessonScene
    from game.scenes.player import play_as

    group = _first_class(app)
    play_as(app.ctx, app.ctx.school.pupils(group.id)[0])
    _push(app, LessonScene(app.ctx, app.ctx.lesson))


def _state_play(app) -> None:
    _play(app, "city-01")


def _state_play_water(app) -> None:
    _play(app, "greenport-05")


def _state_play_hint(app) -> None:
    scene = _play(app, "city-03")
    scene.hint()
    scene.hint()


def _state_play_building(app) -> None:
    scene = _play(app, "city-05")
    _build(scene, 2)


def _state_play_running(app) -> None:
    scene = _play(app, "city-07")
    _build(scene)
    scene.start_test()
    _settle(app, 1.5)


def _state_play_weather(app) -> None:
    """A level with its own weather mid-run: the strip under the board marks the present tick
    (the calm night), and the pointer on it says that tick's weather in words."""
    scene = _play(app, "city-14")
    _build(scene)
    scene.start_test()
    _settle(app, 1.5)
    strip = scene.weather_strip
    tick = scene.run.state.tick
    scene.pointer = next(r.center for first, last, r in strip.tiles if first <= tick <= last)
    app.run_frames(1)


def _state_play_failed(app) -> None:
    scene = _play(app, "greenport-04")
    _build(scene, 1)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()


def _state_play_pump_off(app) -> None:
    """A pump without a cable: it stays off (its picture), and Noor says why."""
    scene = _play(app, "greenport-12")
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()


def _state_play_waste(app) -> None:
    """Drip lines with a sprinkler at their end instead of a drain: once the plants have
    enough, their water runs off, and Noor says where water is lost."""
    from game.sim.model import Step

    scene = _play(app, "greenport-14")
    _build(scene, 10)  # the pipes and the drip lines of the reference solution
    scene.editor.apply(Step(StepAction.PLACE, (8, 4), "sprinkler", 1))
    scene._after_edit()
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()


def _state_play_heat(app) -> None:
    """A heat level before its run: the medicine box's band on its tag, the wraps' speed of
    heat as meters, the temperature graph empty under the board with the band shaded."""
    _play(app, "life-sciences-01")


def _state_play_heat_running(app) -> None:
    """The thermostat level mid-run: the incubator's temperature on it, the thermostat's
    setting, the graph growing beside the board, the cells tinted warm."""
    scene = _play(app, "life-sciences-12")
    _build(scene)
    scene.start_test()
    _settle(app, 1.5)


def _state_play_packets_running(app) -> None:
    """The exchange mid-run: envelopes in their address's colour and symbol on the cables,
    queues at the exchange's routers, each network's code above its address tag, the
    envelopes it sends along its top and how many it took."""
    scene = _play(app, "ict-09")
    _build(scene)
    scene.start_test()
    _settle(app, 1.2)


def _state_play_heat_graph_tip(app) -> None:
    """The pointer on the temperature graph: what it shows, in words."""
    _state_play_heat_running(app)
    scene = app.ctx.stack.top
    scene.pointer = scene.graph_rect.center
    app.run_frames(1)


def _state_play_heat_failed(app) -> None:
    """The cool box without its ice pack, run to the end: the box too warm (its number, its
    picture, its line above the band on the graph) and Noor saying so."""
    scene = _play(app, "life-sciences-01")
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()


def _state_play_datacenter_heat(app) -> None:
    """The data centre's capstone mid-run: server racks with their band and energy bolts,
    warm-water pipes to the homes and the greenhouse, the grid connection failed and the
    backup battery giving, the temperature graph of racks, homes and greenhouse."""
    scene = _play(app, "ict-14")
    _build(scene)
    scene.start_test()
    _settle(app, 2.0)


def _state_result(app) -> None:
    scene = _play(app, "city-02")
    _build(scene)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()
    scene._show_result()
    _settle(app, 3.0)  # the stars fly in


def _state_star_limits(prefix: str, solution: int, more=(), result: bool = True,
                       hover: str | None = None) -> Callable:
    """A level whose stars weigh cost, CO₂ or water (game.ui.star_rules): built as its
    ``solution``-th solution (and the steps ``more``), tested, and the result card with each
    limit's reason (``result``); else the play screen with the limits under the parts reached
    or not, and the tooltip of palette part ``hover`` (its price and CO₂)."""

    def make(app) -> None:
        from game.sim.model import Step

        scene = _play(app, prefix)
        for step in (*scene.level.every_solution[solution].steps, *more):
            scene.editor.apply(step if isinstance(step, Step) else Step(StepAction.PLACE, *step))
        scene._after_edit()
        scene.start_test()
        scene.run.finish_now()
        scene._show_run()
        scene._judge()
        if result:
            scene._show_result()
            _settle(app, 3.0)
        elif hover is not None:
            scene.palette.hover = scene.palette.kinds.index(hover)

    return make


def _state_result_explore(prefix: str, guessed_right: bool) -> Callable:
    """The explanation card of an explore level: the prediction ("You thought") beside what
    the run showed ("It was"), and what was seen and why (a question level: the question's
    explanation; a first guess that was not the answer adds that trying showed it)."""

    def make(app) -> None:
        from game.scenes.play import PlayScene

        if prefix == "question":
            scene = PlayScene(app.ctx, _explore_level(app))
            _push(app, scene)
            app.run_frames(2)
        else:
            scene = _play(app, prefix)
        _build(scene)
        asked = scene.level.predict or scene.level.question
        if getattr(asked, "kind", "") == "table":  # a filled-in table: one row the other way
            first, *rest = asked.answer
            guess = asked.answer if guessed_right else (
                tuple(not on for on in first), *rest)
        else:
            guess = asked.answer if guessed_right else next(
                kind for kind in asked.choices if kind != asked.answer)
        if scene.level.predict is not None:
            scene.prediction = guess
        else:
            scene.first_answer = guess
        scene.start_test()
        scene.run.finish_now()
        scene._show_run()
        scene._judge()
        scene._show_result()
        _settle(app, 3.0)

    return make


def _solved_store(app, name: str, solved: dict[str, float], but: str = ""):
    """A guest progress of its own (until the reset) in which the first part of each world's
    levels is solved: ``solved`` maps a world to the part (0..1); level ``but`` is not."""
    from game.progress.store import JsonProgressStore

    folder = app.gallery_dir / f"progress-{name}"
    shutil.rmtree(folder, ignore_errors=True)  # as new each time the state is shown
    store = JsonProgressStore(folder)
    for world, part in solved.items():
        levels = app.ctx.levels.world(world)
        for level in levels[:round(part * len(levels))]:
            if level.id != but:
                store.record_result(level.id, 2, True, 3, 0)
    app.ctx.store = store
    return store


def _state_world_map_grown(solved: dict[str, float]) -> Callable:
    """The map with the worlds' places grown as far as ``solved`` says (see _solved_store)."""

    def make(app) -> None:
        from game.scenes.world_map import WorldMapScene

        _solved_store(app, "-".join(f"{w}{round(100 * part)}" for w, part in solved.items()),
                      solved)
        _push(app, WorldMapScene(app.ctx))

    return make


def _state_result_finale(app) -> None:
    """The result card of the solve that finishes a world: its big button says Celebrate."""
    from game.sim.model import LevelKind

    # the last build level (no prediction to make): solved last, it finishes the world
    last = [lv for lv in app.ctx.levels.world("greenport") if lv.kind == LevelKind.BUILD][-1]
    _solved_store(app, "finale", {"greenport": 1.0}, but=last.id)  # all solved but the last
    scene = _play(app, last.id)
    _build(scene)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()
    scene._show_result()
    _settle(app, 3.0)


def _state_celebration(world: str) -> Callable:
    def make(app) -> None:
        _solved_store(app, f"all-{world}", {world: 1.0})
        app.ctx.push("world_map")
        app.ctx.push("celebration", world=world)
        _settle(app, 1.5)  # the place has popped in, the first sparks open

    return make


def _state_question(app) -> None:
    from game.scenes.play import PlayScene

    scene = PlayScene(app.ctx, _explore_level(app))
    _push(app, scene)
    app.run_frames(2)
    scene.ask()


def _state_predict(prefix: str) -> Callable:
    """The prediction picker of an explore level, before its first run (Test opens it)."""

    def make(app) -> None:
        scene = _play(app, prefix)
        _build(scene)
        scene.test_or_stop()
        app.run_frames(2)

    return make


def _state_predict_picture(app) -> None:
    """A prediction answered with pictures (day, night, it works, it does not work): city-06
    asked that way, with its own texts."""
    from dataclasses import replace

    from game.scenes.play import PlayScene
    from game.sim.model import PREDICT_PICTURES

    level = _level(app, "city-06")
    pictures = tuple(PREDICT_PICTURES)
    scene = PlayScene(app.ctx, replace(level, predict=replace(
        level.predict, kind="picture", choices=pictures, answer=pictures[0])))
    _push(app, scene)
    app.run_frames(2)
    scene.open_predict()
    app.run_frames(2)


def _state_predict_table_missing(app) -> None:
    """The truth table to fill in (ict-06), Done pressed with two rows still empty: they are
    ringed and Noor asks for them."""
    scene = _play(app, "ict-06")
    scene.open_predict()
    app.run_frames(1)
    picker = app.ctx.stack.top
    picker.toggle(0, 0)
    picker.toggle(1, 0)
    picker.toggle(1, 0)
    picker.confirm()
    app.run_frames(2)


def _state_play_predicted_table(app) -> None:
    """A filled-in truth table kept on screen during the run (the chip's small table)."""
    scene = _play(app, "ict-06")
    _build(scene)
    scene.predicted(((False,), (True,), (False,), (True,)), then_test=True)
    _settle(app, 1.0)


def _state_play_predicted(app) -> None:
    """An explore level mid-run: the prediction kept on screen where Guess was."""
    scene = _play(app, "city-15")
    _build(scene, 1)
    scene.predicted(3, then_test=True)
    _settle(app, 1.0)


def _state_probe_kind(prefix: str, kind: str, steps: int | None = None,
                      reads: Callable | None = None) -> Callable:
    """The measuring probe held, after a run of the first ``steps`` steps of the solution
    (all: None), to the first part of ``kind`` on the board whose reading passes ``reads``
    (the cell found on the level as it is now)."""

    def make(app) -> None:
        _state_probe(prefix, (0, 0), steps)(app)
        scene = app.ctx.stack.top
        meter = scene.run.state.meter
        cell = min(c for c, p in scene.run.board.pieces.items() if p.kind == kind
                   and (reads is None or (c in meter and reads(meter[c]))))
        scene.view.cursor = scene.probe_cell = cell
        app.run_frames(1)

    return make


def _state_probe(prefix: str, cell: tuple[int, int], steps: int | None,
                 seconds: float | None = 0) -> Callable:
    """The measuring probe held to ``cell`` after the first ``steps`` steps of the solution,
    ``seconds`` into a run (0: after the run; None: before any run)."""

    def make(app) -> None:
        scene = _play(app, prefix)
        _build(scene, steps)
        scene.toggle_probe()
        _probe_at(app, scene, cell, seconds)

    return make


def _probe_at(app, scene, cell: tuple[int, int], seconds: float | None) -> None:
    """Hold the play screen's probe (already out) to ``cell``, ``seconds`` into a Test (0:
    after it; None: before any)."""
    if seconds is not None:
        if scene.level.predict is not None:
            scene.prediction = scene.level.predict.choices[0]
        scene.start_test()
        if seconds:
            _settle(app, seconds)
        else:
            scene.run.finish_now()
            scene._show_run()
            scene._judge()
    scene.keyboard = True
    scene.view.cursor = scene.probe_cell = cell
    app.run_frames(1)


#: a made board of signals for the probe (until the Datacenter's levels carry the meter): three
#: AND gates (one input on, both on, both off) and two NOT gates (input off, input on), each
#: fed by push buttons (pressed: True) and showing on a signal lamp
_SIGNAL_GATES = ((0, True, False), (3, True, True), (6, False, False))
_SIGNAL_NOTS = ((0, False), (3, True))


def _signal_probe_level(app):
    from dataclasses import replace

    from game.sim.model import Goal, GoalType, PlacedPart, Solution

    parts = []
    for x, a, b in _SIGNAL_GATES:
        parts += [PlacedPart("push_button", (x, 0), 0, params={"pressed": a}),
                  PlacedPart("signal_wire_corner", (x + 1, 0), 2),
                  PlacedPart("and_gate", (x + 1, 1), 0),
                  PlacedPart("push_button", (x, 2), 0, params={"pressed": b}),
                  PlacedPart("signal_wire_corner", (x + 1, 2), 3),
                  PlacedPart("signal_lamp", (x + 2, 1), 0)]
    for x, a in _SIGNAL_NOTS:
        parts += [PlacedPart("push_button", (x, 3), 0, params={"pressed": a}),
                  PlacedPart("not_gate", (x + 1, 3), 0), PlacedPart("signal_lamp", (x + 2, 3), 0)]
    level = _level(app, "city-01")
    return replace(level, id="ict-gallery-signals", world="ict", width=9, height=4,
                   blocked=frozenset(), parts=tuple(parts), palette={},
                   goals=(Goal(GoalType.SIGNAL_ON),), probe=True, solution=Solution((), 1))


def _state_probe_signal(cell: tuple[int, int]) -> Callable:
    """The measuring probe held to ``cell`` of the made signal board after its run."""

    def make(app) -> None:
        from game.scenes.play import PlayScene

        scene = PlayScene(app.ctx, _signal_probe_level(app))
        _push(app, scene)
        app.run_frames(2)
        scene.toggle_probe()
        _probe_at(app, scene, cell, 0)

    return make


def _state_info_card(app) -> None:
    scene = _play(app, "city-01")
    scene.parent_tip()


def _state_pause(app) -> None:
    scene = _play(app, "city-01")
    scene.pause()


def _state_settings(app) -> None:
    from game.scenes.settings_menu import SettingsScene

    _push(app, SettingsScene(app.ctx))


def _state_class_pick(app) -> None:
    from game.scenes.login import ClassPickScene

    _push(app, ClassPickScene(app.ctx))


def _state_avatar_pick(app) -> None:
    from game.scenes.login import AvatarScene

    _push(app, AvatarScene(app.ctx, _first_class(app).id))


def _state_store_problem(app) -> None:
    from game.scenes.login import StoreProblemScene

    _push(app, StoreProblemScene(
        app.ctx, "this store was made by a newer version of the game (schema 0009)",
        on_guest=lambda: None, newer=True))


def _state_pin(app) -> None:
    from game.scenes.teacher_gate import PinScene

    _push(app, PinScene(app.ctx))


def _state_pin_unset(app) -> None:
    """No PIN yet: the screen names the command that sets it (no keypad to choose one)."""
    from game.scenes.teacher_gate import PinScene

    _use_school(app, "new")
    _push(app, PinScene(app.ctx))


def _state_pin_who(app) -> None:
    """A PIN per teacher: tap your name first."""
    from game.scenes.teacher_gate import PinScene

    _use_school(app, "teachers")
    _push(app, PinScene(app.ctx))


def _state_teacher_home(app) -> None:
    from game.scenes.teacher_home import TeacherHomeScene

    _as_teacher(app)
    _push(app, TeacherHomeScene(app.ctx))


def _state_new_pin(app) -> None:
    from game.scenes.teacher_gate import NewPinScene

    _state_teacher_home(app)
    _push(app, NewPinScene(app.ctx))


def _state_choose_class(app) -> None:
    from game.scenes.teacher_home import ChooseClassScene

    _state_teacher_home(app)
    _push(app, ChooseClassScene(app.ctx, app.ctx.gettext("Which class?"), lambda _id: None))


def _state_classes(app) -> None:
    from game.scenes.classes import ClassesScene

    _state_teacher_home(app)
    _push(app, ClassesScene(app.ctx))


def _state_pupil_edit(app) -> None:
    from game.scenes.classes import PupilScene

    _state_classes(app)
    group = _first_class(app)
    _push(app, PupilScene(app.ctx, group.id, app.ctx.school.pupils(group.id)[0]))


def _state_text_prompt(app) -> None:
    """New class: the name field still empty, its example shown."""
    _state_classes(app)
    _press(app, "newclass")


def _state_confirm(app) -> None:
    _state_classes(app)
    _press(app, "delclass")


def _state_lessons(app) -> None:
    from game.scenes.lessons import LessonsScene

    _state_teacher_home(app)
    _push(app, LessonsScene(app.ctx))


def _state_lesson_edit(app) -> None:
    from game.scenes.lessons import LessonEditScene

    _state_lessons(app)
    _push(app, LessonEditScene(app.ctx, app.ctx.school.lessons()[0]))


def _state_dashboard(app) -> None:
    from game.scenes.dashboard import DashboardScene

    _state_teacher_home(app)
    _push(app, DashboardScene(app.ctx, _big_class(app).id))


def _state_pupil_page(app) -> None:
    from game.scenes.pupil_page import PupilPage

    _state_dashboard(app)
    _push(app, PupilPage(app.ctx, app.ctx.school.pupils(_big_class(app).id)[0].id))


def _state_attempt_view(app) -> None:
    from game.scenes.attempt_view import AttemptView

    _state_pupil_page(app)
    _push(app, AttemptView(app.ctx, _an_attempt(app).id))


def _state_teacher_data(app) -> None:
    from game.scenes.teacher_data import DataScene

    _state_teacher_home(app)
    _push(app, DataScene(app.ctx))


# --- rarer states: empty lists, confirmations, the replay of an attempt, results of a job -------

def _press(app, key: str) -> None:
    """Press the button ``key`` of the top scene's FocusRow, as a click does."""
    app.ctx.stack.top.row.button(key).on_click()


def _state_store_problem_db(app) -> None:
    from game.scenes.login import StoreProblemScene

    _push(app, StoreProblemScene(
        app.ctx, 'connection to server at "school-server" (10.0.0.5), port 5432 failed: '
        "Connection refused", on_guest=lambda: None, newer=False))


def _state_store_problem_kind(kind: str, detail: str) -> Callable:
    """The card for a store that is damaged, cannot be written, has a full disk, or a server
    that does not answer (game.progress.db.StoreProblem.kind)."""

    def make(app) -> None:
        from game.scenes.login import StoreProblemScene

        _push(app, StoreProblemScene(app.ctx, detail, on_guest=lambda: None, newer=False,
                                     kind=kind))

    return make


def _state_class_pick_none(app) -> None:
    _use_school(app, "new")
    _state_class_pick(app)


def _state_avatar_pick_empty(app) -> None:
    from game.scenes.login import AvatarScene

    school = _use_school(app, "new_class")
    _push(app, AvatarScene(app.ctx, school.classes()[0].id))


def _lotte(app):
    school = _use_school(app, "lesson_done")
    group = school.classes()[0]
    return next(p for p in school.pupils(group.id) if p.name == "Lotte")


def _state_lesson_done(app) -> None:
    from game.scenes.level_select import LessonScene
    from game.scenes.player import play_as

    play_as(app.ctx, _lotte(app))
    _push(app, LessonScene(app.ctx, app.ctx.lesson))


def _state_lesson_done_last_page(app) -> None:
    """The same lesson on its last page, where the free-play card is (with the bigger cards of
    a long language or a big text size the lesson takes more than one page)."""
    _state_lesson_done(app)
    app.run_frames(1)  # the cards' shape is set while drawing
    scene = app.ctx.stack.top
    scene.turn_page(scene.pages - 1 - scene.page)


def _state_level_select_empty(app) -> None:
    """A world whose levels are not there (a levels folder from before that world)."""
    from game.scenes.level_select import LevelSelectScene

    _push(app, LevelSelectScene(app.ctx, "water"))


def _state_teacher_home_new_class(app) -> None:
    _use_school(app, "new_class")
    _state_teacher_home(app)


def _state_classes_none(app) -> None:
    _use_school(app, "new")
    _state_classes(app)


def _state_classes_no_pupils(app) -> None:
    _use_school(app, "new_class")
    _state_classes(app)


def _state_rename_class(app) -> None:
    _state_classes(app)
    _press(app, "rename")


def _state_pupil_new(app) -> None:
    _state_classes(app)
    _press(app, "addpupil")


def _state_confirm_pupil(app) -> None:
    _state_pupil_edit(app)
    _press(app, "delete")


def _state_lessons_none(app) -> None:
    _use_school(app, "new")
    _state_lessons(app)


def _state_lessons_first(app) -> None:
    _use_school(app, "lessons_first")
    _state_lessons(app)


def _state_lesson_new(app) -> None:
    _state_lessons(app)
    _press(app, "new")


def _state_lesbrief_pick(app) -> None:
    """The lesson plans of the teacher guide, the first world's (Energiestad)."""
    _state_lessons(app)
    _press(app, "plans")


def _state_lesbrief_pick_life(app) -> None:
    """The lesson plans of the Gezondheidslab (the longest world name)."""
    _state_lesbrief_pick(app)
    _press(app, "world:life_sciences")


def _state_lesbrief_pick_none(app) -> None:
    """No lesson plans: the guide's file is missing."""
    from game.scenes.lesbrief_pick import LesbriefPickScene

    _state_lessons(app)
    _push(app, LesbriefPickScene(app.ctx, path=app.gallery_dir / "no-lesbrieven.yaml"))


def _state_lesbrief_lesson(app) -> None:
    """A lesson started from a lesson plan: the editor with its title and levels."""
    _state_lesbrief_pick(app)
    _press(app, "plan:city-1")


def _state_lesson_copy(app) -> None:
    _state_lessons(app)
    _press(app, "copy")


def _state_confirm_lesson(app) -> None:
    _state_lessons(app)
    _press(app, "delete")


def _state_lesson_leave(app) -> None:
    _state_lesson_edit(app)
    scene = app.ctx.stack.top
    scene.row.button(next(k for k in scene.row.keys if k.startswith("card:")
                          and k[5:] not in scene.level_ids)).on_click()  # a level added
    _press(app, "back")


def _state_dashboard_no_pupils(app) -> None:
    from game.scenes.dashboard import DashboardScene

    school = _use_school(app, "new_class")
    _state_teacher_home(app)
    _push(app, DashboardScene(app.ctx, school.classes()[0].id))


def _state_dashboard_gone(app) -> None:
    """The class was deleted (on another PC) while its progress was open."""
    from game.scenes.dashboard import DashboardScene

    _state_teacher_home(app)
    _push(app, DashboardScene(app.ctx, new_id()))


def _state_pupil_page_new(app) -> None:
    """A pupil who has not played yet."""
    from game.scenes.pupil_page import PupilPage

    _state_teacher_home(app)
    group = _first_class(app)
    bob = next(p for p in app.ctx.school.pupils(group.id) if p.name == "Bob")
    _push(app, PupilPage(app.ctx, bob.id))


def _state_pupil_page_gone(app) -> None:
    """The pupil was deleted (on another PC) while the page was open."""
    from game.scenes.pupil_page import PupilPage

    _state_teacher_home(app)
    _push(app, PupilPage(app.ctx, new_id()))


def _lotte_attempt(app, prefix: str):
    """The attempt view of Lotte's go at the level ``prefix``, opened from her page."""
    from game.scenes.attempt_view import AttemptView
    from game.scenes.pupil_page import PupilPage

    lotte = _lotte(app)
    _state_teacher_home(app)
    _push(app, PupilPage(app.ctx, lotte.id))
    attempt = next(a for a in app.ctx.school.attempts(pupil_id=lotte.id)
                   if a.level_id.startswith(prefix))
    view = AttemptView(app.ctx, attempt.id)
    _push(app, view)
    return view


def _state_attempt_replay(app) -> None:
    """The replay running: the verdict waits for the end."""
    _lotte_attempt(app, "city-06")
    _press_view(app, "replay")
    _settle(app, 0.5)


def _press_view(app, name: str) -> None:
    app.ctx.stack.top.buttons[name].on_click()


def _state_attempt_worked(app) -> None:
    """An explore level's attempt replayed to its end: it worked."""
    _lotte_attempt(app, "city-06").finish()


def _state_attempt_wrong(app) -> None:
    """A gave-up attempt replayed: what went wrong, right from the start and later on."""
    _lotte_attempt(app, "greenport-11").finish()


def _state_attempt_changed(app) -> None:
    """An attempt stored as solved whose build does not solve the level as it is now."""
    _lotte_attempt(app, "city-05").finish()


def _state_attempt_gone(app) -> None:
    """The attempt was deleted (the end of the school year, on another PC) while open."""
    from game.scenes.attempt_view import AttemptView

    _state_pupil_page(app)
    _push(app, AttemptView(app.ctx, new_id()))


def _state_teacher_home_guide_busy(app) -> None:
    """The teacher guide being made (in a thread of its own; here one that never ends)."""
    from types import SimpleNamespace

    _state_teacher_home(app)
    link = app.ctx.stack.top.guide
    link.job = SimpleNamespace(done=lambda: False, wait=lambda timeout=None: False, error=None,
                               result=None)
    link.busy_time = 1.2


def _state_teacher_home_guide_failed(app) -> None:
    """The teacher guide could not be made: the data folder cannot be written."""
    from game.guide.link import guide_folder

    _state_teacher_home(app)
    link = app.ctx.stack.top.guide
    link._failed(guide_folder(app.ctx), PermissionError(13, "Permission denied"))


def _state_lesson_edit_guide_busy(app) -> None:
    """The lesson editor while the teacher guide is made for a level's page."""
    from types import SimpleNamespace

    _state_lesson_edit(app)
    link = app.ctx.stack.top.guide
    link.job = SimpleNamespace(done=lambda: False, wait=lambda timeout=None: False, error=None,
                               result=None)
    link.busy_time = 0.6


def _state_teacher_data_merging(app) -> None:
    """A big merge under way (it runs in a thread of its own; here one that never ends)."""
    from types import SimpleNamespace

    scene = _data_scene(app)
    scene.job = SimpleNamespace(done=lambda: False, wait=lambda timeout=None: False,
                                error=None, result=[])
    scene.busy_time = 1.2


def _data_scene(app):
    """The data screen, its files in ``<data folder>/Documents/Techniekwerf`` (not the real
    Documents folder of whoever runs the tests)."""
    _state_teacher_data(app)
    scene = app.ctx.stack.top
    folder = app.gallery_dir / "Documents" / "Techniekwerf"
    scene.folder = lambda: folder
    return scene


def _state_teacher_data_saved(app) -> None:
    _data_scene(app).save_log()


def _state_teacher_data_other_school(app) -> None:
    """The logs of two pupil PCs merged on the teacher's PC (a school store of its own, made
    anew each time, so every merge adds the same records): the second PC is of another school
    (it never shared a class), so a card asks before it is merged."""
    from game.progress.export import export_log

    scene = _data_scene(app)
    folder = scene.merge_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    export_log(app.gallery_schools["main"], folder / "log-3f2a9c1e-2026-11-28.jsonl")
    export_log(_use_school(app, "lesson_done"), folder / "log-8b41d0aa-2026-11-28.jsonl")
    count = sum(1 for name in app.gallery_schools if name.startswith("teacher_pc"))
    teacher_pc = _open_store(app, f"school-teacher-pc-{count}")
    app.gallery_schools[f"teacher_pc-{count}"] = teacher_pc
    app.ctx.school = teacher_pc
    scene.merge()


def _state_teacher_data_merged(app) -> None:
    """What the merge of the two PCs' logs did, once the teacher said "merge anyway"."""
    _state_teacher_data_other_school(app)
    _press(app, "yes")


def _state_teacher_data_merge_notes(app) -> None:
    """The rarer lines of a merge: a log of another school left out, one of an older game that
    could not be checked to be complete, a merge stopped part way."""
    from game.progress.records import MergeReport

    scene = _data_scene(app)
    folder = scene.merge_folder()
    scene.show_merged([
        MergeReport(folder / "log-5c7e2b90-2026-11-27.jsonl", refused="comes from another "
                    "school: none of its classes is on this PC", other_school=True),
        MergeReport(folder / "log-0d9a4f13-2026-11-27.jsonl", added=14, unchecked=True),
        MergeReport(folder / "log-77e1c2d5-2026-11-28.jsonl", added=800, stopped=True,
                    refused="the database stopped the merge (OperationalError)")])


def _state_confirm_purge(app) -> None:
    _state_teacher_data(app)
    _press(app, "purge")


def _teacher_notes(app, first: int, count: int) -> None:
    """``count`` of the notes the settings and the guest's progress file can leave for the
    teacher (from the ``first``), with the paths of a school PC, told in the game's language."""
    from game import settings
    from game.progress import store

    folder = "C:\\Users\\leerling\\AppData\\Local\\techniekwerf"
    conf, prog = folder + "\\settings.json", folder + "\\progress.json"
    kept = "settings.broken-20261206-021512.json"
    notes = [
        (settings.SETTINGS_SET_ASIDE, {"file": conf, "copy": kept}),
        (settings.SAVE_READ_ONLY, {"file": prog, "folder": folder}),
        (settings.SETTINGS_VALUES, {"file": conf, "names": "effects_volume, keys", "copy": kept}),
        (store.PROGRESS_SET_ASIDE, {"file": prog, "copy": "progress.broken-20261206-021512.json"}),
        (settings.SAVE_DISK_FULL, {"file": conf}),
        (settings.SAVE_FAILED, {"file": conf, "reason": "Input/output error"}),
        (settings.UNREADABLE, {"file": prog, "reason": "Permission denied"}),
        (settings.SETTINGS_NO_COPY, {"file": conf}),
        (store.PROGRESS_NO_COPY, {"file": prog}),
        (settings.SETTINGS_VALUES_NO_COPY, {"file": conf, "names": "language, text_size"}),
        (store.PROGRESS_LEVELS, {"file": prog, "levels": "city-03, greenport-11",
                                 "copy": "progress.broken-20261206-021512.json"}),
        (store.PROGRESS_LEVELS_NO_COPY, {"file": prog, "levels": "city-03"}),
    ]
    _ = app.ctx.gettext
    for k, (msgid, params) in enumerate(notes[first:first + count]):
        app.ctx.notices.tell(f"gallery-{k}", _(msgid).format(**params), echo=False)


def _state_teacher_home_notes(app) -> None:
    """Notes for the teacher: the tiles move up, two notes and "2 more" under them."""
    _teacher_notes(app, 0, 4)
    _state_teacher_home(app)


def _state_notes(first: int) -> Callable:
    def state(app) -> None:
        """The notes screen, a page of three notes in full."""
        from game.scenes.teacher_home import NoticesScene

        _teacher_notes(app, first, NOTES_PER_STATE)
        _state_teacher_home(app)
        _push(app, NoticesScene(app.ctx))
    return state


NOTES_PER_STATE = 3


def _state_notes_store(app) -> None:
    """The notes screen with the school store's notes: a store that could not be opened and
    attempts that wait on this PC for a server that does not answer."""
    from game.progress.db import StoreProblem
    from game.scenes.teacher_home import NoticesScene

    server = "the school server school-server:5432 (techniekwerf)"
    app._store_note(f"{server} does not answer; check the network and that the server runs, "
                    "or ask the school's IT person")
    app._pending_note(3, StoreProblem(f"{server} does not answer; check the network and "
                                      "that the server runs", "no-answer", server, True))
    _state_teacher_home(app)
    _push(app, NoticesScene(app.ctx))


def _state_notes_none(app) -> None:
    """The notes screen after its last note went (the file was saved after all)."""
    from game.scenes.teacher_home import NoticesScene

    _state_teacher_home(app)
    _push(app, NoticesScene(app.ctx))


# --- at home (game.home): a PC without classes whose family answered "at home" -------------
HOME_NAMES = (("Sam", "fox"), ("Noa-Lieke", "cat"), ("Yusuf", "owl"), ("Mila", "bee"),
              ("Daan", "robot"), ("Zoë", "seal"))


def _at_home(app, profiles: int = 3):
    """The game on a PC at home with a family of ``profiles`` (made afresh)."""
    from game.home import Family, Profile

    _use_school(app, "new")  # no classes: the settings' answer counts
    app.ctx.settings.place = "home"  # not saved: the next reset forgets it
    family = Family(app.gallery_dir)
    # the same ids every time: a state shown twice has the same keyboard stops
    family.profiles = [Profile(f"{i + 1:032x}", name, avatar)
                       for i, (name, avatar) in enumerate(HOME_NAMES[:profiles])]
    family.save()
    app.ctx.stack.top.enter()  # the title of a home PC: the parents' corner
    return family


def _gate(app, then: str = "settings"):
    import random

    from game.scenes.parent_gate import ParentGateScene

    scene = ParentGateScene(app.ctx, then=then, rng=random.Random(7))
    _push(app, scene)
    return scene


def _state_home_place(app) -> None:
    from game.scenes.home_place import PlaceScene

    _use_school(app, "new")
    _push(app, PlaceScene(app.ctx))


def _state_home_title(app) -> None:
    """The title at home while Sam plays: the parents' corner and Sam's badge."""
    from game.home import play_as_child

    family = _at_home(app)
    play_as_child(app.ctx, family.profiles[0])
    app.ctx.stack.top.enter()


def _state_home_who(profiles: int) -> Callable:
    def make(app) -> None:
        from game.scenes.home_who import WhoScene

        _at_home(app, profiles)
        _push(app, WhoScene(app.ctx))
    return make


def _state_parent_gate(app) -> None:
    _at_home(app)
    _gate(app)


def _state_parent_gate_wrong(app) -> None:
    """A wrong answer: a calm note and a new question."""
    _at_home(app)
    scene = _gate(app)
    scene.add("1")
    scene.submit()
    scene.add("4")


def _state_parent_gate_wait(app) -> None:
    """Three wrong answers in a row: the pad waits a while (a countdown) before the next."""
    _at_home(app)
    scene = _gate(app)
    for _ in range(3):
        scene.add("1")
        scene.submit()


def _state_home_family(profiles: int) -> Callable:
    def make(app) -> None:
        from game.scenes.home_who import FamilyScene

        _at_home(app, profiles)
        _push(app, FamilyScene(app.ctx))
    return make


def _state_home_confirm(app) -> None:
    from game.scenes.home_who import FamilyScene

    family = _at_home(app)
    scene = FamilyScene(app.ctx)
    _push(app, scene)
    scene.pick(family.profiles[1])


def _state_home_profile(toast: str = "") -> Callable:
    """The form for a new profile; ``toast``: after Save with no name, a taken name, or a
    family that filled up meanwhile."""
    def make(app) -> None:
        from game.scenes.home_who import ProfileScene

        family = _at_home(app)
        scene = ProfileScene(app.ctx)
        _push(app, scene)
        if toast == "taken":
            scene.handle_text("Noa-Lieke")
        elif toast == "full":
            for name, avatar in HOME_NAMES[3:]:
                family.add(name, avatar)
            scene.handle_text("Ilse")
        if toast:
            scene.save()
    return make


def _state_home_parents_no_viewer(app) -> None:
    """"Open the folder" on a PC without a file manager: the page says so."""
    _state_home_parents("stored")(app)
    app.ctx.stack.top.note = app.ctx.gettext(
        "This computer cannot show the folder. Its name is below.")


def _state_home_settings(app) -> None:
    """The settings a grown-up opened at home, on the Screen page: played at home, on."""
    from game.scenes.settings_menu import SettingsScene

    _at_home(app)
    _push(app, SettingsScene(app.ctx, page="screen"))


def _state_home_parents(page: str, place: str = "home") -> Callable:
    def make(app) -> None:
        from game.scenes.home_parents import ParentsScene

        _at_home(app)
        app.ctx.settings.place = place
        _push(app, ParentsScene(app.ctx, page=page))
    return make


# --- homework from school (game.homework): the teacher gives it, a parent opens it at home ----
HOMEWORK_TITLE, HOMEWORK_CLASS = "Stroom in de stad", "Groep 6b"


def _homework(app, levels: int = 4):
    from game import homework

    ids = tuple(lv.id for lv in app.ctx.levels.world("city")[:levels])
    hw = homework.Homework(ids, HOMEWORK_TITLE, HOMEWORK_CLASS)
    homework.save(app.gallery_dir, hw)
    return hw


def _state_homework_out(app) -> None:
    """The teacher's homework screen for the seeded lesson (its class chosen)."""
    from game.scenes.homework_out import HomeworkOutScene

    _state_lessons(app)
    _push(app, HomeworkOutScene(app.ctx, app.ctx.school.lessons()[0]))


def _state_homework_out_long(app) -> None:
    """A lesson longer than a homework holds: the screen says only the first ones go."""
    from game.progress.records import Lesson
    from game.scenes.homework_out import HomeworkOutScene

    _state_lessons(app)
    ids = tuple(lv.id for lv in app.ctx.levels)[:15]
    _push(app, HomeworkOutScene(app.ctx, Lesson("long", "Alles over stroom", ids)))


def _state_homework_out_saved(app) -> None:
    """After Save the file: the saved-note with the folder, and where parents open it."""
    from game.scenes import exports

    _state_homework_out(app)
    scene = app.ctx.stack.top
    scene.toast.show(exports.saved_message(app.ctx.gettext, "Stroom in de stad"
                                           ".techniekwerf-huiswerk", app.gallery_dir /
                                           "exports") + "\n" + app.ctx.gettext(
        "Give it to the parents: at home they open it under For parents, then Homework."), "icons/check")


def _state_homework_in(message: str = "", current: bool = False, files: int = 0) -> Callable:
    """At home, the homework screen: ``message`` a reason of game.homework.MESSAGES (or
    "done", "removed"), with the homework of before (``current``) and ``files`` found."""
    def make(app) -> None:
        from game import homework
        from game.scenes.homework_in import HomeworkInScene

        _at_home(app)
        if current:
            _homework(app)
        scene = HomeworkInScene(app.ctx)
        _push(app, scene)
        scene.files = [app.gallery_dir / homework.file_name(t) for t in
                       ("Stroom in de stad", "Water voor de kas", "Koud houden")[:files]]
        scene.looked_in = [app.gallery_dir / "Downloads"]
        scene._build()
        _ = app.ctx.gettext
        if message == "done":
            scene.message, scene.ok = _("Done: the homework is on the first screen, with its "
                                        "levels first."), True
        elif message == "removed":
            scene.message, scene.ok = _("The homework is removed."), True
        elif message:
            scene.message, scene.ok = _(homework.MESSAGES[message]), False
        if message == "code_typo":
            scene.field.type("1F78-MFRN-XXYY-J4")
    return make


def _state_homework_title(app) -> None:
    """The title at home with homework: the child's homework card beside Play."""
    from game.home import play_as_child

    family = _at_home(app)
    _homework(app)
    play_as_child(app.ctx, family.profiles[0])
    app.ctx.stack.top.enter()


def _state_homework_levels(app) -> None:
    """The homework's levels for the child, the first one solved."""
    from game.home import play_as_child
    from game.scenes.level_select import HomeworkScene

    family = _at_home(app)
    hw = _homework(app)
    play_as_child(app.ctx, family.profiles[0])
    app.ctx.store.record_result(hw.level_ids[0], 3, True, 4, 0)
    _push(app, HomeworkScene(app.ctx, hw))


#: name -> what makes the state (after a reset to the title)
STATES: dict[str, Callable] = {
    "title": _state_title,
    "title_stop": _state_title_stop,
    "world_map": _state_world_map,
    "level_select_city": _state_level_select("city"),
    "level_select_greenport": _state_level_select("greenport"),
    "level_select_logistics": _state_level_select("logistics"),
    "lesson_select": _state_lesson_select,
    "play": _state_play,
    "play_water": _state_play_water,
    "play_hint": _state_play_hint,
    "play_building": _state_play_building,
    "play_running": _state_play_running,
    "play_failed": _state_play_failed,
    "play_weather": _state_play_weather,
    "play_pump_off": _state_play_pump_off,
    "play_waste": _state_play_waste,
    "play_heat": _state_play_heat,
    "play_heat_running": _state_play_heat_running,
    "play_packets_running": _state_play_packets_running,
    "play_heat_graph_tip": _state_play_heat_graph_tip,
    "play_heat_failed": _state_play_heat_failed,
    "play_datacenter_heat": _state_play_datacenter_heat,
    "result": _state_result,
    "result_explore": _state_result_explore("city-06", guessed_right=False),
    "result_explore_water": _state_result_explore("greenport-08", guessed_right=True),
    "result_finale": _state_result_finale,
    # stars that weigh coins, CO₂ and water: two stars (cheap but too much CO₂), too dear but
    # clean (a third battery), two stars in the greenhouse (too much water), three saving water
    "result_star_limits": _state_star_limits("city-17", 2),
    "result_star_limits_dear": _state_star_limits("city-17", 0, more=(((5, 1), "battery", 0),)),
    "result_star_limits_water": _state_star_limits("greenport-18", 2),
    "result_star_limits_saved": _state_star_limits("greenport-18", 0),
    "play_star_limits": _state_star_limits("city-17", 2, result=False, hover="generator"),
    "world_map_grown": _state_world_map_grown({"city": 0.75, "greenport": 0.5,
                                               "logistics": 0.25}),
    "world_map_grown_full": _state_world_map_grown({"city": 1.0, "greenport": 1.0,
                                                    "logistics": 1.0}),
    "celebration": _state_celebration("city"),
    "celebration_water": _state_celebration("greenport"),
    "celebration_logistics": _state_celebration("logistics"),
    "celebration_life_sciences": _state_celebration("life_sciences"),
    "celebration_hightech": _state_celebration("hightech"),
    "celebration_ict": _state_celebration("ict"),
    "question": _state_question,
    "result_explore_question": _state_result_explore("question", guessed_right=False),
    "predict_part": _state_predict("city-06"),
    "predict_number": _state_predict("greenport-08"),
    "predict_place": _state_predict("greenport-15"),
    "predict_picture": _state_predict_picture,
    "play_predicted": _state_play_predicted,
    "predict_table": _state_predict("ict-06"),
    "predict_table_missing": _state_predict_table_missing,
    "play_predicted_table": _state_play_predicted_table,
    "result_explore_table": _state_result_explore("ict-06", guessed_right=False),
    "result_explore_place": _state_result_explore("greenport-15", guessed_right=False),
    "probe_power_short": _state_probe("city-15", (3, 1), 1, 1.0),  # mid-run
    "probe_wire": _state_probe("city-04", (2, 1), None),
    "probe_no_part": _state_probe("city-04", (2, 2), None),
    "probe_leak": _state_probe("greenport-04", (2, 1), 0),
    "probe_pipe": _state_probe("greenport-04", (1, 1), 0),
    "probe_nothing": _state_probe("greenport-04", (3, 1), 0),
    "probe_dry_sprinkler": _state_probe("greenport-15", (5, 2), 0),
    "probe_before_run": _state_probe("city-10", (2, 2), 0, None),
    # the workbench: the current through a lamp and its light; a gear's speed and way
    "probe_lamp": _state_probe_kind("hightech-01", "bulb"),
    "probe_bench_wire": _state_probe_kind("hightech-01", "bench_wire_corner"),
    "probe_gear": _state_probe_kind("hightech-07", "gear_medium"),
    "probe_gear_back": _state_probe_kind("hightech-07", "gear_medium",
                                         reads=lambda r: r.turn is not None and r.turn < 0),
    "probe_shaft_still": _state_probe_kind("hightech-07", "output_shaft", 0),
    "probe_lamp_dark": _state_probe_kind("hightech-01", "bulb", 0),
    "probe_battery_open": _state_probe_kind("hightech-01", "bench_battery", 0),
    "probe_gears_stuck": _state_probe_kind("hightech-09", "gear_medium", 0),
    "probe_magnet": _state_probe_kind("hightech-06", "electromagnet"),
    # signals (the Datacenter): on or off, and a gate's inputs and output
    "probe_signal_wire": _state_probe_signal((1, 0)),
    "probe_signal_lamp_off": _state_probe_signal((2, 1)),
    "probe_signal_and_one": _state_probe_signal((1, 1)),
    "probe_signal_and_both": _state_probe_signal((4, 1)),
    "probe_signal_and_none": _state_probe_signal((7, 1)),
    "probe_signal_not_off": _state_probe_signal((1, 3)),
    "probe_signal_not_on": _state_probe_signal((4, 3)),
    # messages: how many went through a cable or wait in a router (the broken-cable level)
    "probe_cable_messages": _state_probe_kind("ict-04", "copper_cable", 0,
                                              lambda r: bool(r.packets)),
    "probe_cable_empty": _state_probe_kind("ict-04", "copper_cable", 0,
                                           lambda r: r.packets == 0),
    "probe_router_waiting": _state_probe_kind("ict-04", "router", 0),
    "probe_message_computer": _state_probe_kind("ict-04", "computer", 0),
    "info_card": _state_info_card,
    "pause": _state_pause,
    "settings": _state_settings,
    "class_pick": _state_class_pick,
    "avatar_pick": _state_avatar_pick,
    "store_problem": _state_store_problem,
    "store_problem_damaged": _state_store_problem_kind(
        "damaged", "/home/juf/.local/share/techniekwerf/techniekwerf.db is damaged (database "
        "disk image is malformed); keep a copy of the file and put back a backup, or ask the "
        "school's IT person"),
    "store_problem_read_only": _state_store_problem_kind(
        "read-only", "/home/juf/.local/share/techniekwerf/techniekwerf.db cannot be written "
        "(readonly database); ask the school's IT person to give this user write access"),
    "store_problem_full": _state_store_problem_kind(
        "full", "/home/juf/.local/share/techniekwerf/techniekwerf.db cannot grow (disk is "
        "full); the disk is full; delete files you no longer need (old exports) and start "
        "again"),
    "store_problem_no_answer": _state_store_problem_kind(
        "no-answer", "the school server school-server:5432 (techniekwerf) does not answer; "
        "check the network and that the server runs, or ask the school's IT person"),
    "pin": _state_pin,
    "pin_unset": _state_pin_unset,
    "pin_who": _state_pin_who,
    "teacher_home": _state_teacher_home,
    "new_pin": _state_new_pin,
    "choose_class": _state_choose_class,
    "classes": _state_classes,
    "pupil_edit": _state_pupil_edit,
    "text_prompt": _state_text_prompt,
    "confirm": _state_confirm,
    "lessons": _state_lessons,
    "lesson_edit": _state_lesson_edit,
    "dashboard": _state_dashboard,
    "pupil_page": _state_pupil_page,
    "attempt_view": _state_attempt_view,
    "teacher_data": _state_teacher_data,
    "teacher_data_merging": _state_teacher_data_merging,
    "store_problem_db": _state_store_problem_db,
    "class_pick_none": _state_class_pick_none,
    "avatar_pick_empty": _state_avatar_pick_empty,
    "lesson_done": _state_lesson_done,
    "lesson_done_last_page": _state_lesson_done_last_page,
    "level_select_empty": _state_level_select_empty,
    "teacher_home_new_class": _state_teacher_home_new_class,
    "classes_none": _state_classes_none,
    "classes_no_pupils": _state_classes_no_pupils,
    "rename_class": _state_rename_class,
    "pupil_new": _state_pupil_new,
    "confirm_pupil": _state_confirm_pupil,
    "lessons_none": _state_lessons_none,
    "lessons_first": _state_lessons_first,
    "lesson_new": _state_lesson_new,
    "lesbrief_pick": _state_lesbrief_pick,
    "lesbrief_pick_life": _state_lesbrief_pick_life,
    "lesbrief_pick_none": _state_lesbrief_pick_none,
    "lesbrief_lesson": _state_lesbrief_lesson,
    "lesson_copy": _state_lesson_copy,
    "confirm_lesson": _state_confirm_lesson,
    "lesson_leave": _state_lesson_leave,
    "dashboard_no_pupils": _state_dashboard_no_pupils,
    "dashboard_gone": _state_dashboard_gone,
    "pupil_page_new": _state_pupil_page_new,
    "pupil_page_gone": _state_pupil_page_gone,
    "attempt_replay": _state_attempt_replay,
    "attempt_worked": _state_attempt_worked,
    "attempt_wrong": _state_attempt_wrong,
    "attempt_changed": _state_attempt_changed,
    "attempt_gone": _state_attempt_gone,
    "teacher_data_saved": _state_teacher_data_saved,
    "teacher_data_merged": _state_teacher_data_merged,
    "teacher_data_other_school": _state_teacher_data_other_school,
    "teacher_data_merge_notes": _state_teacher_data_merge_notes,
    "confirm_purge": _state_confirm_purge,
    "teacher_home_guide_busy": _state_teacher_home_guide_busy,
    "teacher_home_guide_failed": _state_teacher_home_guide_failed,
    "lesson_edit_guide_busy": _state_lesson_edit_guide_busy,
    "teacher_home_notes": _state_teacher_home_notes,
    "notes": _state_notes(0),
    "notes_2": _state_notes(3),
    "notes_3": _state_notes(6),
    "notes_4": _state_notes(9),
    "notes_store": _state_notes_store,
    "notes_none": _state_notes_none,
    "home_place": _state_home_place,
    "home_title": _state_home_title,
    "home_who": _state_home_who(3),
    "home_who_empty": _state_home_who(0),
    "home_who_full": _state_home_who(6),
    "parent_gate": _state_parent_gate,
    "parent_gate_wrong": _state_parent_gate_wrong,
    "parent_gate_wait": _state_parent_gate_wait,
    "home_family": _state_home_family(3),
    "home_family_empty": _state_home_family(0),
    "home_confirm": _state_home_confirm,
    "home_profile": _state_home_profile(),
    "home_profile_no_name": _state_home_profile("empty"),
    "home_profile_taken": _state_home_profile("taken"),
    "home_profile_full": _state_home_profile("full"),
    "home_parents": _state_home_parents("teaches"),
    "home_parents_time": _state_home_parents("time"),
    "home_parents_stored": _state_home_parents("stored"),
    "home_parents_delete": _state_home_parents("delete"),
    "home_parents_place": _state_home_parents("place"),
    "home_parents_place_school": _state_home_parents("place", "school"),
    "home_parents_no_viewer": _state_home_parents_no_viewer,
    "home_settings": _state_home_settings,
    "homework_out": _state_homework_out,
    "homework_out_saved": _state_homework_out_saved,
    "homework_out_long": _state_homework_out_long,
    "homework_in": _state_homework_in(),
    "homework_in_files": _state_homework_in("done", current=True, files=2),
    "homework_in_removed": _state_homework_in("removed"),
    **{f"homework_in_{reason}": _state_homework_in(reason, current=True, files=1)
       for reason in ("missing", "too_big", "broken", "foreign", "version", "empty", "unknown",
                      "code_short", "code_typo", "code_version")},
    "homework_title": _state_homework_title,
    "homework_levels": _state_homework_levels,
}
STATE_NAMES = tuple(STATES)
#: states of a screen busy with a job (a merge): nothing on it can be clicked or reached
BUSY_STATES = frozenset({"teacher_data_merging"})
#: the states of screens only a teacher reaches (behind the PIN)
TEACHER_STATES = frozenset({
    "teacher_home", "new_pin", "choose_class", "classes", "pupil_edit", "text_prompt", "confirm",
    "lessons", "lesson_edit", "dashboard", "pupil_page", "attempt_view", "teacher_data",
    "teacher_home_new_class", "classes_none", "classes_no_pupils", "rename_class", "pupil_new",
    "confirm_pupil", "lessons_none", "lessons_first", "lesson_new", "lesson_copy",
    "lesbrief_pick", "lesbrief_pick_life", "lesbrief_pick_none", "lesbrief_lesson",
    "confirm_lesson", "lesson_leave", "dashboard_no_pupils", "dashboard_gone", "pupil_page_new",
    "pupil_page_gone", "attempt_replay", "attempt_worked", "attempt_wrong", "attempt_changed",
    "attempt_gone", "teacher_data_saved", "teacher_data_merged", "teacher_data_other_school",
    "teacher_data_merge_notes", "teacher_data_merging", "confirm_purge",
    "teacher_home_notes", "notes", "notes_2", "notes_3", "notes_4", "notes_none",
    "notes_store", "teacher_home_guide_busy", "teacher_home_guide_failed",
    "lesson_edit_guide_busy", "homework_out", "homework_out_saved",
    "homework_out_long"})


def show(app, name: str, audit=None, probe=None):
    """Reset to the title, make the state ``name``, run a frame (its updates, not drawn: a
    picture nobody looks at), then draw one; return the top scene.

    With the view's text ``audit`` (a :class:`game.ui.textfit.TextAudit`), it is cleared before
    the second frame: it then holds the texts of exactly one picture of the state. A second
    watcher of the drawing (``probe``, with a ``clear()``) is cleared with it."""
    _reset(app)
    STATES[name](app)
    app.step_frame(draw=False)
    for watcher in (audit, probe):
        if watcher is not None:
            watcher.clear()
    app.run_frames(1)
    return app.ctx.stack.top
