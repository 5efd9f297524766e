"""The parents' tip and the "new part" star on the play screen."""

from __future__ import annotations

import dataclasses

import pygame

from game.scenes.info_card import InfoCard
from game.scenes.play import PlayScene
from tests.play_helpers import post_click, post_key, street_level


def test_parent_button_opens_the_tip_and_enter_closes_it(app):
    level = dataclasses.replace(street_level(), parent_tip="Wires carry power. Find a cable at home.")
    play = PlayScene(app.ctx, level)
    app.ctx.stack.push(play)
    app.run_frames(2)
    post_click(app, play.buttons["parent"].rect.center)
    app.run_frames(2)
    card = app.ctx.stack.top
    assert isinstance(card, InfoCard) and card.body == level.parent_tip
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
