"""No string overflows its widget, in any language, at any text size.

Every screen of the scene gallery is drawn with the Painter's text audit on, in every language
that has a compiled catalogue (new ones join by themselves) and in a pseudo-language whose
every text is about 40 % longer, with accented and Cyrillic letters and long words. A text
fails when it leaves its box (a button, a card, a cell: the innermost rect drawn around it),
leaves the screen, or runs into another text. Every msgid shown on a screen must be covered:
drawn during the walk, or drawn below into the box it is shown in (level texts in Noor's
bubble, the question and the info card; rare messages in :data:`RARE_BOXES`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from babel.messages.pofile import read_po

from game import PROJECT_ROOT
from game.clock import ManualTime
from game.i18n import make_translator
from game.ui.textfit import TextAudit
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow, draw_tooltip
from tests.scene_gallery import STATE_NAMES, _reset, catalogue, gallery_app, show
from tests.test_contrast_screens import ContrastProbe, faint

LOCALE = PROJECT_ROOT / "locale"
#: every language with a compiled catalogue, English (the msgids) and the pseudo-language
LANGS = sorted({p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/techniekwerf.mo")}
               | {"en"}) + ["pseudo"]
SIZES = (0, 1, 2)
#: the surveys that also measure the contrast of every text (tests/test_contrast_screens.py):
#: the smallest and the biggest text size, in Dutch and in Arabic (another font, mirrored)
CONTRAST = {("nl", 0), ("nl", 2), ("ar", 0), ("ar", 2)}
#: texts that never reach a screen: the CSV export, the printed (PDF) report and login cards
NOT_ON_SCREEN = ("game/progress/export.py", "game/progress/report.py",
                 "game/progress/cards.py")

# --- the pseudo-language ---------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTERS = str.maketrans("aceilnosuzgdkAEIOUCSZ", "ąçęïłñöşüżждкÄÉÏÖÜÇŞŻ")


def _longer(word: str) -> str:
    """A word about half as long again, in letters that need their accents drawn."""
    extra = max(1, round(len(word) * 0.55))  # short words stay: about 40 % over a sentence
    return (word + word[:extra].lower()).translate(_LETTERS)


def pseudo(msgid: str) -> str:
    """``msgid`` lengthened: every word of three letters or more gets 40 % more letters (no new
    spaces, so it wraps no more easily than a real long language); placeholders are kept, and
    so is the game's name (its translator comment says to keep it)."""
    if msgid == "Techniekwerf":
        return msgid
    return "".join(part if _PLACEHOLDER.fullmatch(part) else _WORD.sub(
        lambda m: _longer(m.group()), part) for part in _PLACEHOLDER.split(msgid))


def translator(lang: str):
    if lang == "pseudo":
        return pseudo, lambda s, p, n: pseudo(s if n == 1 else p)
    return make_translator(lang, LOCALE)


def open_app(data_dir, fake_time, lang: str, size: int, monkeypatch=None):
    """The gallery's game in ``lang`` at text size ``size``, with the text audit on.

    The pseudo-language has no catalogue: the game runs in English (numbers and dates) with
    every catalogue replaced by the pseudo one (the game switches catalogues through
    game.i18n.make_translator, e.g. when a pupil logs in)."""
    import game.i18n

    if lang == "pseudo":
        patch = monkeypatch.setattr if monkeypatch is not None else setattr
        patch(game.i18n, "make_translator", lambda *_a, **_k: translator("pseudo"))
    app = gallery_app(data_dir, fake_time, lang="en" if lang == "pseudo" else lang,
                      text_size=size)
    if lang == "pseudo":
        app.ctx.gettext, app.ctx.ngettext = translator(lang)
    app.view.audit = TextAudit()
    return app


def _buttons(scene) -> list[Button]:
    """Every Button a scene holds: alone, in a ButtonRow, or in a dict or list of them."""
    found: list[Button] = []
    for value in vars(scene).values():
        items = value.values() if isinstance(value, dict) else value if isinstance(
            value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, Button):
                found.append(item)
            elif isinstance(item, ButtonRow):
                found += item.buttons
    return found


def _settings_pages(app, scene):
    from game.scenes.settings_menu import PAGES

    for key, _icon, _name in PAGES:
        scene.show(key)
        yield key


