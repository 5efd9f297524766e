"""Golden files of the simulation: every level's runs, tick by tick, as they are today.

    python -m tests.golden_record            # compare the simulation with tests/golden/
    python -m tests.golden_record --write    # (re)write tests/golden/ from the simulation now

A step of work that does not mean to change behaviour must leave every golden file as it is
(tests/test_golden.py compares them exactly). Write them again only when behaviour is meant
to change, and say so in the commit message.

Per level the file holds these runs: the start board, the reference solution's board, and
deterministic variants of the solution board that reach more code paths (each piece taken
away in turn, each switch or valve flipped, each turnable piece turned a quarter, each broken
piece mended). A run records every field of every tick's state and the run's evaluation.
Ticks are stored as changes to the tick before (a field that did not change is left out),
which keeps the files small; the comparison is on that same encoding, which is exact.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
LEVELS = ROOT / "levels"

#: the fields of a tick's state that golden files record (every field of TickState today)
STATE_FIELDS = ("tick", "daylight", "powered", "dark", "live", "short", "tripped", "producing",
                "charge", "wet", "arrival", "leaks", "sprinkling", "thirsty", "tank_level",
                "bed_water", "no_power", "pressure", "leaked", "float_closed", "dripping",
                "wasting", "returning", "water_used", "burning", "items", "jammed",
                "dropped", "wrong", "received", "delivered", "undelivered", "diverted", "scanning",
                "first_arrival", "took", "flat", "charging", "truck_charge", "truck_battery",
                "unscanned", "trucks_out", "to_load", "temperature", "too_warm", "too_cold", "ice",
                "melting", "melted", "heating", "cooling", "vent_blocked", "switched_off",
                "readings", "energy_used", "strength", "too_weak", "turn_speed", "turning",
                "locked", "gear_jam", "stalled", "shaft_speed", "wrong_speed",
                "amps", "brightness", "glowing", "unlit", "not_bright", "flowing",
                "wire_flow", "magnet_on", "held", "not_held", "shorted", "unswitched",
                "signal", "signal_ports", "inputs_on", "gates_on", "lamps_on", "doors_open",
                "ringing", "outputs_on", "outputs_off", "looping", "table_row", "table_wrong",
                "table_seen", "failed", "starting", "no_air", "valve_closed",
                "packets", "packets_sent", "packets_delivered", "packets_wrong",
                "packets_moving", "packets_waiting", "packets_lost", "packet_queues",
                "packets_received", "packets_refused", "packets_through", "cables_broken",
                "packets_lost_at", "packets_wrong_at", "packets_out")
#: fields that came later (the water medium's pumps on a cable, pressure, float valves, drip
#: lines and drains): recorded from the first tick they say something, so a run that never
#: has them keeps the file it had before they came
SPARSE_FIELDS = frozenset({"no_power", "pressure", "leaked", "float_closed", "dripping",
                           "wasting", "returning", "water_used", "burning", "items",
                           "jammed", "dropped", "wrong", "received", "delivered",
                           "undelivered", "diverted", "scanning", "first_arrival", "took",
                           "flat", "charging", "truck_charge", "truck_battery", "unscanned",
                           "trucks_out", "to_load", "temperature", "too_warm", "too_cold", "ice",
                           "melting", "melted", "heating", "cooling", "vent_blocked",
                           "switched_off", "readings", "energy_used", "strength", "too_weak",
                           "turn_speed", "turning", "locked", "gear_jam", "stalled",
                           "shaft_speed", "wrong_speed",
                           "amps", "brightness", "glowing", "unlit", "not_bright", "flowing",
                           "wire_flow", "magnet_on", "held", "not_held", "shorted", "unswitched",
                           "signal", "signal_ports", "inputs_on", "gates_on", "lamps_on", "doors_open",
                           "ringing", "outputs_on", "outputs_off", "looping", "table_row",
                           "table_wrong", "table_seen", "failed", "starting", "no_air",
                           "valve_closed", "packets", "packets_sent", "packets_delivered", "packets_wrong",
                           "packets_moving", "packets_waiting", "packets_lost", "packet_queues",
                           "packets_received", "packets_refused", "packets_through", "cables_broken",
                           "packets_lost_at", "packets_wrong_at", "packets_out"})


def _cell(c) -> str:
    return f"{c[0]},{c[1]}"


def _value(value: Any) -> Any:
    """A field's value as plain, sorted JSON data."""
    kind = type(value)
    if kind in _PLAIN:  # the common cases first, without isinstance's ABC checks (Fraction's)
        return value
    if kind is frozenset:
        return _set_value(value) if value else []
    if kind is dict:
        return _dict_value(value) if value else {}
    return _value_of_any_kind(value)


