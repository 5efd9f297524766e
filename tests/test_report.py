"""The printable class report: a valid PDF whose text a reader (poppler) finds, in Dutch,
for a real class on the real store, and for 30 pupils x 40 levels."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from game import PROJECT_ROOT
from game.content.loader import LevelCatalogue
from game.i18n import make_translator
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.report import (
    KERNDOELEN,
    ReportInfo,
    chunks,
    class_report,
    render_report,
    write_class_report,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def real_levels():
    return list(LevelCatalogue.load(PROJECT_ROOT / "levels"))


@pytest.fixture
def store(tmp_path):
    from game.progress.sql import SqlSchoolStore

    school = SqlSchoolStore(tmp_path / "data")
    yield school
    school.close()


def played(pupil_id: str, level_id: str, outcome: Outcome, stars: int = 0,
           failed: int = 0) -> Attempt:
    start = now() - timedelta(hours=2)
    return Attempt(new_id(), pupil_id, level_id, None, start, start + timedelta(minutes=4),
                   outcome, stars, failed_tests=failed)


def test_balanced_runs():
    assert [len(r) for r in chunks(40, 29)] == [20, 20]
    assert [len(r) for r in chunks(30, 30)] == [30]
    assert [len(r) for r in chunks(7, 3)] == [3, 2, 2]
    assert [len(r) for r in chunks(0, 5)] == [0]


def test_every_kerndoel_of_the_levels_has_a_name(real_levels):
    assert {k for level in real_levels for k in level.kerndoelen} <= set(KERNDOELEN)


@needs_poppler
def test_a_dutch_report_for_a_real_class(store, real_levels, tmp_path):
    group = store.add_class("groep 5b")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    daan = store.add_pupil(group.id, "Daan", "owl")
    first, second = real_levels[0], real_levels[1]
    store.save_attempt(played(zoe.id, first.id, Outcome.SOLVED, stars=3))
    store.save_attempt(played(daan.id, second.id, Outcome.GAVE_UP, failed=4))
    out = tmp_path / "klas.pdf"

    gettext = make_translator("nl")[0]
    write_class_report(store, group.id, real_levels, out, lesson_title="Stroom in de stad",
                       gettext=gettext, lang="nl", day=date(2025, 11, 28))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data, tmp_path)
    for expected in ("groep 5b", "Zoë", "Daan", "Stroom in de stad", "28 november 2025",
                     "Klasoverzicht", "Opgelost", "Hulp nodig", gettext(first.title)):
        assert expected in text, expected
    assert "Class report" not in text


@needs_poppler
def test_an_english_report_and_an_empty_class(store, real_levels, tmp_path):
    group = store.add_class("groep 3a")
    data = class_report(store, group.id, real_levels[:3], gettext=make_translator("en")[0],
                        lang="en", day=date(2025, 11, 28))
    text = pdf_text(data, tmp_path)
    assert "November 28, 2025" in text and "All levels" in text
    assert "This class has no pupils yet." in text


@needs_poppler
def test_thirty_pupils_by_forty_levels_paginate(real_levels, tmp_path):
    from game.progress.records import CellStatus, Dashboard, ProgressCell, Pupil

    levels = [replace(real_levels[i % len(real_levels)], id=f"lv-{i:02d}") for i in range(40)]
    pupils = tuple(Pupil(new_id(), "c", f"Leerling {n:02d}", "fox") for n in range(30))
    statuses = list(CellStatus)
    cells = {(p.id, lv.id): ProgressCell(p.id, lv.id, statuses[(i + j) % 4],
                                         best_stars=1 + (i * j) % 3)
             for i, p in enumerate(pupils) for j, lv in enumerate(levels)}
    dashboard = Dashboard("c", pupils, tuple(lv.id for lv in levels), cells)
    data = render_report(dashboard, levels, ReportInfo("groep 8", None, date(2025, 6, 1)),
                         make_translator("nl")[0])
    text = pdf_text(data, tmp_path)
    # a cover, the table in two runs of 20 levels with all 30 pupils on each, two chart pages
    pages = text.split("\f")[:-1]
    assert len(pages) == 5
    for table_page in pages[1:3]:
        assert all(pupil.name in table_page for pupil in pupils)
    assert "Hulp nodig" in pages[0] and "pagina 5 van 5" in pages[4]