def _dashboard_buttons(app, scene):
    """Every label the dashboard's cycling buttons take, its tooltips in words (a cell, a
    name, a stuck pupil's name, a level column, a kerndoel), and the grid with nobody in it."""
    for _i in range(len(scene.level_sets())):
        scene.next_level_set()
        yield f"levels {scene.level_set}"
        if scene.level_set == "all":  # each kerndoel's tooltip: its full name, however short
            for i in range(scene.kerndoel_rows()):  # its row has to cut it
                scene.pointer = scene.kerndoel_rect(i).center
                yield f"levels all, kerndoel {i}"
            scene.pointer = None
    for how in ("progress", "help"):
        scene.next_sort()
        yield f"sort {how}"
    scene.next_sort()  # back to sorting by name
    scene.keyboard, scene.focus = True, "grid"
    for cursor in ((0, 0), (0, -1), (1, 1)):
        scene.cursor = cursor
        yield f"cell {cursor}"
    # a pupil who needs help now: the levels where the seeded class has one (all levels)
    first = scene.level_set
    for _i in range(len(scene.level_sets())):
        if any(s.level_id in [lv.id for lv in scene.levels] for s in scene.stuck):
            break
        scene.next_level_set()
    level_ids = [lv.id for lv in scene.levels]
    stuck = next(s for s in scene.stuck if s.level_id in level_ids)
    scene.cursor = (next(i for i, p in enumerate(scene.rows) if p.id == stuck.pupil.id), -1)
    scene._follow_cursor()
    yield "cell stuck pupil"
    scene.keyboard = False
    # the number over a column: how far the class got there, and who needs help there
    col = level_ids.index(stuck.level_id)
    scene.cursor = (scene.cursor[0], col)
    scene._follow_cursor()
    r = scene.cell_rect(scene.top_row, col)
    scene.pointer = next((r.centerx, y) for y in range(r.y - 1, 0, -1)
                         if scene.header_at((r.centerx, y)) == col)
    yield "level column"
    while scene.level_set != first:
        scene.next_level_set()
    scene.pointer = scene.kerndoel_rect(0).center
    yield "kerndoel"
    scene.pointer = None
    scene.toggle_help_only()
    yield "help only"


class Drawn(str):
    """A variant's label when the variant drew its own picture (after clearing the audit):
    a tooltip drawn alone, where it is drawn, as the buttons' tooltips are."""


def _palette_tooltips(app, scene):
    """The palette's tooltip (name, description and numbers) of every part, in the first
    slot, drawn alone where the game draws it."""
    from game.sim.catalogue import CATALOGUE

    palette = scene.palette
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    for kind in CATALOGUE:
        palette.kinds[0] = kind
        palette.hover = 0
        app.view.audit.clear()
        palette.draw_tooltip(painter, app.ctx.gettext, app.ctx.ngettext)
        yield Drawn(f"palette {kind}")
    palette.hover = None


def _result_reasons(app, scene):
    """The result card with each reason a level can give for its stars."""
    import dataclasses

    from game.sim import goals

    reasons = [m for m in _pot() if any(p == "game/sim/goals.py" and line > 110
                                        for p, line in m.locations)]
    for m in reasons:
        scene.evaluation = dataclasses.replace(scene.evaluation,
                                               reasons=(goals.N_("It works!"), m.id))
        yield f"reason {m.id[:20]}"


def _world_places(app, scene):
    from game.scenes.world_map import places

    for i in range(len(places())):
        scene.focus = i
        scene.hover = i
        yield f"place {i}"


def _pin_notes(app, scene):
    """The PIN pad's notes: a wrong PIN, too short, not the same twice, the wait; the second
    prompt."""
    _ = app.ctx.gettext
    for msgid in ("That is not the right PIN. Try again.", "A PIN has at least 4 digits.",
                  "The two PINs were not the same. Choose one again."):
        scene.message, scene.mood = _(msgid), "oops"
        yield msgid[:12]
    scene.message, scene.wait = "", 30.0
    yield "wait"
    scene.wait, scene.mode = 0.0, "again"
    yield "again"


def _pause_muted(app, scene):
    """The pause card with the sound off (its button then says so)."""
    scene.mute()
    yield "muted"
    scene.mute()


#: state -> more ways to see the same screen: each step changes the scene, then it is drawn
VARIANTS = {"pin": _pin_notes, "new_pin": _pin_notes, "pause": _pause_muted,
            "settings": _settings_pages, "dashboard": _dashboard_buttons,
            "play": _palette_tooltips, "play_water": _palette_tooltips,
            "result": _result_reasons, "world_map": _world_places}


