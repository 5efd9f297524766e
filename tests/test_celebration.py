"""The end of a world: solving its last unsolved level opens the celebration, once.

Played as a pupil plays: the map, the world's levels, the level; its reference solution
built, the Test key pressed, the run left to end, the result card's big button pressed.
The celebration plays its fanfare, can be left with Enter, Escape or a click on its button
(back to the map, where the place has grown in full), and never comes again for the same
world when a level is played again.
"""

from __future__ import annotations

import pygame
import pytest

from game.progress.store import JsonProgressStore
from game.scenes.celebration import PARTY, CelebrationScene
from game.scenes.nav import is_at
from game.scenes.world_map import WorldMapScene
from game.scenes.worlds import place_of, places
from game.sim.model import LevelKind, StepAction
from tests.scene_gallery import _settle, gallery_app, show

WORLDS = [p.world for p in places() if p.playable]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("party") / "data", ManualTime())
    yield app
    app.close()


@pytest.fixture
def heard(app, monkeypatch):
    """The sounds the game plays, by name."""
    names: list[str] = []
    play = app.ctx.audio.play

    def spy(name, *args, **kwargs):
        names.append(name)
        return play(name, *args, **kwargs)

    monkeypatch.setattr(app.ctx.audio, "play", spy)
    return names


def press(app, *keys) -> None:
    for key in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                             scancode=0))
        app.step_frame()


def click(app, pos) -> None:
    at = app.view.point(pos)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=at, button=1))
    app.step_frame()


def last_build_level(app, world: str):
    """The world's last level without a prediction to make (Test alone judges it)."""
    return [lv for lv in app.ctx.levels.world(world) if lv.kind == LevelKind.BUILD][-1]


def all_but(app, folder, world: str, level) -> JsonProgressStore:
    """The guest's progress: every level of ``world`` solved but ``level``."""
    store = JsonProgressStore(folder)
    for other in app.ctx.levels.world(world):
        if other.id != level.id:
            store.record_result(other.id, 2, True, 3, 0)
    return JsonProgressStore(folder)


def solve_and_see_result(app, level):
    """From the world's levels: open ``level``, build its solution, press Test, let the run
    end; returns the result card on top."""
    app.ctx.push("play", level=level)
    app.step_frame()
    scene = app.ctx.stack.top
    for step in level.solution.steps:
        assert step.action != StepAction.ANSWER
        scene.editor.apply(step)
    scene._after_edit()
    press(app, pygame.K_t)
    for _ in range(4000):  # the run and the cheer before the card (bounded, not timed)
        if is_at(app.ctx.stack.top, "result"):
            break
        app.gallery_time.advance(0.05)
        app.step_frame(draw=False)  # the frames on the way nobody looks at
    app.draw()  # the frame that shows the card
    result = app.ctx.stack.top
    assert is_at(result, "result"), type(result).__name__
    return result


def open_levels(app, world: str) -> WorldMapScene:
    show(app, "world_map")
    world_map = app.ctx.stack.top
    assert isinstance(world_map, WorldMapScene)
    app.ctx.push("level_select", world=world)
    app.step_frame()
    return world_map


@pytest.mark.parametrize("world", WORLDS)
def test_solving_the_last_level_opens_the_celebration_once(app, tmp_path, heard, world):
    level = last_build_level(app, world)
    world_map = open_levels(app, world)
    app.ctx.store = all_but(app, tmp_path / "p", world, level)
    assert world_map.growth(place_of(world)) == 3
    result = solve_and_see_result(app, level)
    assert result.finale
    assert JsonProgressStore(tmp_path / "p").is_completed(level.id)  # stored on disk
    press(app, pygame.K_RETURN)  # the big button has the focus: Celebrate!
    party = app.ctx.stack.top
    assert isinstance(party, CelebrationScene) and party.world == world
    app.gallery_time.advance(0.5)
    app.step_frame()
    assert heard.count("fanfare") == 1
    press(app, pygame.K_ESCAPE)  # skipped at once: back to the map, grown in full
    assert app.ctx.stack.top is world_map
    assert world_map.growth(place_of(world)) == 4
    assert heard.count("fanfare") == 1

    # Played again (the level and the world are solved): a plain result card, no party.
    app.ctx.push("level_select", world=world)
    app.step_frame()
    again = solve_and_see_result(app, level)
    assert not again.finale
    press(app, pygame.K_ESCAPE)  # back to the levels
    assert is_at(app.ctx.stack.top, "level_select")
    assert not any(isinstance(s, CelebrationScene) for s in app.ctx.stack.scenes)
    assert heard.count("fanfare") == 1


