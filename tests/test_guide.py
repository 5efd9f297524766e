"""The teacher guide (``techniekwerf guide --out DIR``): built once into a temporary folder from
the real level files, the real prose (teacher_guide/gids.yaml) and the game's own pictures,
then read back: the HTML names every world, level and kerndoel; every picture it shows is a
real PNG; the PDF's text names every world and level; the solution key says the steps in
words; and a level without an entry (or an entry without a level) is one clear line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pygame
import pytest

from game.content.worlds import worlds
from game.guide.build import GuideError, build_guide, main
from game.guide.data import GUIDE_FILE, guide_problems, read_guide
from game.guide.words import cell_name, kerndoel_name, solution_steps
from game.i18n import make_translator
from game.kerndoelen import in_use
from tests.scene_gallery import catalogue

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def levels():
    return catalogue()  # the shipped levels, loaded once per test process


@pytest.fixture(scope="module")
def nl():
    return make_translator("nl")[0]


@pytest.fixture(scope="module")
def guide(dutch_guide):
    """The whole guide in Dutch (tests/conftest.py builds it once)."""
    return dutch_guide


class _Page(HTMLParser):
    """The ids, picture sources and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.images: list[str] = []
        self.text: list[str] = []
        self.scripts = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "script":
            self.scripts += 1
        if tag in ("link", "a") and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        self.text.append(data)


def _page(html: str) -> tuple[_Page, str]:
    page = _Page()
    page.feed(html)
    return page, re.sub(r"\s+", " ", " ".join(page.text))


def test_every_world_level_and_kerndoel_is_in_the_html(guide, levels, nl):
    _out, _book, html = guide
    page, text = _page(html)
    names = {place.world: place for place in worlds()}
    for world in levels.worlds():
        assert world in page.ids, world
        assert nl(names[world].name) in text, world
    for level in levels:
        assert level.id in page.ids, level.id
        assert nl(level.title) in text, level.id
    for code in in_use(level.kerndoelen for level in levels):
        assert kerndoel_name(code, nl) in text, code
    assert "Stroom is geen water" in text
    # plain HTML: nothing runs, nothing comes from the network, every link stays in the page
    assert page.scripts == 0
    assert all(link.startswith("#") for link in page.links), page.links
    assert "http" not in html.replace("http-equiv", "")


def test_each_level_shows_its_prose_and_a_solution_key(guide, levels, nl):
    _out, _book, html = guide
    _page_, text = _page(html)
    prose = read_guide()
    for level in levels:
        entry = prose.levels[level.id]
        assert entry.teaches in text and entry.question in text, level.id
    assert "Zet een zonnepaneel op C2." in text  # city-01: its one step, in words
    for world in prose.worlds.values():
        assert world.activity.split()[0] in text
        assert all(career in text for career in world.careers)


def test_the_titles_come_from_the_catalogue_in_the_chosen_language(guide, levels, nl):
    _out, _book, html = guide
    _page_, text = _page(html)
    first = levels.get("city-01-first-light")
    assert nl(first.title) != first.title  # the Dutch title, not the English msgid
    assert nl(first.title) in text and nl(first.story) in text


def test_every_picture_exists_and_is_a_real_png(guide, levels):
    out, _book, html = guide
    page, _text = _page(html)
    assert len(page.images) == 2 * len(levels)
    for src in page.images:
        path = out / src
        assert path.is_file(), src
        assert path.read_bytes()[:8] == PNG, src
        picture = pygame.image.load(str(path))
        assert 0 < picture.get_width() <= 240 and picture.get_height() > 0, src
    start, solved = (out / "img" / "city-01-first-light-start.png",
                     out / "img" / "city-01-first-light-opgelost.png")
    assert start.read_bytes() != solved.read_bytes()  # a solved board looks different


def test_the_pdf_names_every_world_and_level(guide, levels, nl):
    out, _book, _html = guide
    pdf = out / "gids.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed to read the PDF"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", " ", text)
    names = {place.world: place for place in worlds()}
    for world in levels.worlds():
        assert nl(names[world].name) in flat, world
    for level in levels:
        assert nl(level.title) in flat, level.id
    assert "Stroom is geen water" in flat


def test_the_solution_key_says_the_steps_in_words(levels, nl):
    assert cell_name((0, 0)) == "A1" and cell_name((1, 2)) == "B3"
    dark = levels.get("city-10-dark-in-lelystad")
    assert solution_steps(dark, dark.solution, nl) == [
        "Zet de schakelaar op C3 aan.",
        "Draai de hoekkabel op E5 een kwartslag met de klok mee."]
    hospitals = levels.get("life-sciences-13-three-hospitals")
    steps = solution_steps(hospitals, hospitals.solution, nl)
    assert "Leg piepschuim op G3, I3 en H4." in steps  # a material, several cells in one step
    # every step of every solution of every level is said, ending with a full stop
    for level in levels:
        for solution in level.solutions or (level.solution,):
            lines = solution_steps(level, solution, nl)
            assert lines and all(line.endswith(".") for line in lines), level.id