#: module -> the gallery states whose toast shows that module's messages
TOAST_STATES = {
    "game/scenes/classes.py": ("classes", "pupil_edit"),
    "game/scenes/dashboard.py": ("dashboard",),
    "game/scenes/lessons.py": ("lessons", "lesson_edit"),
    "game/scenes/level_select.py": ("level_select_city",), "game/scenes/login.py": ("class_pick",),
    "game/scenes/pupil_page.py": ("pupil_page",), "game/scenes/teacher_data.py": ("teacher_data",),
    "game/scenes/teacher_home.py": ("teacher_home",), "game/scenes/world_map.py": ("world_map",),
}
#: values for the placeholders of a message shown in the test (long ones: a worst case)
SAMPLE = {"name": "Maximiliaan", "error": "permission denied: /media/usb/Techniekwerf",
          "file": "groep-6b-2026-11-28.csv", "folder": "/home/leerkracht/Documents/Techniekwerf",
          "place": "Amsterdam", "action": "Turn", "other": "Take away", "key": "Shift",
          "seconds": 30, "n": 2, "count": 12, "title": "Stroom in de stad", "number": 12,
          "solved": 21, "total": 36, "possible": 36, "levels": "5 of 23", "stars": "12 stars",
          "step": 3, "group": "groep 5b", "lesson": "Stroom in de stad"}


class _Sample(dict):
    def __missing__(self, key: str) -> str:
        return "Maximiliaan"


def _source(path: str) -> list[str]:
    return (PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()


def message_kind(message) -> tuple[str, str] | None:
    """How a message msgid reaches the screen, from the code that shows it: a scene's toast,
    Noor's bubble in the play screen (``say``, edit refusals, goal texts), or the sentence on
    the settings' Keys page. None for every other msgid."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    for path, _line in message.locations:
        lines = _source(path)
        # the line that holds the msgid (the .pot's line numbers age as the code changes)
        line = next((i for i, text in enumerate(lines) if msgid[:24] in text), None)
        if line is None:
            continue
        before = "\n".join(lines[max(0, line - 3):line + 1])
        if "toast.show(" in before and path in TOAST_STATES:
            return "toast", path
        if path == "game/scenes/settings_menu.py" and "self.message = " in before:
            return "keys", path
        if path == "game/sim/goals.py" or (path == "game/scenes/play.py" and (
                "say(" in before or "REFUSALS" in "\n".join(lines[max(0, line - 12):line]))):
            return "say", path
    return None


def show_messages(app, gettext, ngettext):
    """Yield (label, problems, texts) for every message msgid, shown where the game shows it."""
    audit = app.view.audit
    jobs: dict[tuple[str, ...], list] = {}
    for message in _pot():
        kind = message_kind(message)
        if kind is None:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        states = TOAST_STATES[kind[1]] if kind[0] == "toast" else (
            ("settings",) if kind[0] == "keys" else ("play",))
        for state in states:
            jobs.setdefault((kind[0], state), []).append(ids)
    for (kind, state), all_ids in jobs.items():
        scene = show(app, state)
        if kind == "keys":
            scene.show("keys")
        for ids in all_ids:
            text = ngettext(ids[0], ids[1], 2) if len(ids) > 1 else gettext(ids[0])
            text = text.format_map(_Sample(SAMPLE))
            if kind == "toast":
                scene.toast.show(text, "icons/check")
            elif kind == "keys":
                scene.message = text
            else:
                scene.say(ids[0], "oops")
            audit.clear()
            app.run_frames(1)
            yield f"{state} {kind} {ids[0][:30]!r}", audit.problems(), [text]


def walk(app, states=STATE_NAMES, probe: ContrastProbe | None = None, faint_texts=None):
    """Yield (state, problems, texts drawn) for every state: its screen, each variant of it,
    and the tooltip of every button on it (drawn where the game draws it). With a contrast
    ``probe`` on the view, the texts of each state's screen too faint to read are added to
    the list ``faint_texts``."""
    audit = app.view.audit
    for name in states:
        app.view.text_probe = probe  # it measures the state's screen, not the variants after
        scene = show(app, name, audit, probe)  # they hold the state's last frame
        if probe is not None:
            faint_texts += faint(app, probe, name)
            app.view.text_probe = None  # what it would keep of them is never looked at
        views = [name]
        # a tooltip is drawn alone, from its words, its button's place and the fonts: the
        # variants of a screen mostly show the same buttons, whose tooltips are drawn once
        tooltips: dict[tuple, list[str]] = {}
        more = VARIANTS.get(name)
        for variant in itertools.chain([None], () if more is None else more(app, scene)):
            if variant is not None and not isinstance(variant, Drawn):
                audit.clear()  # the variant changed the scene: draw it again
                app.run_frames(1)
            label = name if variant is None else f"{name} ({variant})"
            yield label, audit.problems(), [t.text for t in audit.texts]
            views.append(label)
            if isinstance(variant, Drawn):
                continue  # a tooltip alone: the screen and its buttons are as they were
            painter = Painter(app.surface, app.view, app.art, app.fonts)
            fonts = app.fonts
            for button in _buttons(app.ctx.stack.top):
                if button.tooltip:
                    key = (button.tooltip, tuple(button.rect), fonts, fonts.family, fonts.scale,
                           fonts.language, app.view.scale, app.view.flips)
                    if key not in tooltips:
                        audit.clear()
                        draw_tooltip(painter, button)
                        tooltips[key] = audit.problems()
                    yield f"{label} tooltip", tooltips[key], [button.tooltip]
    if states == STATE_NAMES:
        yield from show_messages(app, app.ctx.gettext, app.ctx.ngettext)


# --- every screen, every language, every size ---------------------------------------------------
#: Screens whose texts do not all fit yet (state -> what is wrong). Their problems are listed,
#: not failed; test_known_overflows_are_still_open fails once one is fixed, so this list can
#: only shrink. Every other screen must fit completely.
KNOWN_OPEN: dict[str, str] = {}
#: The same for screens that fit in every real language but not yet in the pseudo-language.
PSEUDO_OPEN: dict[str, str] = {
}


def _known(label: str, lang: str) -> bool:
    keys = list(KNOWN_OPEN) + (list(PSEUDO_OPEN) if lang == "pseudo" else [])
    return any(label == key or label.startswith(key + " ") for key in keys)


class Survey(NamedTuple):
    """What one game in one language at one text size showed."""

    walk: list[tuple[str, list[str], list[str]]]  # every screen: (label, problems, texts drawn)
    levels: list[str]  # level texts that do not fit their bubble or card
    rare: list[str]  # messages of RARE_BOXES that do not fit their box
    faint: list[str]  # texts too faint against what is under them (surveys in CONTRAST)


def survey(folder: Path, lang: str, size: int) -> Survey:
    """Open the gallery's game once in ``lang`` at text size ``size`` (its data in
    ``folder``), walk every screen, then draw the level texts and the rare messages in their
    boxes. The tests below judge the parts; each screen is drawn once for all of them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TECHNIEKWERF_DATA", str(folder))
        app = open_app(folder, ManualTime(), lang, size, patch)
        probe, faint_texts = None, []
        if (lang, size) in CONTRAST:
            probe = app.view.text_probe = ContrastProbe(app.surface)
        try:
            walked = list(walk(app, probe=probe, faint_texts=faint_texts))
            app.view.text_probe = None
            _reset(app)  # the guest's settings again, not those of the last pupil shown
            return Survey(walked, _level_text_problems(app, lang), _rare_problems(app, lang),
                          faint_texts)
        finally:
            app.close()