def test_leaving_the_card_any_other_way_still_celebrates(app, tmp_path):
    world = WORLDS[0]
    level = last_build_level(app, world)
    open_levels(app, world)
    app.ctx.store = all_but(app, tmp_path / "p", world, level)
    result = solve_and_see_result(app, level)
    press(app, pygame.K_ESCAPE)  # "other level", by the Back key
    assert isinstance(app.ctx.stack.top, CelebrationScene)
    assert not any(is_at(s, "result") or is_at(s, "play") for s in app.ctx.stack.scenes)
    assert result.finale


def test_a_solve_that_leaves_a_level_open_is_a_plain_result(app, tmp_path):
    world = WORLDS[0]
    level = last_build_level(app, world)
    first = app.ctx.levels.world(world)[0]
    open_levels(app, world)
    store = JsonProgressStore(tmp_path / "p")
    for other in app.ctx.levels.world(world):
        if other.id not in (level.id, first.id):  # the first level is still open
            store.record_result(other.id, 2, True, 3, 0)
    app.ctx.store = store
    result = solve_and_see_result(app, level)
    assert not result.finale
    assert result.row.buttons[2].label != app.ctx.gettext("Celebrate!")
    press(app, pygame.K_ESCAPE)
    assert is_at(app.ctx.stack.top, "level_select")


@pytest.mark.parametrize("key", [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE])
def test_enter_escape_or_space_leave_the_celebration_for_the_map(app, key):
    world_map = open_levels(app, WORLDS[-1])
    app.ctx.push("celebration", world=WORLDS[-1])
    app.step_frame()
    assert isinstance(app.ctx.stack.top, CelebrationScene)
    press(app, key)
    assert app.ctx.stack.top is world_map


def test_its_button_leaves_by_a_click(app):
    world_map = open_levels(app, WORLDS[0])
    party = app.ctx.push("celebration", world=WORLDS[0])
    app.step_frame()
    click(app, party.row.buttons[0].rect.center)
    assert app.ctx.stack.top is world_map


def test_in_a_lesson_it_goes_back_to_the_lessons_levels(app):
    """A lesson's levels are the teacher's choice: from there the party leads back to them."""
    show(app, "lesson_select")
    lesson = app.ctx.stack.top
    party = app.ctx.push("celebration", world=WORLDS[0])
    app.step_frame()
    assert not party.map_below()
    assert party.row.buttons[0].label == app.ctx.gettext("OK")
    press(app, pygame.K_RETURN)
    assert app.ctx.stack.top is lesson


def test_the_party_ends_and_calm_motion_holds_it_still(app, monkeypatch):
    party = show(app, "celebration")
    assert party.idle_motion() is None  # moving
    _settle(app, PARTY)
    assert party.idle_motion() == 0.0  # over: the App may sleep
    assert isinstance(app.ctx.stack.top, CelebrationScene)  # it waits for the pupil
    monkeypatch.setattr(app.ctx.settings, "reduce_motion", True)
    assert show(app, "celebration").idle_motion() == 0.0


def test_noor_says_the_worlds_own_line_in_every_language():
    from game import PROJECT_ROOT
    from game.i18n import make_translator

    for place in places():
        if not place.playable:
            continue
        for lang in ("nl", "tr", "pl", "uk", "ar"):
            gettext, _n = make_translator(lang, PROJECT_ROOT / "locale")
            assert gettext(place.finale) != place.finale, (lang, place.world)
