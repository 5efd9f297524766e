"""The scene gallery builds every state it promises, each with the screen it names drawn."""

from __future__ import annotations

import pytest

from tests.scene_gallery import STATE_NAMES, TEACHER_STATES, gallery_app, show

pytest.importorskip("game.progress.sql")

EXPECTED_TOP = {
    "title": "TitleScene", "world_map": "WorldMapScene", "level_select_city": "LevelSelectScene",
    "lesson_select": "LessonScene", "play": "PlayScene", "play_failed": "PlayScene",
    "result": "ResultScene", "question": "QuestionScene", "info_card": "InfoCard",
    "pause": "PauseScene", "settings": "SettingsScene", "class_pick": "ClassPickScene",
    "avatar_pick": "AvatarScene", "store_problem": "StoreProblemScene", "pin": "PinScene",
    "teacher_home": "TeacherHomeScene", "new_pin": "NewPinScene", "classes": "ClassesScene",
    "pupil_edit": "PupilScene", "text_prompt": "TextPromptScene", "confirm": "ConfirmScene",
    "lessons": "LessonsScene", "lesson_edit": "LessonEditScene", "dashboard": "DashboardScene",
    "pupil_page": "PupilPage", "attempt_view": "AttemptView", "teacher_data": "DataScene",
}


def test_every_state_shows_its_screen_and_teacher_states_stay_open(data_dir, fake_time):
    app = gallery_app(data_dir, fake_time)
    try:
        seen = {}
        for name in STATE_NAMES:
            scene = show(app, name)
            seen[name] = type(scene).__name__
            assert app.ctx.teacher == (name in TEACHER_STATES), name  # not locked out
        assert {k: seen[k] for k in EXPECTED_TOP} == EXPECTED_TOP
        assert show(app, "play_failed").run is not None
    finally:
        app.close()