#: types that :func:`_value` gives back as they are
_PLAIN = frozenset({bool, int, float, str, type(None)})


def _dict_value(value: dict) -> dict[str, Any]:
    # by cell, or by item number (an isotope's strength)
    return {_cell(k) if isinstance(k, tuple) else str(k): _value(v)
            for k, v in sorted(value.items())}


def _set_value(value: frozenset | set) -> list[str]:
    items = []
    for item in value:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], tuple):
            cell, side = item  # a leak: (cell, side or None)
            items.append(f"{_cell(cell)}:{'-' if side is None else side.name}")
        else:
            items.append(_cell(item))
    return sorted(items)


def _value_of_any_kind(value: Any) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Fraction):  # a turning speed (game.sim.media.motion): exact
        return str(value)
    if isinstance(value, dict):
        return _dict_value(value)
    if isinstance(value, tuple) and all(isinstance(i, tuple) and len(i) == 5 for i in value):
        # the items on the board: (number, label, cargo, cell, the cell it came from)
        return [f"{n}:{label}:{cargo}:{_cell(cell)}<{_cell(came)}"
                for n, label, cargo, cell, came in value]
    if isinstance(value, frozenset | set):
        return _set_value(value)
    raise TypeError(f"cannot record {value!r}")


#: each recorded field's place in STATE_FIELDS (a tick's fields are encoded in that order)
_ORDER = {name: i for i, name in enumerate(STATE_FIELDS)}
#: the fields recorded in every tick, read as TickState's attributes (the others from the
#: medium facts, as :meth:`TickState.fact` finds them)
_ALWAYS = frozenset(STATE_FIELDS) - SPARSE_FIELDS
#: types whose empty (false) value :func:`_value` records as an empty (false) value too
_EMPTY_STAYS_EMPTY = frozenset({frozenset, dict, tuple, *_PLAIN})


def encode_states(states) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    before: dict[str, Any] = {}
    #: the fact each field of ``before`` was made from: a medium that hands on the same
    #: object (a run's ``arrival``) is not encoded again. The states are encoded after the
    #: run, so an object seen again holds what it held then.
    before_raw: dict[str, Any] = {}
    missing = object()
    order = _ORDER.__getitem__
    for state in states:
        # every fact by name, from the first medium that has it: what TickState.fact finds
        facts: dict[str, Any] = {}
        for medium_facts in reversed(list(state.facts.values())):
            facts.update(medium_facts)
        facts["producing"] = state.producing
        # a sparse field is recorded from the first tick it says something: the fields to
        # look at are those, the ones recorded the tick before and the ones always recorded
        # (a field that is empty now, and was not recorded, stays out: its value would be
        # empty too)
        names = {n for n, v in facts.items()
                 if (v or type(v) not in _EMPTY_STAYS_EMPTY) and n in _ORDER}
        names.update(before, _ALWAYS)
        full: dict[str, Any] = {}
        raws: dict[str, Any] = {}
        change: dict[str, Any] = {}
        for name in sorted(names, key=order):
            raw = getattr(state, name) if name in _ALWAYS else facts.get(name)
            if before_raw.get(name, missing) is raw:  # the same object: the same value
                value = before[name]
            else:
                value = _value(raw)
                if not value and name not in before and name not in _ALWAYS:
                    continue
                if before.get(name, missing) != value:
                    change[name] = value
            full[name] = value
            raws[name] = raw
        out.append(change)
        before, before_raw = full, raws
    return out