@pytest.fixture(scope="module")
def surveyed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, int], Survey]:
    """``surveyed(lang, size)``: the :func:`survey` of that language and size, made once per
    test run (a survey takes seconds) and shared by the tests of this file."""
    done: dict[tuple[str, int], Survey] = {}

    def get(lang: str, size: int) -> Survey:
        if (lang, size) not in done:
            folder = tmp_path_factory.mktemp(f"text-fit-{lang}-{size}") / "data"
            done[lang, size] = survey(folder, lang, size)
        return done[lang, size]

    return get


def no_text_leaves_its_box_on_any_screen(surveyed, lang: str, size: int) -> None:
    found = [f"{lang} size {size} {name}: {problem}"
             for name, problems, _texts in surveyed(lang, size).walk
             for problem in problems if not _known(name, lang)]
    assert not found, "texts that do not fit:\n" + "\n".join(found)


def test_known_overflows_are_still_open(surveyed):
    """A screen in KNOWN_OPEN (or PSEUDO_OPEN) that fits now must leave the list. (With both
    lists empty there is nothing to look at.)"""
    still, still_pseudo = set(), set()
    combos = [(lang, size) for lang in LANGS for size in SIZES
              if KNOWN_OPEN or (PSEUDO_OPEN and lang == "pseudo")]
    for lang, size in combos:
        for name, problems, _t in surveyed(lang, size).walk:
            if not problems:
                continue
            for key in KNOWN_OPEN:
                if (name == key or name.startswith(key + " ")) and lang != "pseudo":
                    still.add(key)
            for key in PSEUDO_OPEN:
                if (name == key or name.startswith(key + " ")) and lang == "pseudo":
                    still_pseudo.add(key)
    fixed = sorted(set(KNOWN_OPEN) - still) + sorted(set(PSEUDO_OPEN) - still_pseudo)
    assert not fixed, f"these screens fit now; take them out of the lists: {fixed}"


