"""The teacher's screens with every kerndoel the levels train (six today, ten possible): at the
biggest text size, in a Latin and a right-to-left language, each row is drawn inside the side
column, no text leaves its box, the dashboard keeps room for a pupil who needs help, and the
pupil page shows every kerndoel's numbers."""

from __future__ import annotations

import pytest
from scene_gallery import gallery_app, show

from game.kerndoelen import KERNDOELEN, number
from game.ui.textfit import TextAudit


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_dashboard_lists_every_trained_kerndoel_and_keeps_a_helper_in_view(data_dir, fake_time,
                                                                           lang):
    from game.scenes.dashboard import SIDE

    app = gallery_app(data_dir, fake_time, lang=lang, text_size=2)
    scene = show(app, "dashboard")
    scene.level_set = "all"
    scene.reload()
    app.run_frames(1)
    app.view.audit = audit = TextAudit()
    app.run_frames(1)
    assert audit.problems() == []
    rows = scene.kerndoel_rows()
    trained = {k for lv in scene.levels for k in lv.kerndoelen}
    assert rows == len(trained) > 4  # 39 and 46 joined 42-45
    for i in range(rows):
        assert SIDE.contains(scene.kerndoel_rect(i)), i
        assert scene.kerndoel_text(i)  # every row has its tooltip
    assert scene.stuck and scene._side["stuck_room"] >= 1
    drawn = " ".join(t.text for t in audit.texts)
    for code in trained:  # by its number (two to a row the names are cut short), or its name
        shown = f"{number(code)} " if number(code) else app.ctx.gettext(KERNDOELEN[code])[:4]
        assert shown in drawn, code


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_pupil_page_shows_every_trained_kerndoel_inside_its_column(data_dir, fake_time, lang):
    from game.scenes.pupil_page import SIDE

    app = gallery_app(data_dir, fake_time, lang=lang, text_size=2)
    show(app, "pupil_page")
    app.view.audit = audit = TextAudit()
    app.run_frames(1)
    assert audit.problems() == []
    side = [t for t in audit.texts if SIDE.contains(t.box) or SIDE.colliderect(t.box)]
    labels = [t.text for t in side if t.text[:2].isdigit()]
    trained = sorted({k for lv in app.ctx.levels for k in lv.kerndoelen if number(k)})
    for code in trained:
        assert any(label.startswith(f"{code} ") for label in labels), code
    assert all(SIDE.contains(t.box) for t in side)
