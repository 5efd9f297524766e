"""Levels reach the menus from a catalogue, a mapping or a plain list, always in play order."""

from conftest import make_level

from game.app import find_level
from game.scenes.level_select import grid_shape
from game.scenes.world_map import levels_for


def test_levels_for_sorts_by_order_and_filters_the_world():
    levels = [make_level("city", 3), make_level("greenport", 1), make_level("city", 1)]
    assert [lv.id for lv in levels_for(levels, "city")] == ["city-01", "city-03"]
    as_dict = {lv.id: lv for lv in levels}
    assert [lv.id for lv in levels_for(as_dict, "greenport")] == ["greenport-01"]
    assert levels_for(None, "city") == []

    class Catalogue:
        def for_world(self, world):
            return [lv for lv in levels if lv.world == world]

    assert len(levels_for(Catalogue(), "city")) == 2


def test_find_level_in_lists_and_mappings():
    levels = [make_level("city", 2), make_level("city", 5)]
    assert find_level(levels, "city-05") is levels[1]
    assert find_level({lv.id: lv for lv in levels}, "city-02") is levels[0]
    assert find_level(levels, "nope") is None and find_level(None, "x") is None


def test_grid_never_gets_more_than_four_columns_or_three_rows():
    for n in range(0, 40):
        cols, rows = grid_shape(n)
        assert 1 <= cols <= 4 and 1 <= rows <= 3


def test_cards_stay_on_screen_and_apart(app):
    from game.scenes.level_select import LevelSelectScene

    for count in (1, 3, 6, 10, 12, 17):
        app.ctx.levels = [make_level("city", i) for i in range(1, count + 1)]
        scene = LevelSelectScene(app.ctx, "city")
        app.ctx.stack.push(scene)
        app.step_frame()
        rects = [scene.card_rect(i) for i in scene.visible()]
        for i, r in enumerate(rects):
            assert r.top >= 120 and r.bottom <= 710 and r.left >= 20 and r.right <= 1260
            assert r.width >= 48 and r.height >= 48
            assert not any(r.colliderect(o) for o in rects[i + 1:])
        assert scene.pages == (2 if count > 12 else 1)
        app.ctx.stack.pop()


def test_paging_by_keyboard_reaches_every_level(app):
    import pygame

    from game.scenes.level_select import LevelSelectScene

    app.ctx.levels = [make_level("city", i) for i in range(1, 18)]
    scene = LevelSelectScene(app.ctx, "city")
    app.ctx.stack.push(scene)
    for _ in range(20):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0,
                                             unicode="", scancode=0))
        app.step_frame()
    assert scene.focus == 16 and scene.page == 1


def test_a_broken_level_file_costs_only_that_level(tmp_path, capsys):
    import shutil

    from game import PROJECT_ROOT
    from game.app import load_catalogue

    good = sorted((PROJECT_ROOT / "levels" / "city").glob("*.yaml"))
    assert good, "no city levels"
    folder = tmp_path / "levels" / "city"
    folder.mkdir(parents=True)
    shutil.copy(good[0], folder / good[0].name)
    (folder / "99-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    catalogue = load_catalogue(tmp_path / "levels")
    assert [lv.world for lv in catalogue] == ["city"]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "99-broken.yaml" in err
