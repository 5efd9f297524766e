"""The parents' tip and the "new part" star on the play screen."""

from __future__ import annotations

import dataclasses

import pygame

from game.scenes.info_card import InfoCard
from game.scenes.play import PlayScene
from game.sim.model import ParentTip
from tests.play_helpers import post_click, post_key, street_level


def test_parent_button_opens_the_tip_and_enter_closes_it(app):
    tip = ParentTip("Wires carry power.", "Utrecht has many cables under its streets.",
                    "Where does the cable go?", "Find a cable at home.")
    level = dataclasses.replace(street_level(), parent_tip=tip)
    play = PlayScene(app.ctx, level)
    app.ctx.stack.push(play)
    app.run_frames(2)
    post_click(app, play.buttons["parent"].rect.center)
    app.run_frames(2)
    card = app.ctx.stack.top
    assert isinstance(card, InfoCard) and [s[2] for s in card.sections] == list(tip.parts())
    assert [s[0] for s in card.sections] == ["icons/gear", "icons/region", "icons/ask",
                                             "icons/home"]
    # read aloud: the title, then each heading with its text, in the card's order
    assert card.read_aloud_text() == (
        "Discover together. What is it? Wires carry power. In our region. Utrecht has many "
        "cables under its streets. Talk about it. Where does the cable go? Try it at home. "
        "Find a cable at home.")
    post_click(app, play.view.cell_rect((1, 1)).center)  # the card is modal: the board waits
    app.run_frames(2)
    assert app.ctx.stack.top is card and (1, 1) not in play.board.pieces
    post_key(pygame.K_RETURN)
    app.run_frames(2)
    assert app.ctx.stack.top is play


def test_new_parts_wear_a_star_in_the_palette(app):
    plain = PlayScene(app.ctx, street_level())
    new = PlayScene(app.ctx, dataclasses.replace(street_level(), new_parts=("wire_t",)))
    pictures = []
    for scene in (plain, new):
        app.ctx.stack.push(scene)
        app.run_frames(2)
        r = app.view.rect(scene.palette.rects[scene.palette.kinds.index("wire_t")])
        pictures.append(pygame.image.tobytes(app.surface.subsurface(r), "RGB"))
        app.ctx.stack.pop()
    assert pictures[0] != pictures[1]


def test_next_level_stays_inside_the_active_lesson():
    from game.content.loader import LevelCatalogue
    from game.progress.records import Lesson
    from game.scenes.result import next_level
    from tests.conftest import make_level

    levels = LevelCatalogue([make_level("city", i) for i in range(1, 6)]
                            + [make_level("greenport", 1)])
    lesson = Lesson("l1", "Stroom", ("city-04", "greenport-01", "city-02"))
    by_id = {lv.id: lv for lv in levels}
    assert next_level(levels, by_id["city-04"], lesson).id == "greenport-01"
    assert next_level(levels, by_id["greenport-01"], lesson).id == "city-02"
    assert next_level(levels, by_id["city-02"], lesson) is None
    assert next_level(levels, by_id["city-02"], None).id == "city-03"  # no lesson: the world
    assert next_level(levels, by_id["city-03"], lesson).id == "city-04"  # outside it: the world
