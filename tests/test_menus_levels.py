"""Levels reach the menus from one catalogue, always in play order."""

from conftest import make_level

from game.content.loader import LevelCatalogue
from game.scenes.level_select import grid_shape


def test_a_list_or_mapping_given_to_the_context_becomes_the_one_catalogue(app):
    levels = [make_level("city", 3), make_level("greenport", 1), make_level("city", 1)]
    app.ctx.levels = levels
    assert isinstance(app.ctx.levels, LevelCatalogue)
    assert [lv.id for lv in app.ctx.levels.world("city")] == ["city-01", "city-03"]
    app.ctx.levels = {lv.id: lv for lv in levels}
    assert [lv.id for lv in app.ctx.levels.world("greenport")] == ["greenport-01"]
    assert app.ctx.levels.find("city-03") is levels[0]
    assert app.ctx.levels.find("nope") is None
    app.ctx.levels = None
    assert app.ctx.levels is None


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
