"""The scene gallery builds every state it promises, each with the screen it names drawn."""

from __future__ import annotations

from tests.scene_gallery import STATE_NAMES, TEACHER_STATES, gallery_app, show

EXPECTED_TOP = {
    "title": "TitleScene", "world_map": "WorldMapScene", "level_select_city": "LevelSelectScene",
    "lesson_select": "LessonScene", "play": "PlayScene", "play_failed": "PlayScene",
    "result": "ResultScene", "question": "QuestionScene", "info_card": "InfoCard",
    "pause": "PauseScene", "settings": "SettingsScene", "class_pick": "ClassPickScene",
    "avatar_pick": "AvatarScene", "store_problem": "StoreProblemScene", "pin": "PinScene",
    "pin_unset": "PinScene", "pin_who": "PinScene",
    "teacher_home": "TeacherHomeScene", "new_pin": "NewPinScene", "classes": "ClassesScene",
    "pupil_edit": "PupilScene", "text_prompt": "TextPromptScene", "confirm": "ConfirmScene",
    "lessons": "LessonsScene", "lesson_edit": "LessonEditScene", "dashboard": "DashboardScene",
    "pupil_page": "PupilPage", "attempt_view": "AttemptView", "teacher_data": "DataScene",
    "store_problem_db": "StoreProblemScene", "class_pick_none": "ClassPickScene",
    "avatar_pick_empty": "AvatarScene", "lesson_done": "LessonScene",
    "level_select_empty": "LevelSelectScene", "teacher_home_new_class": "TeacherHomeScene",
    "classes_none": "ClassesScene", "classes_no_pupils": "ClassesScene",
    "rename_class": "TextPromptScene", "pupil_new": "PupilScene", "confirm_pupil": "ConfirmScene",
    "lessons_none": "LessonsScene", "lessons_first": "LessonsScene",
    "lesson_new": "LessonEditScene", "lesson_copy": "TextPromptScene",
    "confirm_lesson": "ConfirmScene", "lesson_leave": "ConfirmScene",
    "dashboard_no_pupils": "DashboardScene", "dashboard_gone": "DashboardScene",
    "pupil_page_new": "PupilPage", "pupil_page_gone": "PupilPage",
    "attempt_replay": "AttemptView", "attempt_worked": "AttemptView",
    "attempt_wrong": "AttemptView", "attempt_changed": "AttemptView",
    "attempt_gone": "AttemptView", "teacher_data_saved": "DataScene",
    "teacher_data_merged": "DataScene", "confirm_purge": "ConfirmScene",
    "store_problem_damaged": "StoreProblemScene", "store_problem_read_only": "StoreProblemScene",
    "store_problem_full": "StoreProblemScene", "store_problem_no_answer": "StoreProblemScene",
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


def test_the_rarer_states_show_what_they_promise(data_dir, fake_time):
    """The states made for rare texts really are in that state (a list really empty, a replay
    really judged), and the seeded school is the game's school again after each."""
    from game.progress.records import Outcome

    app = gallery_app(data_dir, fake_time)
    try:
        main = app.ctx.school
        assert show(app, "classes_none").classes == []
        scene = show(app, "classes_no_pupils")
        assert len(scene.classes) == 1 and scene.pupils == []
        assert show(app, "class_pick_none").classes == []
        assert show(app, "avatar_pick_empty").pupils == []
        assert show(app, "lessons_none").lessons == []
        scene = show(app, "lessons_first")
        assert scene.classes == [] and len(scene.lesson.level_ids) > 10 and scene.lesson.free_play
        assert show(app, "lesson_done").lesson_done()
        assert not show(app, "dashboard_no_pupils").data.pupils
        assert show(app, "pupil_page_new").attempts == []
        assert show(app, "pupil_page_gone").pupil is None
        assert show(app, "attempt_gone").attempt is None
        scene = show(app, "attempt_replay")
        assert scene.run is not None and not scene.run.finished and scene.evaluation is None
        scene = show(app, "attempt_worked")
        assert scene.evaluation.solved and scene.level.predict is not None  # an explore level
        scene = show(app, "attempt_wrong")
        ticks = {r.tick for r in scene.evaluation.failures}
        assert 0 in ticks and any(t for t in ticks if t)  # at once, and later on
        scene = show(app, "attempt_changed")
        assert scene.attempt.outcome == Outcome.SOLVED and not scene.evaluation.solved
        assert show(app, "teacher_data_saved").toast.visible
        scene = show(app, "teacher_data_merged")
        assert len(scene.merge_results) == 2 and all(m.added for m in scene.merge_results)
        show(app, "title")
        assert app.ctx.school is main
        assert [c.name for c in main.classes()] == ["groep 5b", "groep 6b"]
    finally:
        app.close()