def expand(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every field of every tick again, from the changes-only encoding."""
    out: list[dict[str, Any]] = []
    full: dict[str, Any] = {}
    for change in states:
        full = {**full, **change}
        out.append(full)
    return out


def medium_fields(medium: str) -> tuple[str, ...]:
    """The recorded fields that one medium makes (``producing`` is every medium's)."""
    from game.sim.media import media

    for m in media():
        if m.name == medium:
            return tuple(f for f in getattr(m, "FACTS", ()) if f in STATE_FIELDS)
    raise KeyError(medium)


def encode_evaluation(ev) -> dict[str, Any]:
    return {
        "solved": ev.solved, "stars": ev.stars, "reasons": list(ev.reasons),
        "parts_used": ev.parts_used,
        "goals": [{"type": r.goal.type.value, "kind": r.goal.kind,
                   "at": None if r.goal.at is None else _cell(r.goal.at), "ok": r.ok,
                   "cells": [_cell(c) for c in r.cells], "message": r.message, "tick": r.tick}
                  for r in ev.results],
        "failures": [ev.results.index(r) for r in ev.failures],
    }


def solution_board(level):
    """The board after the level's reference solution, and the answer it gives."""
    from game.sim.board import Board
    from game.sim.editor import Editor
    from game.sim.model import StepAction

    editor = Editor(Board(level))
    answer = None
    for step in level.solution.steps:
        if step.action == StepAction.ANSWER:
            answer = step.kind
        else:
            assert editor.apply(step), f"{level.id}: {step}"
    return editor.board, answer


def variants(level) -> Iterator[tuple[str, Any, str | None]]:
    """(name, board, answer) of every run recorded for ``level``, in a fixed order."""
    from game.sim.board import Board

    start = Board(level)
    yield "start", start, None
    yield from _changed("start: ", start, None, remove=False)
    solved, answer = solution_board(level)
    yield "solution", solved, answer
    yield from _changed("", solved, answer, remove=True)


def _changed(prefix: str, base, answer: str | None, remove: bool):
    pieces = sorted(base.pieces.items())
    if remove:
        for cell, piece in pieces:
            board = base.copy()
            del board.pieces[cell]
            yield f"{prefix}without {piece.kind} at {_cell(cell)}", board, answer
    for cell, piece in pieces:
        if piece.spec.toggle:
            board = base.copy()
            board.pieces[cell].on = not piece.on
            yield f"{prefix}flip {piece.kind} at {_cell(cell)}", board, answer
    for cell, piece in pieces:
        if piece.spec.rotates and remove:
            board = base.copy()
            board.pieces[cell].rotation = (piece.rotation + 1) % 4
            yield f"{prefix}turn {piece.kind} at {_cell(cell)}", board, answer
    for cell, piece in pieces:
        if piece.broken:
            board = base.copy()
            board.pieces[cell].broken = False
            yield f"{prefix}mend {piece.kind} at {_cell(cell)}", board, answer


@contextlib.contextmanager
def no_cycle_collector() -> Iterator[None]:
    """Python's cycle collector paused while a level's runs are simulated and recorded.

    A run's ticks live as long as the run is recorded, so they outlive the collector's young
    generations, and so many of them pile up that it collects the oldest generation, the whole
    heap (the golden files parsed, the recordings kept), again and again: a fifth of the time
    of the golden tests. Nothing here needs the collector (what a run leaves goes when it is
    no longer used, and anything in a cycle is collected after), and nothing it does changes
    a result; it is started again at once afterwards (unless it was off already)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def record_level(level) -> dict[str, Any]:
    with no_cycle_collector():
        return _record_level(level)


def _record_level(level) -> dict[str, Any]:
    from game.sim.goals import evaluate
    from game.sim.simulation import Simulation

    runs = []
    for name, board, answer in variants(level):
        states = Simulation(board).run()
        run = {"name": name, "states": encode_states(states),
               "evaluation": encode_evaluation(evaluate(board, states, 0, answer))}
        if name == "solution":  # the star rules with hints used
            run["with_hints"] = [encode_evaluation(evaluate(board, states, hints, answer))
                                 for hints in (1, 2, 5)]
            counted = board.copy()  # every piece counted as placed: more parts than the rules
            for piece in counted.pieces.values():
                piece.placed = True
            run["with_hints"].append(encode_evaluation(evaluate(counted, states, 0, answer)))
        runs.append(run)
    return {"level": level.id, "runs": runs}


#: recordings of the media as they are in the code, by level (see :func:`recorded`)
_KEPT: dict[tuple, dict[str, Any]] = {}


def _media_now() -> tuple:
    """What every medium class holds now (a test that mutates a rule puts another function
    in its place, and that changes this)."""
    from game.sim.media import _registry

    return tuple((name, tuple((k, id(v)) for k, v in vars(cls).items()))
                 for name, cls in _registry().items())


def recorded(level) -> dict[str, Any]:
    """:func:`record_level`, kept per test process for the tests that compare the unchanged
    simulation with the golden files (each medium's check, each level's): a level is run once,
    not once per comparison. A test that mutates a medium calls :func:`record_level`."""
    key = (level.id, id(level), _media_now())
    found = _KEPT.get(key)
    if found is None:
        found = _KEPT[key] = record_level(level)
    return found


def golden_path(level) -> Path:
    return GOLDEN / f"{level.id}.json"


#: the golden files parsed so far, by path, with the text they were parsed from
_PARSED: dict[Path, tuple[str, dict[str, Any]]] = {}


def golden(level) -> dict[str, Any]:
    """The golden file of ``level``, parsed: once per test process while its text stays the
    same (the golden tests and the mutants compare every level again and again). Shared by
    every caller: read it, never change it."""
    path = golden_path(level)
    text = path.read_text(encoding="utf-8")
    kept = _PARSED.get(path)
    if kept is None or kept[0] != text:
        kept = _PARSED[path] = (text, json.loads(text))
    return kept[1]


def dump(data: dict[str, Any]) -> str:
    """JSON with one line per tick, so a changed golden file reads as a short diff."""
    def line(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"))

    out = ["{", f'"level": {line(data["level"])},', '"runs": [']
    for i, run in enumerate(data["runs"]):
        out.append(f'{{"name": {line(run["name"])},')
        out.append(f'"evaluation": {line(run["evaluation"])},')
        if "with_hints" in run:
            out.append(f'"with_hints": {line(run["with_hints"])},')
        out.append('"states": [')
        out.append(",\n".join(line(s) for s in run["states"]))
        out.append("]}" + ("," if i < len(data["runs"]) - 1 else ""))
    out.append("]}")
    return "\n".join(out) + "\n"


def levels():
    from game.content.loader import load_levels

    return sorted(load_levels(LEVELS), key=lambda lv: lv.id)


def first_difference(expected: dict[str, Any], got: dict[str, Any]) -> str | None:
    """Where two recordings of a level differ first, in words (None: they are the same)."""
    if expected == got:
        return None
    e_runs, g_runs = expected["runs"], got["runs"]
    if [r["name"] for r in e_runs] != [r["name"] for r in g_runs]:
        return "the runs differ: " + repr([r["name"] for r in g_runs])
    for e, g in zip(e_runs, g_runs, strict=True):
        if e.get("with_hints") != g.get("with_hints"):
            return f"run {e['name']!r}: evaluation with hints {g.get('with_hints')}"
        if e["evaluation"] != g["evaluation"]:
            return f"run {e['name']!r}: evaluation {g['evaluation']} != {e['evaluation']}"
        if len(e["states"]) != len(g["states"]):
            return f"run {e['name']!r}: {len(g['states'])} ticks, expected {len(e['states'])}"
        for t, (es, gs) in enumerate(zip(e["states"], g["states"], strict=True)):
            if es != gs:
                keys = sorted(set(es) | set(gs))
                diff = [k for k in keys if es.get(k) != gs.get(k)]
                return f"run {e['name']!r} tick {t}: fields {diff} differ"
    return "they differ"


def main(argv: list[str]) -> int:
    write = "--write" in argv
    bad = 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for level in levels():
        data = record_level(level)
        path = golden_path(level)
        if write:
            path.write_text(dump(data), encoding="utf-8")
            continue
        if not path.exists():
            print(f"{level.id}: no golden file (write them with --write)")
            bad += 1
            continue
        diff = first_difference(json.loads(path.read_text(encoding="utf-8")), data)
        if diff:
            print(f"{level.id}: {diff}")
            bad += 1
    if write:
        print(f"wrote {len(list(GOLDEN.glob('*.json')))} golden files to {GOLDEN}")
    elif not bad:
        print("the simulation matches every golden file")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
