"""The map of the region names the real towns its places stand for, beside their pins.

A child reads the map as a map: "Energy City" is joined to a pin, and the pin says "Utrecht".
Each town's name must be drawn in every language, near its own pin, on none of the badges,
place labels or buttons, and the title must leave the northernmost pin (Den Helder) in sight.
"""

from __future__ import annotations

import math

import pygame
import pytest

from game.ui.textfit import TextAudit
from tests.scene_gallery import gallery_app, show

LANGS = ("nl", "en", "tr", "pl", "uk", "ar")


def _distance(rect: pygame.Rect, point: tuple[float, float]) -> float:
    x = min(max(point[0], rect.left), rect.right)
    y = min(max(point[1], rect.top), rect.bottom)
    return math.hypot(point[0] - x, point[1] - y)


@pytest.mark.parametrize("size", (0, 2))
@pytest.mark.parametrize("lang", LANGS)
def test_every_town_is_named_beside_its_pin(data_dir, fake_time, lang, size):
    from game.scenes.world_map import places, radius

    app = gallery_app(data_dir, fake_time, lang=lang, text_size=size)
    try:
        scene = show(app, "world_map")
        app.view.audit = audit = TextAudit()
        app.run_frames(1)
        drawn = {t.text: t.rect for t in audit.texts}
        labels = list(scene._labels.values())
        title = next(t.rect for t in audit.texts if t.text == app.ctx.gettext(
            "Where shall we build today?"))
        badges = [pygame.Rect(p.pos[0] - radius(p), p.pos[1] - radius(p), 2 * radius(p),
                              2 * radius(p)) for p in places()]
        found = []
        for place in places():
            town = app.ctx.gettext(place.town)
            rect = drawn.get(town)
            if rect is None:
                found.append(f"{town} is not drawn")
                continue
            if _distance(rect, place.spot) > 110:
                found.append(f"{town} is {_distance(rect, place.spot):.0f} px from its pin")
            hit = [r for r in labels + badges if r.colliderect(rect.inflate(-4, -4))]
            if hit:
                found.append(f"{town} {tuple(rect)} lies on {[tuple(r) for r in hit]}")
            if title.colliderect(rect):
                found.append(f"{town} lies under the title")
        north = min(places(), key=lambda p: p.spot[1])
        if title.inflate(16, 16).collidepoint(north.spot):
            found.append(f"the title covers the pin of {north.town}")
        assert not found, f"{lang} size {size}: " + "; ".join(found)
    finally:
        app.close()