def _without(text: str, level_id: str) -> str:
    """gids.yaml without the entry of ``level_id`` (its two lines and their key)."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"  {level_id}:\n")
    return "".join(lines[:start] + lines[start + 3:])


def test_a_level_without_an_entry_is_one_clear_line(tmp_path, levels):
    broken = tmp_path / "gids.yaml"
    text = _without(GUIDE_FILE.read_text(encoding="utf-8"), "city-02-a-long-wire")
    text += "  city-99-gone:\n    leert: Iets.\n    vraag: Wat?\n"
    broken.write_text(text, encoding="utf-8")
    problems = [str(p) for p in guide_problems(read_guide(broken), levels)]
    gone_line = text.splitlines().index("  city-99-gone:") + 1
    levels_line = text.splitlines().index("levels:") + 1
    assert problems == [
        f"{broken}:{levels_line}: levels: no entry for level city-02-a-long-wire "
        f"(levels/city/02-a-long-wire.yaml); write its 'leert' and 'vraag'",
        f"{broken}:{gone_line}: levels.city-99-gone: no level has this id (renamed or removed?)",
    ]
    with pytest.raises(GuideError) as error:
        build_guide(tmp_path / "out", guide_file=broken, levels=levels)
    assert error.value.lines == problems
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_broken_entry_names_its_line(tmp_path, levels):
    broken = tmp_path / "gids.yaml"
    text = GUIDE_FILE.read_text(encoding="utf-8").replace(
        "    vraag: Waar zie je zonnepanelen, op weg naar school?\n", "", 1)
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as error:
        build_guide(tmp_path / "out", guide_file=broken, levels=levels)
    line = text.splitlines().index("  city-01-first-light:") + 1
    assert error.value.lines == [f"{broken}:{line + 1}: levels.city-01-first-light.vraag: missing"]


def test_the_game_s_own_guide_has_an_entry_for_every_level(levels):
    assert guide_problems(read_guide(), levels) == []


def test_the_command_refuses_bad_arguments_in_one_line(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out" in err
    assert main(["--out", "x", "--lang", "xx"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_command_line_offers_guide(monkeypatch):
    import game.__main__ as cli

    seen = []
    monkeypatch.setattr("game.guide.build.main", lambda args: seen.append(list(args)) or 0)
    assert cli.main(["guide", "--out", "somewhere"]) == 0
    assert seen == [["--out", "somewhere"]]


def test_techniekwerf_check_names_a_level_without_a_guide_entry(tmp_path, monkeypatch, capsys):
    from game.content.check import main as check_main

    broken = tmp_path / "gids.yaml"
    text = _without(GUIDE_FILE.read_text(encoding="utf-8"), "greenport-05-two-sprinklers")
    broken.write_text(text, encoding="utf-8")
    monkeypatch.setattr("game.guide.data.guide_file", lambda root: broken)
    assert check_main([]) == 1
    out = capsys.readouterr().out.splitlines()
    line = text.splitlines().index("levels:") + 1
    assert f"{broken}:{line}: levels: no entry for level greenport-05-two-sprinklers " \
           f"(levels/greenport/05-two-sprinklers.yaml); write its 'leert' and 'vraag'" in out
    assert out[-1].startswith("1 problem")
    monkeypatch.undo()
    assert check_main([]) == 0  # the game's own guide: an entry for every level


def test_the_facts_are_in_the_chosen_language_and_the_key_stays_dutch(levels, nl):
    from game.guide.words import groep_name, kind_name, prediction

    en = make_translator("en")[0]
    ar = make_translator("ar")[0]
    fix = levels.get("city-04-broken-wire")
    assert (kind_name(fix, nl), kind_name(fix, en)) == ("Repareren", "Fix")
    assert groep_name(fix, nl) == "Groep 4–5"
    assert kerndoel_name(45, en) == "45 Designing, testing and improving"
    assert kerndoel_name("digital", en) == "Digital literacy"  # no number before it
    night = levels.get("city-06-which-works-at-night")
    question, answer = prediction(night, ar, nl)
    assert question == ar(night.predict.text) != night.predict.text
    assert answer == "windmolen"  # the answer is part of the Dutch key


def test_careers_and_lists_keep_their_commas():
    """A career 'bij de netbeheerder (Liander, Stedin)' in a YAML flow list was split in two."""
    for world in read_guide().worlds.values():
        assert all(c.count("(") == c.count(")") for c in world.careers), world.careers


def test_a_world_s_backdrop_drawn_once_gives_the_pictures_drawn_afresh(levels, tmp_path):
    """The pictures draw each world's backdrop once (``Pictures.backdrops``): a level drawn
    after another of its world has the very pixels it has when drawn first, started or solved."""
    from game.guide.pictures import Pictures

    first, second = [lv for lv in levels if lv.world == "city"][:2]
    kept = Pictures("nl", screen=(640, 360))
    kept.board(first, False, tmp_path / "first.png", 240)
    assert set(kept.backdrops) == {"city"}
    for level, solved in ((second, False), (second, True)):
        kept.board(level, solved, tmp_path / "kept.png", 240)
        Pictures("nl", screen=(640, 360)).board(level, solved, tmp_path / "fresh.png", 240)
        pixels = [pygame.image.tobytes(pygame.image.load(str(tmp_path / f"{name}.png")), "RGB")
                  for name in ("kept", "fresh")]
        assert pixels[0] == pixels[1], (level.id, solved)


def test_the_pdf_s_kept_text_widths_are_fpdf2_s_own(guide):
    """The guide's PDF keeps each text width it measured (game/guide/pdf.py ``_measure_once``):
    texts of the guide, Arabic and characters a font lacks, each prefix of them (a line being
    broken) and each character on its own measure what fpdf2's font measures, in both fonts, at
    two sizes, without and with text shaping, also after the shaping parameters were changed
    in place."""
    from fpdf import FPDF
    from fpdf.enums import TextDirection
    from fpdf.fonts import TTFFont

    from game import PROJECT_ROOT
    from game.guide.pdf import _measure_once

    _out, book, _html = guide
    fonts = PROJECT_ROOT / "assets" / "fonts"
    pdf = FPDF()
    pdf.add_font("Andika", "", fonts / "Andika-Regular.ttf")
    pdf.add_font("Andika", "B", fonts / "Andika-Bold.ttf")
    pdf.add_font("NotoSansArabic", "", fonts / "NotoSansArabic-Regular.ttf")
    _measure_once(pdf)
    texts = [book.intro[:200], *(w.levels[0].title for w in book.worlds),
             "قطرة ماء تصل إلى البحر", "zonder ⚡ glyph ⚡", "￿"]
    prefixes = sorted({t[:n] for t in texts for n in range(len(t) + 1)})
    assert len(prefixes) > 300
    shaping = {"use_shaping_engine": True, "features": {}, "direction": None, "script": None,
               "language": None, "fragment_direction": None, "paragraph_direction": None}
    for font in pdf.fonts.values():
        assert type(font) is not TTFFont
        font.get_text_width("Aa", 31.5, None)  # fpdf2 notes the largest size a font is used at
        assert font.biggest_size_pt == 31.5
        for params in (None, shaping, None):
            for size in (10.5, 9.5):
                for text in prefixes:
                    assert (font.get_text_width(text, size, params)
                            == TTFFont.get_text_width(font, text, size, params)), (text, size)
        # changed in place (fpdf2 does so with the direction): Arabic without ligatures has
        # more glyphs
        for change in ({"features": {"liga": False, "rlig": False, "calt": False}},
                       {"fragment_direction": TextDirection.RTL}):
            for key, value in change.items():
                if isinstance(value, dict):
                    shaping[key].update(value)
                else:
                    shaping[key] = value
            for text in prefixes:
                assert (font.get_text_width(text, 10.5, shaping)
                        == TTFFont.get_text_width(font, text, 10.5, shaping)), (text, change)
        shaping["fragment_direction"] = None
        shaping["features"].clear()


def test_the_pdf_shows_the_very_pixels_of_the_pictures(guide, tmp_path):
    """The pictures are saved by Pillow (game/guide/pictures.py ``save_png``) and the PDF embeds
    them: the first page with pictures holds a level's start and solved board, pixel for pixel
    the PNGs the HTML shows."""
    from PIL import Image

    out, book, _html = guide
    assert shutil.which("pdfimages"), "poppler-utils (pdfimages) is needed to read the PDF"
    listing = subprocess.run(["pdfimages", "-list", str(out / "gids.pdf")], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    page = listing[0].split()[0]
    subprocess.run(["pdfimages", "-png", "-f", page, "-l", page, str(out / "gids.pdf"),
                    str(tmp_path / "p")], check=True)
    shown = [Image.open(path).convert("RGB").tobytes() for path in sorted(tmp_path.glob("p-*.png"))]
    first = book.worlds[0].levels[0]
    for name in (first.start, first.solved):
        picture = Image.open(out / name)
        assert picture.mode == "RGB"
        assert picture.tobytes() in shown, name


def test_a_saved_picture_keeps_every_pixel(tmp_path):
    """``save_png`` writes the surface's very pixels (whatever its pixel format)."""
    from game.guide.pictures import save_png

    surface = pygame.Surface((37, 23))
    for x in range(37):
        for y in range(23):
            surface.set_at((x, y), ((x * 7) % 256, (y * 11) % 256, (x * y) % 256))
    for picture in (surface, surface.convert(24), pygame.Surface((37, 23), pygame.SRCALPHA)):
        if picture.get_flags() & pygame.SRCALPHA:
            picture.blit(surface, (0, 0))
        save_png(picture, tmp_path / "p.png")
        loaded = pygame.image.load(str(tmp_path / "p.png"))
        assert loaded.get_size() == (37, 23)
        assert pygame.image.tobytes(loaded, "RGB") == pygame.image.tobytes(picture, "RGB")
