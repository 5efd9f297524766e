"""The lesson plans (teacher_guide/lesbrieven.yaml): every level of the playable worlds in
exactly one, each plan whole and three or four levels of one world in order, a broken file
one line a problem; the guide prints each plan and links its levels; the teacher's lessons
screen starts a lesson from a plan, stored with the plan's title and levels."""

from __future__ import annotations

import re
import subprocess

import pygame
import pytest

from game.datafile.problems import LevelError
from game.guide.build import GuideError, build_guide
from game.guide.lesbrieven import (
    FEWEST,
    LESBRIEVEN_FILE,
    MOST,
    TITLE_MAX,
    lesbrieven_problems,
    read_lesbrieven,
    ready_lesbrieven,
)
from tests.classroom_helpers import PIN, click, frames, key, name_of, press_button, top, type_text
from tests.scene_gallery import catalogue

PLAYABLE = ("city", "greenport", "logistics", "life_sciences", "hightech", "ict")


@pytest.fixture(scope="module")
def levels():
    return catalogue()  # the shipped levels, loaded once per test process


@pytest.fixture(scope="module")
def plans():
    return read_lesbrieven()


def test_every_level_of_the_playable_worlds_is_in_exactly_one_plan(levels, plans):
    ids = [i for plan in plans.plans for i in plan.level_ids]
    assert len(ids) == len(set(ids)), "a level in two lesson plans"
    wanted = {lv.id for lv in levels if lv.world in PLAYABLE}
    assert set(ids) == wanted
    assert lesbrieven_problems(plans, levels, PLAYABLE) == []
    assert lesbrieven_problems(plans, levels) == []  # every world with levels is playable
    assert 16 <= len(plans.plans) <= 28


def test_each_plan_is_whole_and_three_or_four_levels_of_one_world_in_order(levels, plans):
    by_id = {lv.id: lv for lv in levels}
    for plan in plans.plans:
        chosen = [by_id[i] for i in plan.level_ids]
        assert FEWEST <= len(chosen) <= MOST, plan.id
        assert len({lv.world for lv in chosen}) == 1, plan.id
        orders = [lv.order for lv in chosen]
        assert orders == list(range(orders[0], orders[0] + len(orders))), plan.id
        assert plan.id.startswith(chosen[0].world.replace("_", "-") + "-"), plan.id
        for part in (plan.title, plan.goal, plan.preparation, plan.introduction, plan.prediction,
                     plan.playing, plan.discussion, plan.exit_question, plan.quick, plan.slow,
                     plan.activity):
            assert part.strip(), plan.id
        assert plan.materials and all(m.strip() for m in plan.materials)
        assert len(plan.title) <= TITLE_MAX
        low, high = (int(n) for n in plan.band.split("-"))
        # the band lies within the groepen of its levels
        assert min(lv.groep[0] for lv in chosen) <= low <= high <= max(lv.groep[1] for lv in chosen)
        # the discussion replays a pupil's build; the pairs write their prediction down
        assert "af" in plan.discussion and re.search(r"speel|afspel", plan.discussion, re.I)
        assert re.search(r"schrij|teken|kruisje", plan.prediction, re.I), plan.id
    # the plans follow the story: within a world, one after the other
    per_world: dict[str, list[int]] = {}
    for plan in plans.plans:
        per_world.setdefault(by_id[plan.level_ids[0]].world, []).append(
            by_id[plan.level_ids[0]].order)
    assert all(firsts == sorted(firsts) for firsts in per_world.values())


def _write(tmp_path, text: str):
    path = tmp_path / "lesbrieven.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_file_gives_one_line_a_problem(tmp_path):
    text = LESBRIEVEN_FILE.read_text(encoding="utf-8")
    lines = text.splitlines()
    exit_line = next(i for i, line in enumerate(lines) if line.lstrip().startswith("exitvraag:"))
    broken = "\n".join(lines[:exit_line] + lines[exit_line + 1:]) + "\n"
    broken = broken.replace('groep: "3-4"', 'groep: "drie"', 1)
    path = _write(tmp_path, broken)
    with pytest.raises(LevelError) as error:
        read_lesbrieven(path)
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 2, problems
    assert all("\n" not in p and p.startswith(f"{path}:") for p in problems)
    assert any("lesbrieven[0].exitvraag: missing" in p for p in problems)
    assert any("lesbrieven[0].groep" in p and "5-6" in p for p in problems)


