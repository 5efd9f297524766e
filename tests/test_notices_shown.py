"""The teacher sees the game's notes (``ctx.notices``) on the teacher home screen, one line
each, and every note in full one tap further; a child never sees them (issue 9)."""

from __future__ import annotations

import pygame

from game.scenes.title import TEACHER_RECT
from game.ui.textfit import TextAudit
from tests.classroom_helpers import PIN, click, frames, key, press_button, type_text

DAMAGED = b'{"language": "en", "muted": tr'


def start(data_dir, levels, fake_time, settings: bytes | None = DAMAGED):
    from game.app import App
    from tests.scene_gallery import cheap_secrets

    data_dir.mkdir(parents=True, exist_ok=True)
    if settings is not None:
        (data_dir / "settings.json").write_bytes(settings)
    game = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir, levels=levels,
               time_source=fake_time)
    game.run_frames(2)  # the school store opens after the first frame
    cheap_secrets(game.ctx.school)
    game.ctx.school.set_secret(PIN)
    game.view.audit = TextAudit()
    return game


def drawn(game, fake_time) -> list[str]:
    game.view.audit.clear()
    frames(game, fake_time, 1)
    return [t.text for t in game.view.audit.texts]


def open_teacher_home(game, fake_time) -> None:
    """Through the front door: the title's teacher button, then the PIN typed."""
    click(game, fake_time, TEACHER_RECT.center)
    type_text(game, fake_time, PIN)
    key(game, fake_time, pygame.K_RETURN)
    assert type(game.ctx.stack.top).__name__ == "TeacherHomeScene" and game.ctx.teacher


def test_the_teacher_home_shows_a_damaged_settings_file_in_one_line(data_dir, levels,
                                                                   fake_time):
    game = start(data_dir, levels, fake_time)
    try:
        (note,) = list(game.ctx.notices)
        assert "settings.broken-" in note.text
        # the child's title screen does not show it
        assert not any("settings" in t for t in drawn(game, fake_time))
        open_teacher_home(game, fake_time)
        texts = drawn(game, fake_time)
        line = next(t for t in game.view.audit.texts if t.text.startswith("The settings file"))
        assert line.rect.height < 40  # one line
        assert str(data_dir) in line.text or line.text.endswith("\u2026")
        assert "Classes and pupils" in texts  # the tiles are all still there
        tiles = [game.ctx.stack.top.row.button(k).rect for k in ("classes", "try")]
        panel = game.ctx.stack.top.row.button("notices").rect
        assert all(not t.colliderect(panel) for t in tiles)
    finally:
        game.close()


def test_tapping_the_notes_shows_each_in_full(data_dir, levels, fake_time):
    game = start(data_dir, levels, fake_time)
    try:
        open_teacher_home(game, fake_time)
        press_button(game, fake_time, "notices")
        assert type(game.ctx.stack.top).__name__ == "NoticesScene"
        (note,) = list(game.ctx.notices)
        texts = drawn(game, fake_time)
        assert note.text in texts  # whole, wrapped, not cut short
        assert not game.view.audit.problems()
        key(game, fake_time, pygame.K_ESCAPE)
        assert type(game.ctx.stack.top).__name__ == "TeacherHomeScene"
    finally:
        game.close()


def test_a_note_told_while_the_teacher_home_is_open_shows_at_once(data_dir, levels, fake_time):
    """A server that stops answering during a lesson: its note appears on the open screen,
    and goes when the matter is settled."""
    game = start(data_dir, levels, fake_time, settings=None)
    try:
        open_teacher_home(game, fake_time)
        scene = game.ctx.stack.top
        assert "notices" not in scene.row.keys and scene.row.button("classes").rect.y == 160
        game.ctx.notices.tell("server", "The school server does not answer.", echo=False)
        assert "The school server does not answer." in drawn(game, fake_time)
        assert "notices" in scene.row.keys and scene.row.button("classes").rect.y < 160
        game.ctx.notices.clear("server")
        frames(game, fake_time, 1)
        assert "notices" not in scene.row.keys and scene.row.button("classes").rect.y == 160
    finally:
        game.close()


def test_many_notes_fit_as_lines_and_a_count(data_dir, levels, fake_time):
    game = start(data_dir, levels, fake_time, settings=None)
    try:
        for i in range(5):
            game.ctx.notices.tell(f"n{i}", f"Note number {i} " + "word " * 40, echo=False)
        open_teacher_home(game, fake_time)
        texts = drawn(game, fake_time)
        assert "and 3 more notes: tap to read all" in texts
        assert not game.view.audit.problems()
        press_button(game, fake_time, "notices")
        assert sum(t.startswith("Note number") for t in drawn(game, fake_time)) == 3
        press_button(game, fake_time, "page:next")
        assert sum(t.startswith("Note number") for t in drawn(game, fake_time)) == 2
    finally:
        game.close()