# --- level texts in their real boxes ---------------------------------------------------------------
def _level_text_problems(app, lang: str) -> list[str]:
    """Each level's title, story and hints in Noor's bubble, its question and answers on the
    question card, and its parent tip on the info card, drawn as the play screen draws them."""
    from game.scenes.play import BUBBLE, BUBBLE_MAX_H
    from game.scenes.question import QuestionScene
    from game.ui.guide_view import draw_bubble

    _ = app.ctx.gettext
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    audit = app.view.audit
    found = []
    for level in catalogue():
        draws = [("story", lambda lv=level: draw_bubble(
            painter, BUBBLE, _(lv.title), _(lv.story), tail=(186, 72), fill="cream",
            max_height=BUBBLE_MAX_H))]
        draws += [(f"hint {i + 1}", lambda h=h, lv=level: draw_bubble(
            painter, BUBBLE, _(lv.title), _(h.text), tail=(186, 72), fill="cream",
            max_height=BUBBLE_MAX_H))
            for i, h in enumerate(level.hints)]
        if level.question is not None:
            draws.append(("question", lambda lv=level: QuestionScene(
                app.ctx, lv.question, lambda _k: None).draw(painter)))
        if level.predict is not None:  # the picker, and the explanation card beside it
            draws.append(("prediction", lambda lv=level: QuestionScene(
                app.ctx, lv.predict, lambda _k: None, level=lv).draw(painter)))
            draws.append(("explanation", lambda lv=level: _explanation_card(app, lv, painter)))
        if level.parent_tip:
            draws.append(("parent tip", lambda lv=level: _tip_card(app, lv, painter)))
        for what, draw in draws:
            audit.clear()
            more = draw()  # the tip card's own findings; the others return their rect
            more = more if isinstance(more, list) else []
            # the bubble and the cards shrink a text to MIN_BODY at most: one that still does
            # not fit leaves its box
            found += [f"{level.id} {what}: {p}" for p in [*audit.problems(), *more]]
    return found


def _tip_card(app, level, painter) -> list[str]:
    """The "Samen ontdekken" card of ``level``: its texts also stay above its OK button and
    are drawn at 18 or more (the smallest a parent's text gets on the widest card)."""
    from game.scenes.info_card import InfoCard
    from game.ui.together import together_sections

    card = InfoCard(app.ctx, "Discover together", icon="icons/parent",
                    sections=together_sections(level.parent_tip))
    card.draw(painter)
    shown = {app.ctx.gettext(part) for part in level.parent_tip.parts()}
    top = card.row.buttons[0].rect.top
    return ([f"{t.text[:30]!r} runs into the OK button" for t in app.view.audit.texts
             if t.text in shown and t.rect.bottom > top]
            + [f"{t.text[:30]!r} drawn at {t.size}" for t in app.view.audit.texts
               if t.text in shown and t.size < 18])


def level_texts_fit_their_bubble_and_cards(surveyed, lang: str, size: int) -> None:
    found = [f"{lang} size {size} {p}" for p in surveyed(lang, size).levels]
    assert not found, "level texts that do not fit:\n" + "\n".join(found)


