"""The pupil page's history table at the biggest text size: every date is shown in full."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from game.content.loader import LevelCatalogue
from game.scenes.pupil_page import PupilPage
from game.ui.grid_view import format_when
from game.ui.textfit import TextAudit
from tests.dashboard_data import attempt_for
from tests.scene_gallery import catalogue as real_levels

#: the widest short dates of the year (Arabic August, English May and December), late at night
STARTS = [datetime(2025, month, 25, 23, 58, tzinfo=timezone.utc) for month in (5, 8, 9, 12)]


@pytest.fixture(scope="module")
def catalogue() -> LevelCatalogue:
    return real_levels()


@pytest.mark.parametrize("lang", ["ar", "en", "uk", "pl"])
def test_every_date_of_the_history_fits_in_full_at_the_biggest_size(data_dir, fake_time,
                                                                   catalogue, lang):
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang=lang, data_dir=data_dir,
              levels=catalogue, time_source=fake_time)
    try:
        app.run_frames(2)
        school = app.ctx.school
        app.ctx.teacher = True
        app.settings.text_size = 2
        group = school.add_class("groep 7")
        pupil = school.add_pupil(group.id, "Ilse", "fox")
        rng = random.Random(3)
        level = catalogue.world("city")[0]
        for i, start in enumerate(STARTS):
            kind = "gave_up" if i % 2 else "solved"
            school.save_attempt(replace(attempt_for(level, pupil.id, start, kind, rng),
                                        ended=start + timedelta(minutes=9)))
        page = PupilPage(app.ctx, pupil.id)
        app.ctx.stack.push(page)
        app.run_frames(1)
        app.view.audit = audit = TextAudit()
        app.run_frames(1)
        assert audit.problems() == []
        drawn = {t.text.replace("\n", " ") for t in audit.texts}
        for start in STARTS:  # whole, on one line or the day over the time, never cut short
            assert format_when(start, lang, datetime.now(timezone.utc), short=True) in drawn
    finally:
        app.close()
