"""The teacher screens open the teacher guide: the teacher home the whole guide, a level card in
the lesson editor that level's page. The game builds the guide into its data folder the first
time (and again when the game or its levels change: the stamp), then hands it to the PC's
viewer (``exports.open_with_viewer``, replaced by a recorder here: nothing is launched).

Every click is a posted mouse event through the real App. One test builds the real guide;
the others put a small builder in its place (``game.guide.link.build``), so they stay fast.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from game.guide import link
from game.scenes import exports
from game.scenes.lessons import LessonEditScene
from game.scenes.teacher_home import TeacherHomeScene
from tests.play_helpers import post_click


@pytest.fixture
def opened(monkeypatch) -> list:
    """What the game asked the PC's viewer to show."""
    shown: list = []

    def viewer(path) -> bool:
        shown.append(path)
        return True

    monkeypatch.setattr(exports, "open_with_viewer", viewer)
    return shown


@pytest.fixture
def builds(monkeypatch) -> list[tuple[Path, str]]:
    """A small guide in place of the real one: an index.html with one anchor per level."""
    made: list[tuple[Path, str]] = []

    def small(out: Path, lang: str) -> None:
        out.mkdir(parents=True)
        (out / "index.html").write_text(f"<html lang='{lang}'>guide</html>", encoding="utf-8")
        made.append((out, lang))

    monkeypatch.setattr(link, "build", small)
    return made


@pytest.fixture
def teacher(data_dir, fake_time):
    """The real game behind the teacher PIN, on its start screen."""
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              time_source=fake_time)
    app.run_frames(2)
    app.ctx.teacher = True
    app.ctx.stack.push(TeacherHomeScene(app.ctx))
    app.run_frames(2)
    yield app
    app.close()


def click(app, key: str) -> None:
    post_click(app, app.ctx.stack.top.row.button(key).rect.center)
    app.run_frames(1)


def open_editor(app) -> LessonEditScene:
    app.ctx.stack.push(LessonEditScene(app.ctx, None))
    app.run_frames(1)
    return app.ctx.stack.top


def test_the_guide_button_builds_the_real_guide_into_the_data_folder_and_opens_it(
        teacher, data_dir, opened):
    click(teacher, "guide")
    folder = data_dir / "guide" / "en"
    assert opened == [folder / "index.html"]
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert (folder / "gids.pdf").read_bytes()[:4] == b"%PDF"
    level = teacher.ctx.levels.world("city")[0]
    assert f'id="{level.id}"' in html  # the level's page is a place in it
    assert (folder / "img" / f"{level.id}-start.png").stat().st_size > 0
    assert (folder / "stamp").read_text(encoding="utf-8") == link.fingerprint("en")
    assert not [p for p in (data_dir / "guide").iterdir() if p.name != "en"]  # no leftovers


def test_a_level_card_opens_its_page_and_a_second_click_builds_nothing(teacher, data_dir,
                                                                       opened, builds):
    editor = open_editor(teacher)
    first, second = teacher.ctx.levels.world(editor.world)[:2]
    click(teacher, f"guide:{first.id}")
    folder = data_dir / "guide" / "en"
    assert opened == [folder / "at" / f"{first.id}.html"]  # a file: Windows keeps no #place
    way = opened[0].read_text(encoding="utf-8")
    assert f'content="0; url=../index.html#{first.id}"' in way
    assert len(builds) == 1 and builds[0][1] == "en"
    assert editor.level_ids == []  # the tap was the guide's, not the card's
    click(teacher, f"guide:{second.id}")
    assert opened[-1] == folder / "at" / f"{second.id}.html"
    assert f"index.html#{second.id}" in opened[-1].read_text(encoding="utf-8")
    assert len(builds) == 1  # the stamp says it is current
    click(teacher, f"card:{second.id}")
    assert editor.level_ids == [second.id]  # the rest of the card still adds the level


def test_the_teacher_home_opens_the_whole_guide_once_built(teacher, data_dir, opened, builds):
    click(teacher, "guide")
    click(teacher, "guide")
    assert opened == [data_dir / "guide" / "en" / "index.html"] * 2
    assert len(builds) == 1


def test_a_new_version_or_language_builds_it_again(teacher, data_dir, opened, builds,
                                                   monkeypatch):
    click(teacher, "guide")
    monkeypatch.setattr(link, "__version__", "99.0")  # the game was updated
    click(teacher, "guide")
    assert len(builds) == 2
    assert (data_dir / "guide" / "en" / "stamp").read_text(encoding="utf-8") == \
        link.fingerprint("en")
    teacher.ctx.settings.language = "nl"  # the teacher's language: titles in Dutch
    click(teacher, "guide")
    assert builds[-1][1] == "nl" and opened[-1] == data_dir / "guide" / "nl" / "index.html"
    assert len(builds) == 3


def test_a_data_folder_that_cannot_be_written_gives_one_line(teacher, data_dir, opened,
                                                             builds):
    (data_dir / "guide").write_text("not a folder", encoding="utf-8")
    click(teacher, "guide")
    scene = teacher.ctx.stack.top
    note = scene.toast.text
    assert note.startswith("The teacher guide could not be made in ")
    assert str(data_dir / "guide" / "en") in note and "\n" not in note
    assert opened == [] and builds == []
    assert (data_dir / "guide").read_text(encoding="utf-8") == "not a folder"  # nothing lost


def test_a_failed_rebuild_keeps_the_guide_there_was(teacher, data_dir, opened, builds,
                                                    monkeypatch):
    click(teacher, "guide")
    index = data_dir / "guide" / "en" / "index.html"
    before = index.read_text(encoding="utf-8")

    def broken(out: Path, lang: str) -> None:
        out.mkdir(parents=True)
        (out / "index.html").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(link, "build", broken)
    monkeypatch.setattr(link, "__version__", "99.0")
    click(teacher, "guide")
    assert "No space left on device" in teacher.ctx.stack.top.toast.text
    assert index.read_text(encoding="utf-8") == before and len(opened) == 1
    assert [p.name for p in (data_dir / "guide").iterdir()] == ["en"]  # no half guide left


def test_no_viewer_says_where_the_guide_is(teacher, data_dir, builds, monkeypatch):
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: False)
    click(teacher, "guide")
    note = teacher.ctx.stack.top.toast.text
    assert "index.html" in note and str(data_dir / "guide" / "en") in note


def test_while_the_guide_is_made_the_screen_answers_and_says_so(teacher, data_dir, opened,
                                                                fake_time, monkeypatch):
    """In the real loop the build runs in a thread of its own: the screen keeps drawing and
    answering, says it is preparing the guide, and opens it when it is there."""
    go = threading.Event()

    def slow(out: Path, lang: str) -> None:
        go.wait()
        out.mkdir(parents=True)
        (out / "index.html").write_text("guide", encoding="utf-8")

    monkeypatch.setattr(link, "build", slow)
    teacher.ctx.wait_for_jobs = False
    scene = teacher.ctx.stack.top
    click(teacher, "guide")
    assert scene.guide.busy and opened == []
    click(teacher, "guide")  # a second tap while it is made starts nothing new
    assert len(link._RUNNING) == 1
    click(teacher, "lessons")  # the screen answers meanwhile
    assert type(teacher.ctx.stack.top).__name__ == "LessonsScene"
    teacher.ctx.stack.pop()
    go.set()
    scene.guide.job.wait()
    fake_time.advance(0.05)  # a frame's time: the screen looks again
    teacher.run_frames(1)
    assert not scene.guide.busy and not link._RUNNING
    assert opened == [data_dir / "guide" / "en" / "index.html"]