# --- rare messages, in the box they are shown in -------------------------------------------------
#: msgid -> (box width, box height, size, bold, min size): messages the gallery's states do not
#: show (errors, rare outcomes), drawn here with Painter.text_box into the box of their widget.
RARE_BOXES: dict[str, tuple[int, int, int, bool, int]] = {
    # the dashboard's kerndoel tooltip (wrapped at 360, 20 px): the kerndoelen no level trains
    # yet (their rows only show when a level is tagged with them) and the counts under a name
    "Digital literacy": (360, 60, 20, False, 16),
    "How plants, animals and people are built": (360, 60, 20, False, 16),
    "Plants and animals where they live": (360, 60, 20, False, 16),
    "The Netherlands and the water": (360, 60, 20, False, 16),
    "{solved} of {possible} possible solves: every pupil times every level here that trains "
    "it": (360, 200, 20, False, 16),
    # a prediction's place with no part on it, named under its small map on the picker
    "This empty spot": (216, 78, 24, True, 18),
    # the Reading page, only with OpenDyslexic in Ukrainian or Arabic (under the sample)
    "{chosen} has only Latin letters. Your letters are drawn in {font}, a clear font for "
    "reading.": (792, 68, 20, True, 16),
    # the store's answers on the teacher screens: a toast (classes: wrap 760; data: 1000)
    "There is already a class called {name}. Choose another name.": (760, 160, 26, True, 20),
    "Type a name for the class, with letters or numbers.": (760, 160, 26, True, 20),
    "{file}: not merged, nothing from it was added ({reason})": (1000, 240, 26, True, 20),
    "{file}: already merged, nothing new": (1000, 240, 26, True, 20),
    "{count} pupil deleted here too, as on the other PC.": (1000, 240, 26, True, 20),
    "{count} record left out: its pupil or class was deleted.": (1000, 240, 26, True, 20),
    "{count} record left out: a class or pupil here has the same name. Change one name and "
    "merge again.": (1000, 240, 26, True, 20),
    "{count} record left out: its pupil is not on this PC.": (1000, 240, 26, True, 20),
    # the measuring probe's line (wrapped at 276; the meter grows as tall as its text) on a
    # shorted bench battery and on a coil with too little current: no shipped level has them
    "Short circuit! Far too much current.": (276, 160, 20, False, 16),
    "{amps} A flows through the coil: too little for a magnet.": (276, 160, 20, False, 16),
    # ... and on a router no message waits in (the shipped levels' routers always hold some
    # when the gallery looks)
    "No message is waiting here.": (276, 160, 20, False, 16),
    # the attempt view's list of what a level asks (FACTS card, lines of 332 after the
    # bullet): the goals of the pump and drip-line levels, whose attempts the gallery lacks
    "Give every pump energy.": (332, 60, 20, False, 16),
    "Don't waste water.": (332, 60, 20, False, 16),
    # the weather strip's words for one tick, in its tooltip (wrap 360): the gallery's
    # play_weather shows one tick's; the other skies and winds of game/ui/weather_strip.py here
    **{msgid: (360, 120, 20, False, 20) for msgid in (
        "Sunny", "Cloudy", "Clear night", "Cloudy night", "No wind", "A breeze", "Strong wind",
        "Rain")},
    # the parental gate's number words (game/home_gate.py): drawn only inside its question
    # ("What is seven times eight?", the gallery's parent_gate states), each alone in the
    # question's box here
    **{msgid: (520, 90, 36, True, 20) for msgid in (
        "three", "four", "five", "six", "seven", "eight", "nine")},
}


def _rare_problems(app, lang: str) -> list[str]:
    """The messages of RARE_BOXES drawn into their boxes: what does not fit."""
    gettext, _ngettext = translator(lang)
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    audit = app.view.audit
    problems = []
    for msgid, (w, h, size, bold, floor) in RARE_BOXES.items():
        audit.clear()  # each in its own box, alone: they share the corner, not a screen
        painter.text_box(gettext(msgid), (0, 0, w, h), size, bold=bold, min_size=floor)
        problems += audit.problems()
    return problems


@functools.cache
def _pot() -> list:
    with (LOCALE / "techniekwerf.pot").open("rb") as f:
        return [m for m in read_po(f) if m.id]


def _on_screen(message) -> bool:
    """Drawn somewhere: not only in a file or a report, and not only spoken (a screen's
    instruction for read-aloud, whose translator comment says "read aloud"; tests/test_speech.py
    hears each of them)."""
    spoken = " ".join(message.auto_comments).startswith("TRANSLATORS: read aloud")
    return not spoken and any(not path.startswith(NOT_ON_SCREEN)
                              for path, _line in message.locations)


def _chunks(text: str) -> list[str]:
    return [c.strip() for c in _PLACEHOLDER.split(text) if c.strip() and not
            _PLACEHOLDER.fullmatch(c)]


def _level_msgids() -> set[str]:
    ids = set()
    for level in catalogue():
        ids |= {level.title, level.story, *level.parent_tip.parts(), *(h.text for h in level.hints)}
        if level.question is not None:
            ids.add(level.question.text)
        if level.predict is not None:  # drawn in their boxes by _level_text_problems
            ids |= {level.predict.text, level.predict.explain}
    return ids


def _explanation_card(app, level, painter) -> None:
    """A predict level's result card, its stars landed: "You thought" (the first wrong
    choice) beside "It was", and the explanation."""
    from game.scenes.result import ResultScene

    evaluation = _solved(level)
    if level.predict.kind == "table":  # a filled-in table: every row the other way
        guess = tuple(tuple(not on for on in row) for row in level.predict.answer)
    else:
        guess = next(c for c in level.predict.choices if c != level.predict.answer)
    card = ResultScene(app.ctx, level, evaluation, prediction=guess)
    card.t = 3.0
    card.draw(painter)


_SOLVED: dict[str, object] = {}


def _solved(level):
    """The evaluation of ``level``'s solution, replayed once per test process (every survey
    draws the explanation card of every predict level; a level is one of the shipped ones)."""
    from game.sim.goals import play_solution

    if level.id not in _SOLVED:
        _SOLVED[level.id] = play_solution(level)[1]
    return _SOLVED[level.id]


