"""The gallery's states for texts only a few screens show: an explore level's explanation on
its result card, the PIN screen of a school with more teachers than one page holds, and a
finished lesson's last page (its free-play card)."""

from __future__ import annotations

from tests.scene_gallery import gallery_app, show


def test_explore_results_and_the_second_page_of_teachers_are_reached(data_dir, fake_time):
    app = gallery_app(data_dir, fake_time)
    try:
        scene = show(app, "result_explore")
        predict = scene.level.predict
        assert type(scene).__name__ == "ResultScene" and scene.level.id.startswith("city-06")
        assert scene.prediction != predict.answer  # the prediction was another part
        assert scene.lines()[0] == predict.explain
        assert scene.compared() == ["You thought: Solar panel. It was: Wind turbine."]
        scene = show(app, "result_explore_water")
        assert scene.level.id.startswith("greenport-08")
        assert scene.lines()[0] == scene.level.predict.explain
        scene = show(app, "result_explore_question")  # a level file's question: still shown
        question = scene.level.question
        assert scene.first_answer != question.answer  # the first guess was another part
        assert scene.lines()[:2] == [
            question.explain, "Your first guess was different. Trying it out showed the answer!"]
        scene = show(app, "predict_place")  # the picker of a place on the board
        assert type(scene).__name__ == "QuestionScene" and scene.predicting
        scene = show(app, "probe_leak")
        assert scene.probing and scene.probe_reading(scene.probe_cell).lost > 0
        scene = show(app, "pin_who")
        more = scene.row.button("more")  # the names go on on a second page
        assert len(scene.names) > 5 and more is not None and more.tooltip == "More names"
        scene = show(app, "lesson_done_last_page")  # the free-play card's page
        assert scene.page == scene.pages - 1 and len(scene.levels) - 1 in scene.visible()
    finally:
        app.close()
