"""Hypothesis mutates good settings and guest progress files (bytes flipped or inserted, cut
short, other encodings and BOMs, values of the wrong type, deep nesting, numbers JSON has no
room for): the game always starts with what it read, never raises, and a file it could not
use is always kept beside as a copy, byte for byte (issue 9).

Short here (a few dozen files each); the same properties run longer with
``TECHNIEKWERF_MUTATIONS=3000``."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.progress.store import JsonProgressStore
from game.settings import LANGUAGES, READING_FONTS, TEXT_SCALES, FileNotes, Settings

#: files per property: a few dozen in the suite; set TECHNIEKWERF_MUTATIONS for a long run
EXAMPLES = int(os.environ.get("TECHNIEKWERF_MUTATIONS") or 40)
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

GOOD_SETTINGS = {"language": "tr", "muted": False, "effects_volume": 0.6, "voice_volume": 0.8,
                 "music_volume": 0.3, "auto_read": True, "text_size": 2,
                 "reading_font": "opendyslexic", "reduce_motion": False,
                 "keys": {"TEST": ["f5", "t"]}, "fullscreen": False,
                 "db_url": "postgresql://ict@server/school"}
GOOD_PROGRESS = {"version": 1, "profile": "guest", "levels": {
    "city-01": {"best_stars": 3, "solved": True, "attempts": 2, "best_parts": 4,
                "hints_used": 0},
    "greenport-02": {"best_stars": 0, "solved": False, "attempts": 5, "best_parts": None,
                     "hints_used": None}}}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
ODD_NUMBERS = st.sampled_from(["1e400", "-1e400", "1" + "0" * 400, "1" * 5000, "NaN",
                               "Infinity", "-Infinity", "-0", "1e-400", "3.0", "99999999999"])


def _paths(value, path=()):
    """Every place in a JSON value: (path, value)."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def _replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


@st.composite
def mutated(draw, good: dict) -> bytes:
    """A good file, changed the way disks, editors and people change files."""
    text = json.dumps(good, indent=2)
    data = text.encode()
    kind = draw(st.sampled_from(["flip", "insert", "cut", "encoding", "value", "number",
                                 "nest", "nest value"]))
    places = list(_paths(good))
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    if kind == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    if kind == "cut":
        return data[:draw(st.integers(0, len(data) - 1))]
    if kind == "encoding":
        encoding = draw(st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                         "utf-32", "latin-1", "cp1252"]))
        return text.encode(encoding, errors="replace")
    path, _old = draw(st.sampled_from(places))
    if kind == "value":
        return json.dumps(_replaced(good, path, draw(JSON_VALUES))).encode()
    if kind == "number":
        marker = "\u0000NUMBER\u0000"
        return json.dumps(_replaced(good, path, marker)).replace(
            json.dumps(marker), draw(ODD_NUMBERS)).encode()
    depth = draw(st.sampled_from([2, 17, 50, 1000, 100_000]))
    if kind == "nest":
        return b"[" * depth + data + b"]" * depth
    marker = "\u0000DEEP\u0000"  # one value nested deep inside the file
    return json.dumps(_replaced(good, path, marker)).replace(
        json.dumps(marker), "[" * depth + "1" + "]" * depth).encode()


class Told(FileNotes):
    def __init__(self) -> None:
        super().__init__()
        self.told: dict[str, str] = {}

    def tell(self, key: str, msgid: str, **params) -> None:
        self.told[key] = msgid.format(**params)


def kept_copy(folder: Path, stem: str, data: bytes, told: str) -> None:
    """The damaged file is beside, whole, under the name the note gives."""
    (copy,) = folder.glob(f"{stem}.broken-*")
    assert copy.read_bytes() == data and copy.name in told


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    """One headless game whose screens draw each mutated file's settings and progress."""
    from game.app import App
    from game.clock import ManualTime

    app = App(size=(1280, 720), fullscreen=False, lang="en",
              data_dir=tmp_path_factory.mktemp("game"), levels=[], time_source=ManualTime())
    yield app
    app.close()


def start_title(game, settings_, store) -> None:
    """What a start does with them: the title screen in their language and text size."""
    from game.i18n import make_translator
    from game.scenes.title import TitleScene

    ctx = game.ctx
    ctx.settings, ctx.store = settings_, store
    ctx.gettext, ctx.ngettext = make_translator(settings_.language, game.root / "locale")
    while len(ctx.stack):
        ctx.stack.pop()
    ctx.stack.push(TitleScene(ctx))
    game.draw()


def usable(s: Settings) -> None:
    assert s.language in LANGUAGES and s.reading_font in READING_FONTS
    assert 0 <= s.text_size < len(TEXT_SCALES) and isinstance(s.text_size, int)
    for volume in (s.effects_volume, s.voice_volume, s.music_volume):
        assert isinstance(volume, float) and math.isfinite(volume) and 0 <= volume <= 1
    assert all(isinstance(b, bool) for b in (s.muted, s.auto_read, s.reduce_motion,
                                               s.fullscreen))
    assert isinstance(s.keys, dict) and (s.db_url is None or "://" in s.db_url)


@PROPERTY
@given(data=mutated(GOOD_SETTINGS))
def test_a_mutated_settings_file_always_starts_the_game(game, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "settings.json").write_bytes(data)
        notes = Told()
        s = Settings.load(folder, notes)
        usable(s)
        if "settings-file" in notes.told:
            kept_copy(folder, "settings", data, notes.told["settings-file"])
        else:  # read whole: nothing set aside, and no copy made
            assert not list(folder.glob("settings.broken-*"))
        start_title(game, s, JsonProgressStore(folder, notes=notes))
        s.muted = True
        s.save()  # what it writes reads back the same, with nothing to set aside
        again = Settings.load(folder, Told())
        assert again.to_dict() == s.to_dict()


@PROPERTY
@given(data=mutated(GOOD_PROGRESS))
def test_a_mutated_guest_progress_file_always_starts_the_game(game, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "progress.json").write_bytes(data)
        notes = Told()
        store = JsonProgressStore(folder, notes=notes)
        assert store.completed() <= set(GOOD_PROGRESS["levels"]) | {
            k for k in store._levels}  # whatever it kept, it can list
        assert all(0 <= store.best_stars(k) <= 3 for k in store._levels)
        if "progress-file" in notes.told:
            kept_copy(folder, "progress", data, notes.told["progress-file"])
        else:
            assert not list(folder.glob("progress.broken-*"))
        start_title(game, Settings(), store)
        store.record_result("city-01", 2, True, 3, 1)  # the guest plays on
        again = JsonProgressStore(folder, notes=Told())
        assert again.best_stars("city-01") >= 2 and again.to_dict() == store.to_dict()