#: msgids of states the gallery and this test do not reach yet (empty lists, rare outcomes, the
#: replay of an attempt, PIN mistakes, confirmations): not checked in their box yet. The test
#: fails when another msgid goes unchecked, and when one of these gets checked (then it must
#: leave this list), so the list only shrinks.
NOT_YET_CHECKED: frozenset[str] = frozenset()


#: words a screen replaces by their picture when they do not fit (a column's head in the
#: teacher tables, the help filter): in a long language they may never be drawn as words
SHOWN_AS_PICTURE = frozenset({"Tests", "Failed", "Hints", "Solved", "Needs help only"})


def unchecked_msgids(surveyed, lang: str) -> tuple[list[str], list[str]]:
    """(msgids shown somewhere on screen that no screen of the survey drew in ``lang``, rare
    messages that do not fit their box)."""
    # the smallest and the biggest text size: at the biggest, a few words give way to their
    # pictures (a column's word, "needs help only")
    drawn = list(dict.fromkeys(  # each text once (a screen's label comes back on many)
        t for size in (0, 2) for _name, _problems, texts in surveyed(lang, size).walk
        for t in texts))
    rare = surveyed(lang, 2).rare  # the rare messages at the biggest text size
    gettext, ngettext = translator(lang)
    # every drawn text, and its parts where a screen joins several ("a · b", lines)
    pieces = {p.strip() for t in drawn for p in re.split(r" · |\n|   ·   ", t)} | set(drawn)
    # a text cut short with "..." was drawn too (the overflow test judges the cut)
    starts = [t.rstrip()[:-1].rstrip() for t in drawn if t.rstrip().endswith("\u2026")]
    starts = [t for t in starts if len(t) >= 2]

    def shown(form: str) -> bool:
        """Drawn: the whole form in one text, its placeholders filled with anything, as words
        of their own ("Class" is not drawn by "Classes"); a one-word form as a text or a part
        of its own; or the start of a text cut short."""
        chunks = _PLACEHOLDER.split(form)
        pattern = "".join(".+?" if _PLACEHOLDER.fullmatch(c) else re.escape(c) for c in chunks)
        if " " not in form.strip():
            return any(re.fullmatch(pattern, p) for p in pieces) or any(
                form.startswith(t) for t in starts)
        edge_l = r"(?<!\w)" if form[:1].isalnum() else ""
        edge_r = r"(?!\w)" if form[-1:].isalnum() else ""
        found = re.compile(edge_l + pattern + edge_r)
        return any(found.search(t) for t in drawn) or any(
            _chunks(form)[0].startswith(t) for t in starts)

    levels = _level_msgids()
    missing = []
    for message in _pot():
        if not _on_screen(message):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if ids[0] in levels or ids[0] in RARE_BOXES or ids[0] in SHOWN_AS_PICTURE:
            continue
        forms = ([ngettext(ids[0], ids[1], n) for n in (*range(12), 100)] if len(ids) > 1
                 else [gettext(ids[0])])
        if not any(shown(f) for f in forms if f.strip()):
            missing.append(ids[0])
    return missing, rare


def every_msgid_on_screen_is_checked_in_its_box(surveyed, lang: str) -> None:
    missing, rare = unchecked_msgids(surveyed, lang)
    assert not rare, f"{lang}: rare messages that do not fit:\n" + "\n".join(rare)
    new = sorted(set(missing) - NOT_YET_CHECKED)
    assert not new, (f"{lang}: never drawn on a gallery screen; add a state, or the box "
                     "to RARE_BOXES:\n" + "\n".join(new))


def test_not_yet_checked_msgids_are_still_unchecked(surveyed):
    """An entry of NOT_YET_CHECKED that every language now checks must leave the list. (With
    the list empty there is nothing to look at.)"""
    still = set().union(*(unchecked_msgids(surveyed, lang)[0] for lang in LANGS
                          if NOT_YET_CHECKED))
    checked = sorted(NOT_YET_CHECKED - still)
    assert not checked, "checked now; take these out of NOT_YET_CHECKED:\n" + "\n".join(checked)


# --- the checks above, one class per language ------------------------------------------------
class _InOneLanguage:
    """Every check of one language. pytest-xdist (``--dist loadscope``) runs a class in one
    worker, so the three surveys of a language (its text sizes) are made once, while the
    languages share the workers."""

    lang = "en"

    @pytest.mark.parametrize("size", SIZES)
    def test_no_text_leaves_its_box_on_any_screen(self, surveyed, size):
        no_text_leaves_its_box_on_any_screen(surveyed, self.lang, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_level_texts_fit_their_bubble_and_cards(self, surveyed, size):
        level_texts_fit_their_bubble_and_cards(surveyed, self.lang, size)

    def test_every_msgid_on_screen_is_checked_in_its_box(self, surveyed):
        every_msgid_on_screen_is_checked_in_its_box(surveyed, self.lang)


def _class_name(lang: str) -> str:
    return "TestIn" + "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]", lang))


