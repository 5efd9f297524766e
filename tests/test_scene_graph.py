"""No path from a pupil screen reaches a teacher screen except through the PIN.

The walk starts at the title as a pupil would, on a school store with classes, pupils, an
active lesson and a teacher PIN the walk does not know. In every screen it reaches it clicks
a grid of points fine enough to hit every target (targets are at least 48 px), presses the
keys a child might press, and presses every button the screen has; every screen pushed is
followed in turn, up to a bound. Any teacher screen pushed on the way is a failure.

A walk that cannot fail proves nothing, so the last test adds a shortcut to a test-only
subclass of the title and checks that the walk catches it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame
import pytest

from bench.scene_graph import ctx_probes, cycles, scene_imports
from game.scenes.base import Scene
from game.scenes.title import TitleScene
from tests.classroom_helpers import PIN, seed

#: scene modules any scene may import: the stack and the navigation table, and helpers that
#: are no screen of their own (who plays, the worlds, what teacher screens are built on, where
#: exports go, the run on a board)
SHARED_MODULES = frozenset({"base", "exports", "nav", "play_run", "player", "teacher_base",
                            "worlds"})
#: hasattr/getattr probes on the Context and its services in game/ (bench/scene_graph.py);
#: the typed Context makes them pointless, so the number may only go down
MAX_CTX_PROBES = 2  # game/i18n.py: language_of/apply_language also take a scene's ctx of None


def test_scene_modules_import_no_other_screen():
    """A scene reaches another through the navigation table, never by importing it (at the
    top or hidden inside a function): the import cycle through the scenes cannot come back."""
    edges = scene_imports()
    offenders = sorted(f"{e.source} -> {e.target} (line {e.line})" for e in edges
                       if e.target not in SHARED_MODULES)
    assert offenders == [], "open it with ctx.push/replace/back_to, or share a helper"
    assert cycles(edges) == []
    shared = {e.target for e in edges} & SHARED_MODULES
    assert not any(e.source in shared and e.target not in SHARED_MODULES for e in edges)


def test_the_reading_of_scene_imports_sees_hidden_and_cyclic_imports(tmp_path):
    (tmp_path / "a.py").write_text("from game.scenes.b import B\n")
    (tmp_path / "b.py").write_text("def f():\n    from game.scenes import a\n")
    (tmp_path / "c.py").write_text("from game.scenes.base import Scene\n")
    edges = scene_imports(tmp_path)
    assert {(e.source, e.target, e.nested) for e in edges} == {
        ("a", "b", False), ("b", "a", True), ("c", "base", False)}
    assert cycles(edges) == [{"a", "b"}]


def test_the_context_is_not_probed_more_than_before():
    assert len(ctx_probes()) <= MAX_CTX_PROBES


def test_every_field_of_the_context_has_a_real_type():
    from dataclasses import fields

    from game.context import Context

    untyped = [f.name for f in fields(Context) if "Any" in str(f.type)]
    assert untyped == []


#: modules whose screens are for the teacher only (besides any scene marked ``teacher_only``)
TEACHER_MODULES = frozenset({
    "game.scenes.teacher_home", "game.scenes.classes", "game.scenes.lessons",
    "game.scenes.dashboard", "game.scenes.pupil_page", "game.scenes.attempt_view",
})
GRID_STEP = 40  # < 48: every target of 48 px or more holds at least one grid point
KEYS = (pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT,
        pygame.K_UP, pygame.K_DOWN, pygame.K_BACKSPACE, pygame.K_t, pygame.K_h, pygame.K_r)
MAX_DEPTH = 7
MAX_STATES = 160


def is_teacher_screen(scene: Scene) -> bool:
    return bool(getattr(scene, "teacher_only", False)) or type(scene).__module__ in TEACHER_MODULES


@dataclass
class Walk:
    states: int = 0
    seen_scenes: set[str] = field(default_factory=set)
    violations: list[str] = field(default_factory=list)


def _events(kind: str, value) -> list[pygame.event.Event]:
    if kind == "click":
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=value, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=value, button=1),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=value, button=1)]
    if kind == "key":
        return [pygame.event.Event(pygame.KEYDOWN, key=value, mod=0, unicode="", scancode=0)]
    return [pygame.event.Event(pygame.TEXTINPUT, text=value)]


def walk(app, start: Callable[[], Scene], until_found: bool = False) -> Walk:
    """Breadth-first over (stack of screens, who plays) from the screen ``start`` makes;
    with ``until_found`` it stops at the first way into the teacher area."""
    ctx = app.ctx
    stack = ctx.stack
    result = Walk()
    pushed: list[Scene] = []
    real_push, real_replace = stack.push, stack.replace

    def push(scene: Scene) -> None:
        pushed.append(scene)
        real_push(scene)

    def replace(scene: Scene) -> None:
        pushed.append(scene)
        real_replace(scene)

    stack.push, stack.replace = push, replace  # type: ignore[method-assign]
    ctx.toggle_fullscreen = lambda: None
    ctx.quit = lambda: None
    fields = ("pupil", "store", "lesson", "logging", "teacher")

    def snapshot():
        return tuple(stack.scenes), {f: getattr(ctx, f) for f in fields}

    def restore(state) -> None:
        scenes, values = state
        stack._scenes[:] = list(scenes)
        for f, v in values.items():
            setattr(ctx, f, v)

    def key_of(state) -> tuple:
        scenes, values = state
        pupil = values["pupil"]
        return (tuple((type(s).__name__, getattr(s, "world", None), getattr(s, "class_id", None))
                      for s in scenes), pupil.id if pupil is not None else None)

    while len(stack):
        stack.pop()
    real_push(start())
    first = snapshot()
    frontier = [(first, [type(stack.top).__name__])]
    seen = {key_of(first)}
    w, h = app.surface.get_size()
    points = [(x, y) for y in range(GRID_STEP // 2, h, GRID_STEP)
              for x in range(GRID_STEP // 2, w, GRID_STEP)]
    while frontier and result.states < MAX_STATES and not (until_found and result.violations):
        state, path = frontier.pop(0)
        result.states += 1
        restore(state)
        top = stack.top
        result.seen_scenes.add(type(top).__name__)
        app.draw()  # some screens place their targets while drawing
        actions: list[tuple[str, object]] = [("click", p) for p in points]
        actions += [("key", k) for k in KEYS] + [("text", d) for d in "0123456789"]
        row = getattr(top, "row", None)
        actions += [("button", i) for i in range(len(getattr(row, "buttons", ())))]
        for kind, value in actions:
            restore(state)
            pushed.clear()
            if kind == "button":
                buttons = row.buttons
                if value >= len(buttons) or not buttons[value].enabled:
                    continue
                buttons[value].on_click()
            else:
                for event in _events(kind, value):
                    app.handle_event(event)
            for _ in range(3):
                stack.update(1 / 60)
            step = f"{kind} {value}"
            for scene in pushed:
                if is_teacher_screen(scene) or ctx.teacher:
                    result.violations.append(" > ".join([*path, step, type(scene).__name__]))
            after = snapshot()
            if not len(stack) or len(path) >= MAX_DEPTH:
                continue
            k = key_of(after)
            if k not in seen:
                seen.add(k)
                frontier.append((after, [*path, f"{step} -> {type(stack.top).__name__}"]))
    stack.push, stack.replace = real_push, real_replace  # type: ignore[method-assign]
    return result


@pytest.fixture
def pupil_pc(data_dir, fake_time):
    """A classroom PC: two classes, a lesson with free play on for one, a PIN set."""
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              time_source=fake_time)
    app.run_frames(3)
    school = app.ctx.school
    people = seed(school, list(app.ctx.levels))
    lesson = people["lesson"]
    school.save_lesson(type(lesson)(lesson.id, lesson.title, lesson.level_ids, free_play=True))
    school.activate_lesson(people["a"].id, lesson.id)
    school.set_secret(PIN)
    yield app
    app.close()


def test_no_pupil_screen_reaches_a_teacher_screen_without_the_pin(pupil_pc):
    result = walk(pupil_pc, lambda: TitleScene(pupil_pc.ctx))
    assert result.violations == []
    # the walk really went everywhere a pupil can go, the PIN pad included
    assert {"TitleScene", "ClassPickScene", "AvatarScene", "LessonScene", "WorldMapScene",
            "LevelSelectScene", "PlayScene", "SettingsScene", "PinScene"} <= result.seen_scenes
    assert not pupil_pc.ctx.teacher


class TitleWithAShortcut(TitleScene):
    """A deliberate hole, for this test only: a button straight into the teacher's home."""

    def enter(self) -> None:
        super().enter()
        from game.ui.widgets import Button

        self.row.buttons.append(Button(pygame.Rect(1100, 300, 80, 80), self.shortcut))

    def shortcut(self) -> None:
        from game.scenes.teacher_home import TeacherHomeScene

        self.ctx.stack.push(TeacherHomeScene(self.ctx))


def test_the_walk_finds_a_shortcut_into_the_teacher_area(pupil_pc):
    result = walk(pupil_pc, lambda: TitleWithAShortcut(pupil_pc.ctx), until_found=True)
    assert result.violations
    assert any(v.endswith("TeacherHomeScene") for v in result.violations)
    # and the second wall held: the teacher screen closed itself at once
    assert not pupil_pc.ctx.teacher


def test_every_destination_of_the_navigation_table_is_a_screen():
    from game.scenes import nav

    for name in nav.ROUTES:
        assert issubclass(nav.scene_class(name), Scene), name
    with pytest.raises(nav.UnknownDestination, match="no screen is called 'nowhere'"):
        nav.scene_class("nowhere")


def test_scenes_open_screens_by_name_through_the_context(pupil_pc):
    ctx = pupil_pc.ctx
    ctx.push("world_map")
    ctx.push("level_select", world="energiestad")
    assert type(ctx.stack.top).__name__ == "LevelSelectScene"
    ctx.replace("settings")
    assert [type(s).__name__ for s in ctx.stack.scenes][-2:] == ["WorldMapScene", "SettingsScene"]
    ctx.back_to("title")
    assert [type(s).__name__ for s in ctx.stack.scenes] == ["TitleScene"]
