"""What the pupils and parents read must not teach the opposite of SCIENCE.md.

Every level text (title, story, hints, parent tip, question, explanation, prediction), every
part's name and description and every goal's texts are scanned, in English (the msgids) and in
Dutch (what most pupils read), for the contradictions that were rewritten once: electricity
that is used up or stored (energy is), one wire or power "flowing like water", a fuse that trips
on energy (it trips on current), a wind that blows day and night, a tap that makes water, water
that chooses where it goes, IJburg as a wind-and-battery district, tomatoes under sprinklers.
A new text that says one of these fails here, naming where it is and what SCIENCE.md says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import game
from game.content.extract import extract_levels
from game.i18n import make_translator
from game.sim.catalogue import CATALOGUE
from game.sim.goals import GOALS

LEVELS = game.PROJECT_ROOT / "levels"


def _level_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(LEVELS.rglob("*.yaml")):
        if path.name.startswith("_"):
            continue
        with open(path, "rb") as f:
            for line, _ctx, text, _comments in extract_levels(f, (), (), {}):
                yield f"{path.relative_to(game.PROJECT_ROOT)}:{line}", text


def _code_texts() -> Iterator[tuple[str, str]]:
    for kind, spec in CATALOGUE.items():
        yield f"part {kind}: name", spec.name
        yield f"part {kind}: description", spec.description
    for goal, rule in GOALS.items():
        for field in ("text", "fail", "explain"):
            text = getattr(rule, field)
            if text:
                yield f"goal {goal.value}: {field}", text


def all_texts() -> list[tuple[str, str]]:
    return [*_level_texts(), *_code_texts()]


#: (pattern, what SCIENCE.md says instead); matched within one sentence, ignoring case
ENGLISH = [
    (r"\bus(e|es|ed|ing) up (the |all the )?(current|electricity|power)\b",
     "energy is used, current is not used up"),
    (r"\b(current|electricity|power) (is|gets|was) used up\b",
     "energy is used, current is not used up"),
    (r"\bstor(e|es|ed|ing) (the |spare |extra |its )?(current|electricity|power)\b",
     "a battery stores energy, not electricity or current"),
    (r"\b(current|electricity|power) (is |gets )?stored\b",
     "a battery stores energy, not electricity or current"),
    (r"\b(spare|extra|left-over) (power|current|electricity)\b",
     "what is spare and kept for later is energy"),
    (r"\bthrough wires, like water\b|\belectricity [a-z ]*like water (through|in) a pipe\b",
     "current needs a closed loop; it does not flow out of a source like water"),
    (r"\bone wire is enough\b", "a circuit needs a way out and a way back"),
    (r"\btoo much energy (went|goes|flows|flowed) through\b",
     "a fuse trips on too much current (overbelast), energy is what houses use"),
    (r"\bwind (blows|works) (all )?day and night\b|\bfrom the wind, day and night\b",
     "the wind blows harder and softer and sometimes not at all"),
    (r"\b(sustainable|wind[- ]and[- ]battery)[^.]*\bIJburg\b|\bIJburg\b[^.]*\b(wind|batter)",
     "IJburg is not a wind-and-battery district; Schoonschip is the known example"),
    (r"\btomato[^.]*\bsprinkler|\bsprinkler[^.]*\btomato",
     "tomato greenhouses use drip irrigation"),
    (r"\bthe water (chooses|decides|knows|wants)\b",
     "where water goes first is a control choice (a float valve), not the water's"),
    (r"\b(a|the) tank only fills with\b",
     "which way water goes first is set by valves (a game rule here), not by the water"),
    (r"\btaps? (makes?|creates?|produces?) (the )?water\b",
     "a tap is a valve on a pipe under pressure; it does not make water"),
    (r"\benergy compan(y|ies)[^.]*\b(enough|balance)\b",
     "grid operators keep the grid in balance; suppliers sell energy"),
    (r"\bcannot power them all\b|\bneed their power\b|\bhas no power yet\b",
     "a house uses energy"),
]

#: the same in Dutch: "stroom" only for what flows, "energie" for what is used and stored
DUTCH = [
    (r"\bstroom (is |raakt )?op\b(?! (de|het|een)\b)|\bopgebruikt\b",
     "stroom raakt niet op: energie wordt gebruikt"),
    (r"\b(verbruik|verbruikt|verbruiken)\b[^.]*\bstroom\b",
     "energie wordt verbruikt, stroom niet"),
    (r"\b(bewaart|bewaren|bewaar|opslaan|opgeslagen|slaat (de |extra )?stroom op)\b[^.]*\bstroom\b"
     r"|\bstroom\b[^.]*\b(bewaart|bewaren|opslaan|opgeslagen)\b",
     "een accu bewaart energie, geen stroom"),
    (r"\b(extra|over(gebleven)?) stroom\b", "wat overblijft en bewaard wordt is energie"),
    (r"\b(huis|huizen|gebouw|school)\b[^.]*\b(heeft|hebben) (nog )?geen stroom\b",
     "een huis gebruikt energie"),
    (r"\bgeef (elk|ieder) gebouw stroom\b", "een gebouw gebruikt energie"),
    (r"\bdelen (hun|de) stroom\b", "huizen delen de energie"),
    (r"\bzoals water door een (buis|pijp|leiding)\b",
     "stroom loopt in een gesloten kring, niet als water uit een bron"),
    (r"\bte veel energie\b[^.]*\bzekering|\bzekering\b[^.]*\bte veel energie\b",
     "een zekering slaat door bij te veel stroom (overbelast)"),
    (r"\bwind waait dag en nacht\b|\bvan de wind, dag en nacht\b",
     "de wind waait harder en zachter en soms helemaal niet"),
    (r"\bhet water (kiest|beslist|weet)\b",
     "waar het water eerst heen gaat, regelt een vlotterklep"),
    (r"\been tank loopt alleen vol\b", "welke kant het water eerst op gaat, regelen kleppen"),
    (r"\bduurzame wijk zoals IJburg\b", "IJburg is geen wijk van wind en accu's"),
    (r"\bEnergiebedrijven zorgen\b", "netbeheerders houden het net in balans"),
]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s]


def _contradictions(texts: list[tuple[str, str]], rules) -> list[str]:
    found = []
    for where, text in texts:
        for sentence in _sentences(text):
            for pattern, truth in rules:
                if re.search(pattern, sentence, re.IGNORECASE):
                    found.append(f"{where}: {sentence!r} - SCIENCE.md: {truth}")
    return found


def test_the_scan_reads_every_level_and_part():
    texts = all_texts()
    where = {w.split(":")[0] for w, _t in texts}
    assert any(w.startswith("levels/city/") for w in where)
    assert any(w.startswith("levels/greenport/") for w in where)
    assert "part wire_straight" in where and "goal powered" in where
    assert len(texts) > 150


def test_no_english_text_contradicts_science_md():
    assert _contradictions(all_texts(), ENGLISH) == []


def test_no_dutch_text_contradicts_science_md():
    gettext, _n = make_translator("nl")
    dutch = [(where, gettext(text)) for where, text in all_texts()]
    assert _contradictions(dutch, DUTCH) == []


@pytest.mark.parametrize(("rules", "sentence"), [
    (ENGLISH, "The houses use up the current."),
    (ENGLISH, "A battery stores the spare power by day."),
    (ENGLISH, "Electricity travels through wires, like water through a pipe."),
    (ENGLISH, "Too much energy went through this fuse, so it tripped."),
    (ENGLISH, "Makes power from the wind, day and night."),
    (ENGLISH, "A sustainable neighbourhood like IJburg mixes wind, sun and storage."),
    (ENGLISH, "A new greenhouse grows tomatoes under two sprinklers."),
    (ENGLISH, "The water chooses the easiest way."),
    (ENGLISH, "The tap makes water for the plants."),
    (ENGLISH, "A tank only fills with the water that the plants do not use."),
    (DUTCH, "Een tank loopt alleen vol met het water dat de planten niet gebruiken."),
    (DUTCH, "Een accu bewaart extra stroom voor de avond."),
    (DUTCH, "Aan het eind van de dag is de stroom op."),
    (DUTCH, "Dit nieuwe huis in Almere heeft geen stroom."),
    (DUTCH, "Huizen die elkaar raken, delen hun stroom."),
    (DUTCH, "Het water kiest de kortste weg."),
    (DUTCH, "Er ging te veel energie door deze zekering."),
])
def test_each_rule_catches_the_sentence_it_was_written_for(rules, sentence):
    assert _contradictions([("here", sentence)], rules), sentence


@pytest.mark.parametrize(("rules", "sentence"), [
    (ENGLISH, "A battery stores the spare energy by day and gives it back at night."),
    (ENGLISH, "Too much current went through this fuse, so it tripped."),
    (ENGLISH, "Makes electricity from the wind, by day and by night, but only while the wind "
              "blows."),
    (ENGLISH, "Electricity only flows round a closed loop: from the solar panel to the house "
              "and back again."),
    (DUTCH, "Een accu bewaart de extra energie overdag en geeft die 's nachts terug."),
    (DUTCH, "Er ging te veel stroom door deze zekering, dus sloeg hij door."),
    (DUTCH, "Een zekering slaat door als er te veel stroom door een kabel gaat."),
    (DUTCH, "Uit is de kring open: er loopt geen stroom."),
    (DUTCH, "In de kas stroomt water op de vloer."),
])
def test_the_true_sentences_pass(rules, sentence):
    assert _contradictions([("here", sentence)], rules) == []


def test_the_scan_covers_every_level_file():
    files = {Path(w.split(":")[0]) for w, _t in _level_texts()}
    on_disk = {p.relative_to(game.PROJECT_ROOT) for p in LEVELS.rglob("*.yaml")
               if not p.name.startswith("_")}
    assert files == on_disk
