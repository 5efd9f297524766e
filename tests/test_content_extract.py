"""The Babel extractor: every text a pupil or parent reads, with a translator comment."""

from __future__ import annotations

import io

import pytest
from babel.messages.extract import extract

from game.content.extract import extract_levels
from game.datafile.problems import LevelError
from tests.test_content_loader import BASE

METHOD = "game.content.extract.extract_levels"

EXPLORE = BASE.replace(
    '  - text: "Where does the power come from?"\n',
    '  - text: "Where does the power come from?"\n  - text: "Look left."\n',
).replace(
    "solution:",
    'question:\n  text: "Which one?"\n  choices: [house, school]\n  answer: house\nsolution:',
)


def named(text: str, name: str = "levels/city/01-test.yaml") -> io.BytesIO:
    stream = io.BytesIO(text.encode("utf-8"))
    stream.name = name
    return stream


def test_extracts_every_text_with_its_line_and_role():
    assert list(extract(METHOD, named(EXPLORE))) == [
        (7, "Test", ["level city-01-test: title"], None),
        (8, "A story.", ["level city-01-test: story"], None),
        (17, "Where does the power come from?", ["level city-01-test: hint 1"], None),
        (18, "Look left.", ["level city-01-test: hint 2"], None),
        (21, "Which one?", ["level city-01-test: question"], None),
        *[(19, text, [f"level city-01-test: Discover together (a card for parents): {role}"], None)
          for text, role in [
              ("Solar panels turn sunlight into power.", "the technology, in two sentences"),
              ("Flevoland has fields of solar panels.", "a fact from the region"),
              ("What happens at night?", "a question to ask"),
              ("Count the solar panels you see from a window.", "something to try at home")]],
    ]


def test_templates_are_skipped():
    assert list(extract_levels(named(BASE, "levels/_template.yaml"), [], [], {})) == []


def test_an_unreadable_file_is_an_error_not_silence():
    with pytest.raises(LevelError, match=r"01-test.yaml:1: YAML anchors"):
        list(extract_levels(named("a: &x 1\n"), [], [], {}))


def test_a_level_with_problems_still_gives_its_texts():
    texts = [m for _, _, m, _ in extract_levels(named('title: "Only this"\nodd: 1\n'), [], [], {})]
    assert texts == ["Only this"]
