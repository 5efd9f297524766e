"""``techniekwerf guide --out DIR [--lang L]``: the teacher guide as HTML and PDF.

DIR gets ``index.html`` (one printable page, no JavaScript, nothing from the network),
``gids.pdf`` (A4) and ``img/`` with two pictures of every level's board (start and solved).
The guide's prose is Dutch (``teacher_guide/gids.yaml``, and the lesson plans in
``teacher_guide/lesbrieven.yaml``, each printed on a page of its own); titles, stories, world
names, part names in the facts and kerndoel titles come from the catalogue in ``--lang``
(default nl).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game import PROJECT_ROOT
from game.datafile.problems import LevelError
from game.guide.data import BANDS, GUIDE_FILE, guide_problems, read_guide
from game.guide.lesbrieven import LESBRIEVEN_FILE, Lesbrief, lesbrieven_problems, read_lesbrieven
from game.guide.words import (
    groep_name,
    kerndoel_name,
    kind_name,
    prediction,
    solution_steps,
)
from game.kerndoelen import in_use
from game.settings import LANGUAGES

IMG = "img"


@dataclass
class LevelPage:
    id: str
    number: int
    title: str
    story: str
    kind: str
    groep: str
    tags: tuple
    kerndoelen: list[str]
    teaches: str
    question: str
    predict: tuple[str, str] | None
    solutions: list[tuple[int, list[str]]]
    start: str  # picture paths, relative to the guide's folder
    solved: str


@dataclass
class WorldPage:
    id: str
    name: str
    town: str
    how: str  # how the world works in the game
    goals: list[tuple[str, str]]  # ("Groep 3–4", goals)
    kerndoelen: list[str]
    activity: str
    careers: tuple[str, ...]
    simplified: str
    levels: list[LevelPage] = field(default_factory=list)


@dataclass
class LesbriefPage:
    """A lesson plan with its world and its levels' pages (for their numbers and titles)."""

    plan: Lesbrief
    world: WorldPage
    levels: list[LevelPage]
    groep: str  # "Groep 5–6"


@dataclass
class Book:
    lang: str
    intro: str
    tips: tuple[str, ...]
    seen: tuple[str, ...]
    real: tuple[str, ...]
    worlds: list[WorldPage]
    #: per kerndoel (its name): per world, the levels that carry it
    kerndoelen: list[tuple[str, list[tuple[WorldPage, list[LevelPage]]]]]
    lesbrieven_intro: str = ""
    lesbrieven: list[LesbriefPage] = field(default_factory=list)


class GuideError(Exception):
    """The guide cannot be made; ``lines`` says why, one problem a line."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def make_book(out: Path, lang: str = "nl", root: Path = PROJECT_ROOT,
              guide_file: Path = GUIDE_FILE, picture_width: int = 480, levels=None,
              screen: tuple[int, int] = (1280, 720),
              lesbrieven_file: Path = LESBRIEVEN_FILE) -> Book:
    """Read everything, draw the pictures into ``out/img`` and return the guide's content."""
    from game.app import load_catalogue
    from game.content.worlds import story_order, worlds
    from game.guide.pictures import Pictures
    from game.i18n import make_translator

    try:
        guide = read_guide(guide_file)
    except LevelError as error:
        raise GuideError([str(p) for p in error.problems]) from None
    catalogue = levels if levels is not None else load_catalogue(root / "levels")
    try:
        plans = read_lesbrieven(lesbrieven_file)
    except LevelError as error:
        raise GuideError([str(p) for p in error.problems]) from None
    problems = guide_problems(guide, catalogue) + lesbrieven_problems(plans, catalogue)
    if problems:
        raise GuideError([str(p) for p in problems])
    gettext = make_translator(lang, root / "locale")[0]
    nl = make_translator("nl", root / "locale")[0]
    places = {place.world: place for place in worlds()}
    pictures = Pictures(lang, root, screen)
    book_worlds = []
    for world in story_order(level.world for level in catalogue):
        text = guide.worlds[world]
        place = places.get(world)
        levels_of = [level for level in catalogue if level.world == world]
        page = WorldPage(
            world, gettext(place.name) if place else world, gettext(place.town) if place else "",
            text.how,
            [(gettext("Groep {low}–{high}").format(low=band[0], high=band[-1]), text.goals[band])
             for band in BANDS],
            [kerndoel_name(code, gettext) for code in in_use(lv.kerndoelen for lv in levels_of)],
            text.activity, text.careers, text.simplified)
        for level in levels_of:
            entry = guide.levels[level.id]
            start, solved = (f"{IMG}/{level.id}-start.png", f"{IMG}/{level.id}-opgelost.png")
            pictures.board(level, False, out / start, picture_width)
            pictures.board(level, True, out / solved, picture_width)
            page.levels.append(LevelPage(
                level.id, level.order, gettext(level.title), gettext(level.story),
                kind_name(level, gettext), groep_name(level, gettext), tuple(level.kerndoelen),
                [kerndoel_name(code, gettext) for code in level.kerndoelen],
                entry.teaches, entry.question, prediction(level, gettext, nl),
                [(s.stars, solution_steps(level, s, nl)) for s in (level.solutions or (level.solution,))],
                start, solved))
        book_worlds.append(page)
    every = [lv for page in book_worlds for lv in page.levels]
    index = [(kerndoel_name(code, gettext),
              [(page, [lv for lv in page.levels if code in lv.tags]) for page in book_worlds
               if any(code in lv.tags for lv in page.levels)])
             for code in in_use(lv.tags for lv in every)]
    pages = {lv.id: lv for lv in every}
    world_of = {lv.id: page for page in book_worlds for lv in page.levels}
    lessons = [LesbriefPage(plan, world_of[plan.level_ids[0]],
                            [pages[i] for i in plan.level_ids],
                            gettext("Groep {low}–{high}").format(low=plan.band[0],
                                                                 high=plan.band[-1]))
               for plan in plans.plans]
    return Book(lang, guide.intro, guide.tips, guide.seen, guide.real, book_worlds, index,
                plans.intro, lessons)


def build_guide(out: Path, lang: str = "nl", root: Path = PROJECT_ROOT,
                guide_file: Path = GUIDE_FILE, picture_width: int = 480, levels=None,
                screen: tuple[int, int] = (1280, 720),
                lesbrieven_file: Path = LESBRIEVEN_FILE) -> Book:
    """Write ``out/index.html``, ``out/gids.pdf`` and ``out/img/``; returns the content."""
    from game.guide.html import write_html
    from game.guide.pdf import write_pdf

    out.mkdir(parents=True, exist_ok=True)
    book = make_book(out, lang, root, guide_file, picture_width, levels, screen, lesbrieven_file)
    write_html(book, out / "index.html", root / "assets" / "fonts")
    write_pdf(book, out, out / "gids.pdf", root / "assets" / "fonts")
    return book


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"techniekwerf guide: {message} (try --help)", file=sys.stderr)
        raise SystemExit(2)


def main(argv: Sequence[str]) -> int:
    """The command: 0 when written; 1 with one line per problem on stderr; 2 for bad arguments."""
    parser = _Parser(prog="techniekwerf guide",
                     description="Write the teacher guide (HTML and PDF).")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write it into")
    parser.add_argument("--lang", choices=LANGUAGES, default="nl",
                        help="language of titles, stories and kerndoelen (the prose is Dutch)")
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as stop:
        return int(stop.code or 0)
    out = Path(args.out)
    try:
        build_guide(out, args.lang)
    except GuideError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"techniekwerf guide: could not write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(out / "index.html")
    print(out / "gids.pdf")
    return 0