def test_the_lesson_plans_may_be_longer_than_a_level_file_but_not_endless(tmp_path):
    """A plan for every three or four levels of every world outgrows a level file's 64 KiB;
    the lesson plans' file may hold 256 KiB, and more is one line."""
    from game.datafile.yamltree import MAX_BYTES as LEVEL_MAX
    from game.guide.lesbrieven import MAX_BYTES

    text = LESBRIEVEN_FILE.read_text(encoding="utf-8")
    filler = "# " + "x" * 98 + "\n"
    long = text + filler * ((LEVEL_MAX - len(text.encode("utf-8"))) // len(filler) + 10)
    assert LEVEL_MAX < len(long.encode("utf-8")) < MAX_BYTES
    assert read_lesbrieven(_write(tmp_path, long)).plans == read_lesbrieven().plans
    huge = text + filler * (MAX_BYTES // len(filler) + 1)
    path = _write(tmp_path, huge)
    with pytest.raises(LevelError) as error:
        read_lesbrieven(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:1: file is {len(huge.encode('utf-8'))} bytes, more than the 256 KiB the "
        "lesson plans' file may have"]


def test_levels_that_disagree_with_the_game_are_one_line_each(tmp_path, levels):
    text = LESBRIEVEN_FILE.read_text(encoding="utf-8")
    # a level that does not exist, two worlds in one plan, a gap in the order
    text = text.replace("city-02-a-long-wire, city-03", "city-99-gone, city-03", 1)
    text = text.replace("[city-04-broken-wire, city-05-share-the-street,",
                        "[city-04-broken-wire, greenport-05-two-sprinklers,", 1)
    text = text.replace("[greenport-01-first-drops, greenport-02-around-the-bend, "
                        "greenport-03-in-the-middle]",
                        "[greenport-01-first-drops, greenport-03-in-the-middle, "
                        "greenport-02-around-the-bend]", 1)
    path = _write(tmp_path, text)
    problems = [str(p) for p in lesbrieven_problems(read_lesbrieven(path), levels)]
    lines = text.splitlines()

    def line_of(fragment: str) -> int:  # its last line: the second plan is the one told
        return max(i for i, line in enumerate(lines, 1) if fragment in line)

    assert f"{path}:{line_of('city-99-gone')}: lesbrieven[0].levels[1]: no level has the id " \
           f"city-99-gone" in problems
    assert f"{path}:{line_of('greenport-05-two-sprinklers')}: lesbrieven[6].levels[1]: " \
           f"greenport-05-two-sprinklers is in lesson plan city-2 already" in problems
    assert any("lesbrieven[1].levels: levels of more than one world: city, greenport" in p
               for p in problems)
    assert any("lesbrieven[5].levels: the levels must come one after the other" in p
               for p in problems)
    assert any(p.endswith("level city-02-a-long-wire is in no lesson plan") for p in problems)
    assert any(p.endswith("level city-05-share-the-street is in no lesson plan")
               for p in problems)
    assert all("\n" not in p for p in problems)
    # the game's lessons screen offers only the plans whose levels all exist
    ready = [plan.id for plan in ready_lesbrieven(levels, path)]
    assert "city-1" not in ready and "city-2" in ready


def test_a_damaged_file_offers_no_plans_in_the_game_and_stops_the_guide(tmp_path, levels):
    path = _write(tmp_path, "lesbrieven: [\n")
    assert ready_lesbrieven(levels, path) == []
    assert ready_lesbrieven(levels, tmp_path / "missing.yaml") == []
    with pytest.raises(GuideError) as error:
        build_guide(tmp_path / "out", levels=levels, lesbrieven_file=path)
    assert len(error.value.lines) == 1 and str(path) in error.value.lines[0]
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.fixture(scope="module")
def guide(dutch_guide):
    """The whole guide in Dutch (tests/conftest.py builds it once)."""
    return dutch_guide


def test_the_guide_s_html_prints_every_plan_and_links_its_levels(guide, plans):
    _out, book, html = guide
    assert [p.plan.id for p in book.lesbrieven] == [plan.id for plan in plans.plans]
    assert '<a href="#lesbrieven">Lesbrieven</a>' in html
    for n, plan in enumerate(plans.plans, 1):
        start = html.index(f'<article class="lesbrief" id="{plan.anchor}">')
        article = html[start:html.index("</article>", start)]
        assert f"Lesbrief {n}: {plan.title}" in article
        for level_id in plan.level_ids:
            assert f'<a href="#{level_id}">' in article
            assert f'id="{level_id}"' in html  # the link lands on the level's page
        for part in ("Leerdoel", "Voorbereiding", "Materialen", "Introductie",
                     "Spelen in tweetallen", "Eerst opschrijven", "Nabespreking", "Exit-vraag",
                     "snel klaar", "loopt vast", "Praktijkopdracht"):
            assert part in article, (plan.id, part)
        assert plan.exit_question.replace("'", "&#x27;") in article
        # the world's page lists it too
        assert f'<a href="#{plan.anchor}">Lesbrief {n}: ' in html


def test_the_guide_s_pdf_prints_every_plan_on_its_own_page(guide, plans):
    out, _book, _html = guide
    pages = subprocess.run(["pdftotext", "-layout", str(out / "gids.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    for n, plan in enumerate(plans.plans, 1):
        heading = f"Lesbrief {n}: {plan.title}"
        found = [i for i, page in enumerate(pages) if heading in page and "Leerdoel:" in page]
        assert len(found) == 1, heading
        page = " ".join(pages[found[0]].split())
        for part in ("Introductie (10 minuten):", "Spelen in tweetallen (20 minuten):",
                     "Nabespreking (10 minuten):", "Exit-vraag (5 minuten):", "Praktijkopdracht:"):
            assert part in page, (plan.id, part)
        assert " ".join(plan.exit_question.split()[:4]) in page


# --- the teacher's lessons screen ------------------------------------------------------------
def _enter_lessons(app, fake_time) -> None:
    from game.scenes.title import TEACHER_RECT

    app.ctx.school.set_secret(PIN)
    click(app, fake_time, TEACHER_RECT.center)
    type_text(app, fake_time, PIN)
    key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene"
    press_button(app, fake_time, "lessons")
    assert name_of(app) == "LessonsScene"


def test_a_lesson_plan_chosen_by_clicks_becomes_a_stored_lesson(school_app, fake_time, data_dir,
                                                                 plans):
    from game.progress.sql import SqlSchoolStore

    app = school_app
    _enter_lessons(app, fake_time)
    press_button(app, fake_time, "plans")
    assert name_of(app) == "LesbriefPickScene"
    picker = top(app)
    city = [p.id for p in plans.plans if p.id.startswith("city-")]
    assert [p.id for p in picker.shown()] == city  # the first world's plans, in order
    assert [k for k in picker.row.keys if k.startswith("plan:")] == [f"plan:{i}"
                                                                     for i in city[:3]]
    press_button(app, fake_time, "page:next")  # the rest of the world's plans
    assert [k for k in picker.row.keys if k.startswith("plan:")] == [f"plan:{i}"
                                                                     for i in city[3:]]
    press_button(app, fake_time, "world:logistics")
    plan = next(p for p in plans.plans if p.id == "logistics-2")
    press_button(app, fake_time, f"plan:{plan.id}")
    assert name_of(app) == "LessonEditScene"
    edit = top(app)
    assert (edit.field.value, tuple(edit.level_ids)) == (plan.title, plan.level_ids)
    with SqlSchoolStore.default(data_dir) as store:
        assert store.lessons() == []  # nothing is stored before Save
    press_button(app, fake_time, "save")
    assert name_of(app) == "LessonsScene"
    with SqlSchoolStore.default(data_dir) as store:
        (lesson,) = store.lessons()
    assert (lesson.title, lesson.level_ids, lesson.free_play) == (plan.title, plan.level_ids,
                                                                  False)
    assert top(app).selected == lesson.id  # the new lesson is the one shown

    # a second plan, changed before saving: the teacher's order is what is stored
    press_button(app, fake_time, "plans")
    first = plans.plans[0]
    press_button(app, fake_time, f"plan:{first.id}")
    press_button(app, fake_time, f"remove:{first.level_ids[0]}")
    press_button(app, fake_time, "save")
    with SqlSchoolStore.default(data_dir) as store:
        stored = {ls.title: ls.level_ids for ls in store.lessons()}
    assert stored == {plan.title: plan.level_ids, first.title: first.level_ids[1:]}

    # Back from the picker, and from an untouched plan in the editor, stores nothing more
    press_button(app, fake_time, "plans")
    key(app, fake_time, pygame.K_ESCAPE)
    assert name_of(app) == "LessonsScene"
    press_button(app, fake_time, "plans")
    press_button(app, fake_time, f"plan:{plans.plans[2].id}")
    key(app, fake_time, pygame.K_ESCAPE)
    assert name_of(app) == "LessonsScene"
    with SqlSchoolStore.default(data_dir) as store:
        assert len(store.lessons()) == 2


def test_without_the_file_the_picker_says_so_and_offers_nothing(school_app, fake_time,
                                                                tmp_path):
    from game.scenes.lesbrief_pick import LesbriefPickScene

    app = school_app
    _enter_lessons(app, fake_time)
    app.ctx.stack.push(LesbriefPickScene(app.ctx, path=tmp_path / "gone.yaml"))
    frames(app, fake_time, 2)
    assert top(app).row.keys == ["back", "lock"]


def test_techniekwerf_check_names_a_level_in_no_lesson_plan(tmp_path, monkeypatch, capsys):
    from game.content.check import main as check_main

    text = LESBRIEVEN_FILE.read_text(encoding="utf-8").replace(
        ", greenport-10-dry-in-aalsmeer]", "]", 1)
    broken = _write(tmp_path, text)
    monkeypatch.setattr("game.guide.lesbrieven.lesbrieven_file", lambda root: broken)
    assert check_main([]) == 1
    out = capsys.readouterr().out.splitlines()
    line = text.splitlines().index("lesbrieven:") + 1
    assert f"{broken}:{line}: lesbrieven: level greenport-10-dry-in-aalsmeer is in no lesson " \
           f"plan" in out
    assert out[-1].startswith("1 problem")
    monkeypatch.undo()
    assert check_main([]) == 0  # the game's own plans: every level in one


def test_the_guide_names_the_lessons_screen_s_own_button():
    """The plans' intro tells the teacher which button to press: the game's own Dutch words."""
    from game.i18n import make_translator

    nl = make_translator("nl")[0]
    intro = read_lesbrieven().intro
    for msgid in ("Lessons", "From a lesson plan", "Class progress", "Replay"):
        assert nl(msgid) in intro, nl(msgid)
