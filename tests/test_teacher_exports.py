"""Where the teacher's exports go (one function decides: the data folder chosen with --data or
$TECHNIEKWERF_DATA, else Documents) and "Print PDF" opening the report in the PC's viewer."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from game.scenes import exports
from game.scenes.dashboard import DashboardScene
from game.scenes.exports import export_folder
from tests.play_helpers import post_click


@pytest.fixture
def platform_folders(tmp_path, monkeypatch):
    """The platform's own folders, in the test's folder."""
    import platformdirs

    folders = SimpleNamespace(data=tmp_path / "default-data", docs=tmp_path / "Documents")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(folders.data))
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folders.docs))
    return folders


def test_exports_follow_a_chosen_data_folder_else_documents(tmp_path, platform_folders):
    chosen = tmp_path / "usb" / "techniekwerf"
    assert export_folder(SimpleNamespace(settings=SimpleNamespace(folder=chosen))) == \
        chosen / "exports"
    default = SimpleNamespace(settings=SimpleNamespace(folder=platform_folders.data))
    assert export_folder(default) == platform_folders.docs / "Techniekwerf"


def test_without_a_documents_folder_exports_stay_in_the_data_folder(platform_folders,
                                                                    monkeypatch):
    import platformdirs

    def no_documents() -> str:
        raise OSError("no Documents folder")

    monkeypatch.setattr(platformdirs, "user_documents_dir", no_documents)
    default = SimpleNamespace(settings=SimpleNamespace(folder=platform_folders.data))
    assert export_folder(default) == platform_folders.data / "exports"


@pytest.fixture
def teacher_app(data_dir, fake_time, platform_folders):
    """The real game with --data (the conftest's data folder), a class, behind the PIN."""
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              time_source=fake_time)
    app.run_frames(2)
    group = app.ctx.school.add_class("groep 6b")
    app.ctx.school.add_pupil(group.id, "Wim", "owl")
    app.ctx.teacher = True
    scene = DashboardScene(app.ctx, group.id)
    app.ctx.stack.push(scene)
    app.run_frames(2)
    yield app, scene
    app.close()


@pytest.mark.parametrize("viewer", [True, False])
def test_print_pdf_saves_into_the_chosen_data_folder_and_opens_the_viewer(
        teacher_app, data_dir, monkeypatch, platform_folders, viewer):
    app, scene = teacher_app
    opened: list[Path] = []

    def opener(path: Path) -> bool:
        opened.append(path)
        return viewer

    monkeypatch.setattr(exports, "open_with_viewer", opener)
    for kind in ("csv", "pdf"):
        post_click(app, scene.buttons[kind].rect.center)
        app.run_frames(1)
    saved = sorted(p.name for p in (data_dir / "exports").iterdir())
    assert [Path(n).suffix for n in saved] == [".csv", ".pdf"]
    assert not platform_folders.docs.exists()  # --data given: nothing goes to Documents
    assert opened == [data_dir / "exports" / saved[1]]  # only the report is opened
    assert opened[0].read_bytes()[:4] == b"%PDF"
    no_viewer = "No program to show it was found" in scene.toast.text
    assert no_viewer is not viewer and str(data_dir / "exports") in scene.toast.text


def test_the_viewer_is_asked_without_waiting_and_missing_is_false(monkeypatch, tmp_path):
    import shutil
    import subprocess
    import sys

    started = []
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: started.append((args, kw)))
    pdf = tmp_path / "groep.pdf"
    assert exports.open_with_viewer(pdf) is True
    (args, kw), = started
    assert args == ["/usr/bin/xdg-open", str(pdf)] and kw["start_new_session"]
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert exports.open_with_viewer(pdf) is False and len(started) == 1
