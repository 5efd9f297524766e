"""The real game on a real school store (a SQLite file in the test's data folder), driven by
posted pygame events, for the classroom tests."""

from __future__ import annotations

import pygame

from game.progress.records import Lesson, new_id
from game.sim.model import StepAction
from tests.play_helpers import post_click, post_key

PIN = "4821"


def frames(app, fake_time, n: int = 3) -> None:
    for _ in range(n):
        fake_time.advance(1 / 30)
        app.step_frame()


def click(app, fake_time, logical) -> None:
    post_click(app, logical)
    frames(app, fake_time, 2)


def key(app, fake_time, *keys: int, mod: int = 0) -> None:
    for k in keys:
        post_key(k, mod)
        frames(app, fake_time, 1)


def type_text(app, fake_time, text: str) -> None:
    """Typing as SDL reports it: one TEXTINPUT event per character (and no KEYDOWN letters
    reach the scene, as in a real window the App drops them while a field takes text)."""
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(ch.lower()), mod=0,
                                             unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, fake_time, 1)


def top(app):
    return app.ctx.stack.top


def name_of(app) -> str:
    return type(top(app)).__name__


def button_rect(scene, key: str):
    """Where the button with ``key`` is on a classroom screen (a FocusRow)."""
    button = scene.row.button(key)
    assert button is not None, f"{type(scene).__name__} has no button {key!r}: {scene.row.keys}"
    return button.rect


def press_button(app, fake_time, key: str) -> None:
    click(app, fake_time, button_rect(top(app), key).center)


def seed(school, levels=()) -> dict:
    """Two classes with pupils, a lesson (active for the first class) and the teacher PIN."""
    a = school.add_class("groep 5b")
    b = school.add_class("groep 7a")
    ann = school.add_pupil(a.id, "Ann", "heron")
    bob = school.add_pupil(a.id, "Bob", "cow")
    cas = school.add_pupil(b.id, "Cas", "duck")
    ids = [lv.id for lv in levels]
    lesson = Lesson(new_id(), "Stroom", tuple(ids[1:3]), free_play=False)
    school.save_lesson(lesson)
    return {"a": a, "b": b, "ann": ann, "bob": bob, "cas": cas, "lesson": lesson}


def solve(app, fake_time) -> None:
    """Finish the level on screen the way a pupil would: the reference build, then Test."""
    play = top(app)
    assert name_of(app) == "PlayScene"
    for step in play.level.solution.steps:
        if step.action == StepAction.ANSWER:
            play.answer = step.kind
        else:
            play.editor.apply(step)
    play._after_edit()
    play.start_test()
    play.run.finish_now()
    play._show_run()
    play._judge()
    frames(app, fake_time, 2)
