"""Goals as one table: which fact, which parts, when, threshold, texts, badge and the order
failures are told in - one row per goal type, read by the judge and by the screens."""

from __future__ import annotations

from game.sim.goals import CAUSE_FIRST, GOAL_TEXT, GOALS, When, goal_rule
from game.sim.media import media
from game.sim.model import GoalType


def test_every_goal_type_has_one_row_with_texts_and_a_badge():
    from game.ui.theme import STATUS

    assert set(GOALS) == set(GoalType)
    for goal_type, rule in GOALS.items():
        assert rule.type is goal_type and goal_rule(goal_type) is rule
        assert rule.text and rule.fail and rule.text != rule.fail
        assert rule.badge in STATUS, rule.badge


def test_every_row_reads_a_fact_that_a_medium_makes():
    facts = {fact for medium in media() for fact in medium.FACTS}
    for rule in GOALS.values():
        if rule.when is When.ANSWER:
            assert rule.fact is None
        else:
            assert rule.fact in facts, rule
        if rule.when is When.AT_END:
            assert rule.parts is not None and rule.threshold is not None


def test_the_old_tables_are_read_from_the_goal_table():
    assert {t: (r.text, r.fail) for t, r in GOALS.items()} == GOAL_TEXT
    assert CAUSE_FIRST == {GoalType.NO_LEAKS: 0, GoalType.NO_SHORTAGE: 0,
                          GoalType.NO_TRIPPED_FUSE: 0, GoalType.PUMPS_RUN: 0,
                          GoalType.NO_JAM: 0, GoalType.NO_WRONG: 0, GoalType.NO_DROP: 0,
                          GoalType.NO_FLAT: 0, GoalType.VENT_FREE: 0,
                          GoalType.STRONG_ENOUGH: 0, GoalType.NO_GEAR_JAM: 0,
                          GoalType.NO_SHORT_CIRCUIT: 0, GoalType.NO_PACKET_LOST: 0,
                          GoalType.SERVERS_ON: 0}


def test_the_play_screen_badges_come_from_the_goal_table():
    from game.scenes.play_run import FAILURE_BADGE, failure_badge

    assert {t: r.badge for t, r in GOALS.items()} == FAILURE_BADGE
    assert failure_badge(GoalType.NO_LEAKS) == "leak"
    assert failure_badge(GoalType.POWERED) == "unpowered"