def _contrast_test(sizes: list[int]):
    """The contrast test (see tests/test_contrast_screens.py) of a language's surveys."""

    @pytest.mark.parametrize("size", sizes)
    def test_every_text_on_every_screen_reads(self, surveyed, size):
        found = surveyed(self.lang, size).faint
        assert not found, f"{len(found)} texts too faint:\n" + "\n".join(sorted(set(found)))

    return test_every_text_on_every_screen_reads


for _lang in LANGS:  # TestInAr, TestInEn, ... TestInPseudo: a class per language, new ones too
    _more = {"lang": _lang}
    if _sizes := sorted(size for lang, size in CONTRAST if lang == _lang):
        _more["test_every_text_on_every_screen_reads"] = _contrast_test(_sizes)
    globals()[_class_name(_lang)] = type(_class_name(_lang), (_InOneLanguage,), _more)
del _lang, _more, _sizes


# --- the audit itself can fail -----------------------------------------------------------------
def test_the_audit_catches_a_label_wider_than_its_button(data_dir, fake_time):
    app = open_app(data_dir, fake_time, "en", 0)
    try:
        painter = Painter(app.surface, app.view, app.art, app.fonts)
        audit = app.view.audit
        audit.clear()
        painter.panel((100, 100, 80, 48))
        painter.text("A label far too long for this button", (110, 110), 24)
        assert any("leaves its box" in p for p in audit.problems())
        audit.clear()
        painter.text_box("Een heel lang woord: Vervoersmiddelenonderhoud", (100, 100, 120, 48),
                         24)
        assert any("leaves its box" in p for p in audit.problems())
        audit.clear()
        painter.text("first", (600, 300), 24)
        painter.text("second", (610, 305), 24)
        assert any("overlaps" in p for p in audit.problems())
        audit.clear()
        painter.text("edge", (1270, 300), 24)
        assert any("leaves the screen" in p for p in audit.problems())
    finally:
        app.close()


def test_a_button_label_wraps_before_it_shrinks(data_dir, fake_time):
    """A two-word label that does not fit on one line goes onto two at its own size."""
    app = open_app(data_dir, fake_time, "en", 2)
    try:
        painter = Painter(app.surface, app.view, app.art, app.fonts)
        one_line = painter.measure_letters("Następny poziom", 24, True)
        fit = painter.fit("Następny poziom", one_line[0] * 0.7, one_line[1] * 3, 24, 16, True)
        assert fit.fits and fit.size == 24 and fit.height > one_line[1] * 1.5
        tight = painter.fit("Następny poziom", one_line[0] * 0.7, one_line[1] * 1.2, 24, 16, True)
        assert tight.fits and 16 <= tight.size < 24
        name = painter.fit("Maximiliaan-Alexander", 60, one_line[1], 24, 16, True, ellipsize=True)
        assert name.shortened and name.text.endswith("\u2026") and name.width <= 62
    finally:
        app.close()


def test_a_long_folder_path_wraps_in_arabic_as_in_latin_text(data_dir, fake_time):
    """A path longer than its box (a school's network folder) is broken onto lines, after a
    slash, in an Arabic sentence as SDL_ttf breaks it in a Dutch one."""
    app = open_app(data_dir, fake_time, "ar", 2)
    try:
        painter = Painter(app.surface, app.view, app.art, app.fonts)
        audit = app.view.audit
        path = "//schoolserver/leerkrachten/groep-6b/juf-anne/Documents/Techniekwerf"
        for text in (f"حُفظ باسم log.jsonl في {path}", f"Opgeslagen als log.jsonl in {path}"):
            audit.clear()
            drawn = painter.text_box(text, (100, 100, 500, 300), 26, bold=True, min_size=20)
            assert not audit.problems(), audit.problems()
            assert drawn.width <= 502 and drawn.height > 60  # on more lines than one
    finally:
        app.close()


def test_the_pseudo_language_keeps_placeholders_and_is_longer():
    text = pseudo("Delete the class {name}? It cannot be undone.")
    assert "{name}" in text and len(text) > 1.3 * len("Delete the class {name}? It cannot be undone.")
    assert text.count(" ") == 7  # no new places to wrap
    assert "ł" in text or "ą" in text
