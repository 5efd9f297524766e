"""Printable login cards (``techniekwerf teacher cards`` and the classes screen's button): a
PDF with a card per pupil (name, avatar, the three steps of logging in), nine to a page."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from game.progress import cards
from game.scenes import exports
from game.teacher_cli import main
from tests.play_helpers import post_click

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="pdftotext and pdftoppm (poppler-utils) are not installed")

PUPILS = [("Zoë", "fox"), ("Şükrü", "owl"), ("Łucja", "windmill"), ("Олена", "tram"),
          ("Daan", "bee"), ("Noa", "cat"), ("Sem", "kite"), ("Ali", "sheep"),
          ("Maximiliaan-Alexander van den Berg", "robot"), ("Fleur", "tulip"),
          ("مريم", "heron")]


def teacher(data: Path, capsys, *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main([*argv, "--data", str(data)], out=out, stdin=io.StringIO(""))
    return code, out.getvalue(), capsys.readouterr().err


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return " ".join(done.stdout.split())  # words, whatever the columns


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def inked(path: Path, page: int, box_mm: tuple[float, float, float, float]) -> float:
    """The share of pixels that are not paper in a box (x, y, w, h in mm) of a page."""
    dpi = 40
    done = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
                           "-gray", str(path)], capture_output=True, check=True)
    header, rest = done.stdout.split(b"\n", 1)  # P5 width height maxval, then the bytes
    assert header == b"P5"
    width, rest = rest.split(b"\n", 1)
    w = int(width.split()[0])
    _maxval, pixels = rest.split(b"\n", 1)
    px = dpi / 25.4
    x0, y0 = round(box_mm[0] * px), round(box_mm[1] * px)
    x1, y1 = round((box_mm[0] + box_mm[2]) * px), round((box_mm[1] + box_mm[3]) * px)
    dark = sum(1 for y in range(y0, y1) for x in range(x0, x1) if pixels[y * w + x] < 200)
    return dark / ((x1 - x0) * (y1 - y0))


def avatar_box(slot: int, rtl: bool = False) -> tuple[float, float, float, float]:
    """Where the avatar of the card in ``slot`` (0-8) of a page is, in mm."""
    col, row = slot % cards.COLS, slot // cards.COLS
    x = cards.MARGIN + col * cards.CARD_W + cards.PAD
    if rtl:
        x = cards.PAGE_W - x - cards.AVATAR
    return (x + 4, cards.MARGIN + row * cards.CARD_H + cards.PAD + 4, cards.AVATAR - 8,
            cards.AVATAR - 8)


@pytest.fixture
def school(tmp_path, capsys) -> Path:
    data = tmp_path / "data"
    assert teacher(data, capsys, "add-class", "groep 5b")[0] == 0
    from game.progress.sql import SqlSchoolStore

    store = SqlSchoolStore(data)  # the store itself: "sheep" is an avatar from before the
    try:                          # drawings (a disc with the initial), no longer offered
        group = store.classes()[0]
        for name, avatar in PUPILS:
            store.add_pupil(group.id, name, avatar)
    finally:
        store.close()
    return data


def test_the_cards_name_every_pupil_and_say_how_to_log_in_in_dutch(school, tmp_path, capsys):
    out = tmp_path / "kaarten.pdf"
    code, said, err = teacher(school, capsys, "cards", "groep 5b", "--out", str(out))
    assert (code, err) == (0, "")
    assert said == f"{out}: 11 login cards\n"
    assert out.read_bytes()[:5] == b"%PDF-"
    assert pages(out) == 2  # nine cards a page
    text = pdf_text(out)
    for name, _avatar in PUPILS:
        if name != "مريم":  # an Arabic name is shaped: its letters come out as glyph forms
            assert name in text, name
    # the game's language on this PC (Dutch unless set otherwise), the button's own word
    assert text.count("Zo log je in") == 11
    assert text.count("Druk op de gele knop Spelen.") == 11
    assert text.count("Tik op je klas: groep 5b.") == 11
    assert text.count("Tik op je eigen plaatje.") == 11


def test_each_card_shows_the_avatar_and_an_arabic_card_is_mirrored(school, tmp_path, capsys):
    nl, ar = tmp_path / "nl.pdf", tmp_path / "ar.pdf"
    assert teacher(school, capsys, "cards", "groep 5b", str(nl))[0] == 0
    assert teacher(school, capsys, "cards", "groep 5b", str(ar), "--lang", "ar")[0] == 0
    for slot in range(9):  # page 1: nine pupils, each with a picture where the avatar goes
        assert inked(nl, 1, avatar_box(slot)) > 0.3, slot
        assert inked(ar, 1, avatar_box(slot, rtl=True)) > 0.3, slot
    assert inked(nl, 2, avatar_box(2)) == 0  # page 2 has two cards: the third slot is empty
    # right to left: where the Dutch card has its picture, the Arabic one has none
    assert inked(ar, 1, avatar_box(0)) < 0.05
    assert "Login cards" not in pdf_text(ar)
    assert "Press the yellow button Play." in pdf_text(
        _english(school, tmp_path, capsys))


def _english(school: Path, tmp_path: Path, capsys) -> Path:
    out = tmp_path / "en.pdf"
    assert teacher(school, capsys, "cards", "groep 5b", "--lang", "en", "--out", str(out))[0] \
        == 0
    return out


def test_a_missing_class_an_empty_class_and_no_file_are_one_line_each(school, tmp_path,
                                                                      capsys):
    out = tmp_path / "x.pdf"
    code, said, err = teacher(school, capsys, "cards", "groep 9", "--out", str(out))
    assert (code, said) == (1, "")
    assert err == ("techniekwerf teacher: no class called 'groep 9' "
                   "(see: techniekwerf teacher classes)\n")
    assert teacher(school, capsys, "add-class", "groep 3")[0] == 0
    code, said, err = teacher(school, capsys, "cards", "groep 3", "--out", str(out))
    assert code == 1 and len(err.splitlines()) == 1 and "has no pupils yet" in err
    code, said, err = teacher(school, capsys, "cards", "groep 5b")
    assert code == 2 and err == ("techniekwerf teacher: cards needs the PDF to write: "
                                 "--out FILE.pdf\n")
    code, said, err = teacher(school, capsys, "cards", "groep 5b", str(out), "--out",
                              str(tmp_path / "y.pdf"))
    assert code == 2 and len(err.splitlines()) == 1
    code, said, err = teacher(school, capsys, "cards", "groep 5b", "--out",
                              str(tmp_path / "no-such-folder" / "x.pdf"))
    assert code == 1 and len(err.splitlines()) == 1 and "does not exist" in err
    assert not out.exists()


@pytest.fixture
def classes_screen(data_dir, fake_time, tmp_path, monkeypatch):
    """The real game behind the PIN on the classes screen, with a class of three and an
    empty one."""
    import platformdirs

    from game.app import App
    from game.scenes.classes import ClassesScene

    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "Docs"))
    app = App(size=(1280, 720), fullscreen=False, lang="nl", data_dir=data_dir,
              time_source=fake_time)
    app.run_frames(2)
    school = app.ctx.school
    group = school.add_class("groep 6b")
    for name, avatar in PUPILS[:3]:
        school.add_pupil(group.id, name, avatar)
    school.add_class("groep 7")
    app.ctx.teacher = True
    scene = ClassesScene(app.ctx)
    app.ctx.stack.push(scene)
    app.run_frames(2)
    yield app, scene
    app.close()


def test_the_classes_screen_saves_the_cards_and_opens_them(classes_screen, data_dir,
                                                           monkeypatch):
    app, scene = classes_screen
    opened: list[Path] = []
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: opened.append(path) or True)
    assert scene.group.name == "groep 6b"
    post_click(app, scene.row.button("cards").rect.center)
    app.run_frames(1)
    saved = data_dir / "exports" / "groep-6b-cards.pdf"
    assert opened == [saved]
    text = pdf_text(saved)
    assert all(name in text for name, _avatar in PUPILS[:3])
    assert "Tik op je klas: groep 6b." in text
    assert f"groep-6b-cards.pdf in {saved.parent}" in scene.toast.text
    # a class without pupils has no cards to print: no button
    scene.select(next(c.id for c in scene.classes if c.name == "groep 7"))
    app.run_frames(1)
    assert scene.row.button("cards") is None


def test_a_card_file_that_cannot_be_written_is_a_note_not_a_crash(classes_screen,
                                                                  monkeypatch, tmp_path):
    app, scene = classes_screen
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setattr(exports, "export_folder", lambda ctx: blocker / "sub")
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: pytest.fail("opened"))
    post_click(app, scene.row.button("cards").rect.center)
    app.run_frames(1)
    assert scene.toast.text.startswith("Het bestand kon niet worden opgeslagen: ")
    assert len(scene.toast.text.splitlines()) == 1 and not (blocker / "sub").exists()
