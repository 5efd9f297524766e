"""Settings a child or parent may change, in six pages with a picture each: Language, Sound,
Reading, Motion, Keys and Screen.

Reached from the title screen and from the pause card. Every choice takes effect at once and
is saved at once, so there is no "apply" step to forget: while a pupil is logged in it is
saved in their profile (``Settings.save`` knows where), else in this PC's settings file.

Every choice shows its state with a shape as well as a colour (a check on the chosen button,
a switch knob that moves and says "on" or "off"), and every target is at least 48x48.
Tab walks the back button, the page tabs and then the page's own buttons; Enter or Space
chooses or toggles.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import LANGUAGE_NAMES, apply_language
from game.input import Action, Intent
from game.scenes.base import Scene
from game.scenes.player import sound_icon, toggle_mute
from game.settings import LANGUAGES, READING_FONTS, TEXT_SCALES
from game.speech import speech_available
from game.ui.badges import draw_badge
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow, draw_tooltip


def N_(message: str) -> str:
    """Mark a msgid for extraction; translated where it is shown."""
    return message


VOLUME_STEP = 0.2
VOLUME_BLOCKS = 5

#: The pages in the order of their tabs: key, icon, msgid of the tab's name.
#: keys without a word printed on them, named in the child's language on the Keys page
# TRANSLATORS: the space bar on the Keys page, on a small key cap: a short word
KEY_WORDS = {"Space": N_("Space")}

PAGES: tuple[tuple[str, str, str], ...] = (
    ("language", "icons/language", N_("Language")),
    ("sound", "icons/sound_on", N_("Sound")),
    ("reading", "icons/reading", N_("Reading")),
    ("motion", "icons/motion", N_("Motion")),
    ("keys", "icons/key", N_("Keys")),
    ("screen", "icons/fullscreen", N_("Screen")),
)
#: Reading fonts as a person knows them (a font's name is not translated).
FONT_LABELS = {"andika": "Andika", "opendyslexic": "OpenDyslexic"}
#: The font files of each reading font in assets/fonts (the first that exists is used).
FONT_FILES = {"andika": ("Andika-Regular.ttf",),
              "opendyslexic": ("OpenDyslexic-Regular.otf", "OpenDyslexic-Regular.ttf")}

TAB_X, TAB_Y, TAB_W, TAB_H, TAB_GAP = 32, 128, 300, 80, 12
PANEL = pygame.Rect(360, 128, 888, 564)


def intent_labels() -> dict[str, str]:
    """What each remappable action is called on the Keys page (msgids, by intent name)."""
    return {
        "SELECT": N_("Choose"), "BACK": N_("Go back"), "UP": N_("Up"), "DOWN": N_("Down"),
        "LEFT": N_("Left"), "RIGHT": N_("Right"), "ROTATE": N_("Turn"),
        "ROTATE_BACK": N_("Turn the other way"), "REMOVE": N_("Take away"),
        "UNDO": N_("Undo"), "REDO": N_("Redo"), "TEST": N_("Test"), "HINT": N_("Hint"),
        "SPEAK": N_("Read aloud"), "MUTE": N_("Sound on or off"),
        "FULLSCREEN": N_("Full screen"),
    }


class Choice(Button):
    """A button that is one of a set (a language, a text size): the chosen one is yellow AND
    carries a check badge, so colour is never the only sign of which one is on."""

    chosen: bool = False
    draw_label: Callable[[Painter, pygame.Rect], None] | None = None

    def draw(self, painter: Painter, focused: bool = False, hovered: bool = False,
             pressed: bool = False) -> None:
        self.fill = "yellow" if self.chosen else "paper"
        if self.draw_label is None:
            super().draw(painter, focused, hovered, pressed)
        else:
            label, self.label = self.label, ""
            icon, self.icon = self.icon, None
            super().draw(painter, focused, hovered, pressed)
            self.label, self.icon = label, icon
            self.draw_label(painter, self.rect.move(0, 3 if pressed else 0))
        if self.chosen:
            r = self.rect
            draw_badge(painter, "works", (r.right - 8, r.top + 8), 17)


class Switch(Button):
    """An on/off setting: the label, then a switch whose knob sits right with a check ("on")
    or left with a cross ("off"), with the word beside it."""

    on: bool = False
    words: tuple[str, str] = ("Off", "On")  # translated by the scene

    def draw(self, painter: Painter, focused: bool = False, hovered: bool = False,
             pressed: bool = False) -> None:
        self.fill = "paper"
        # the word beside the switch as wide as the longer of "off" and "on" (no jumping),
        # the label wraps or shrinks in the room left of the switch
        word_w = min(220, max(painter.measure(w, 24, bold=True)[0] for w in self.words))
        self.label_room = round(word_w + 88 + 36)
        super().draw(painter, focused, hovered, pressed)
        r = self.rect.move(0, 3 if pressed else 0)
        track = pygame.Rect(r.right - 16 - word_w - 12 - 88, r.centery - 22, 88, 44)
        painter.rect("green" if self.on else "tile_edge", track, 22)
        painter.rect("ink", track, 22, 3)
        knob = (track.right - 22, track.centery) if self.on else (track.x + 22, track.centery)
        draw_badge(painter, "works" if self.on else "off", knob, 18)
        painter.text_box(self.words[1] if self.on else self.words[0],
                         (track.right + 12, r.y + 4, word_w, r.height - 8), 24, bold=True,
                         align="midleft")


class KeyButton(Button):
    """One action on the Keys page: its name on the left, its key(s) as key caps on the right
    (the name shrinks to fit beside them, in every language)."""

    caps: tuple[str, ...] = ()

    def draw(self, painter: Painter, focused: bool = False, hovered: bool = False,
             pressed: bool = False) -> None:
        label, self.label = self.label, ""
        super().draw(painter, focused, hovered, pressed)
        self.label = label
        r = self.rect.move(0, 3 if pressed else 0)
        # The name keeps at least the room it needs at the smallest label size; the caps that
        # no longer fit beside it (a long name, a big text size) give way to a "+1" cap, and
        # the tooltip names every key.
        name_room = painter.measure(label, 16, True)[0]
        widths = [painter.measure(name, 18, bold=True)[0] + 18 for name in self.caps]
        more_w = painter.measure("+9", 18, bold=True)[0] + 18

        def caps_w(n: int) -> float:
            return sum(widths[:n]) + 6 * n + (more_w + 6 if n < len(self.caps) else 0)

        shown = len(self.caps)
        while shown > 0 and caps_w(shown) > r.width - 8 - 14 - name_room - 10:
            shown -= 1
        if shown == 0 and caps_w(0) >= caps_w(1):
            shown = 1  # a "+1" cap would be no narrower than the one key it stands for
        self.tooltip = ", ".join(self.caps) if shown < len(self.caps) else ""
        caps = list(self.caps[:shown]) + ([f"+{len(self.caps) - shown}"]
                                          if shown < len(self.caps) else [])
        x = r.right - 8
        for name in reversed(caps):
            w = painter.measure(name, 18, bold=True)[0]
            cap = pygame.Rect(x - w - 18, r.y + 7, w + 18, r.height - 14)
            painter.rect("cream", cap, 8)
            painter.rect("ink", cap, 8, 2)
            painter.text_box(name, cap.inflate(-6, -2), 18, bold=True, wrap=False)
            x = cap.x - 6
        painter.text_box(label, (r.x + 14, r.y + 2, x - 6 - r.x - 14, r.height - 4),
                         self.text_size, bold=True, align="midleft", wrap=False)


class SettingsScene(Scene):
    """Tabs on the left, the chosen page on the right; ``page`` opens on that page."""

    def __init__(self, ctx, page: str = "language") -> None:
        super().__init__(ctx)
        self.row = ButtonRow()
        self.keys: list[str] = []
        self.page = page if page in [p[0] for p in PAGES] else "language"
        self.focus_key: str | None = f"tab:{self.page}"
        self._shown = self._state()
        self.capturing: str | None = None  # the intent waiting for its new key
        self.message = ""  # a sentence on the Keys page: a conflict explained, a key set
        self._fonts: dict[tuple[str, int], pygame.font.Font | None] = {}

    # --- building ----------------------------------------------------------------------------
    def _state(self) -> tuple:
        s = self.ctx.settings
        return (s.language, s.muted, s.text_size)

    def enter(self) -> None:
        self._build()

    def show(self, page: str) -> None:
        """Open ``page`` (a tab was chosen)."""
        self._stop_capture()
        self.page = page
        self.message = ""
        self.focus_key = f"tab:{page}"
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        self._shown = self._state()
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.close, icon="icons/back",
                            tooltip=_("Back")))]
        for i, (key, icon, name) in enumerate(PAGES):
            tab = Choice(pygame.Rect(TAB_X, TAB_Y + i * (TAB_H + TAB_GAP), TAB_W, TAB_H),
                         lambda k=key: self.show(k), label=_(name), icon=icon, text_size=28)
            tab.chosen = key == self.page
            items.append((f"tab:{key}", tab))
        items += getattr(self, f"_page_{self.page}")()
        self.keys = [k for k, _b in items]
        self.row.buttons = [b for _k, b in items]
        self.row.focus = self.keys.index(self.focus_key) if self.focus_key in self.keys else None

    def _rebuild(self, focus: str) -> None:
        self.focus_key = focus
        self._build()

    def _save(self) -> None:
        self.ctx.settings.save()

    # --- the pages -------------------------------------------------------------------------
    def _page_language(self) -> list[tuple[str, Button]]:
        s = self.ctx.settings
        items = []
        codes = [c for c in LANGUAGES if c in LANGUAGE_NAMES] or list(LANGUAGE_NAMES)
        for i, code in enumerate(codes):
            col, line = i % 2, i // 2
            b = Choice(pygame.Rect(PANEL.x + 48 + col * 412, PANEL.y + 96 + line * 130, 380, 104),
                       lambda c=code: self._language(c), label=LANGUAGE_NAMES[code],
                       text_size=36)
            b.chosen = s.language == code
            items.append((f"lang:{code}", b))
        return items

    def _page_sound(self) -> list[tuple[str, Button]]:
        _ = self.ctx.gettext
        s = self.ctx.settings
        x = PANEL.x + 40
        mute = Switch(pygame.Rect(x, PANEL.y + 80, 808, 72), self._mute, label=_("Sound"),
                      icon=sound_icon(self.ctx), text_size=28)
        mute.on, mute.words = not s.muted, (_("Off"), _("On"))
        items: list[tuple[str, Button]] = [("mute", mute)]
        rows = [("effects", "quieter", "louder"), ("music", "music:-", "music:+")]
        if speech_available(self.ctx):
            rows.insert(1, ("voice", "voice:-", "voice:+"))
        for k, (name, minus, plus) in enumerate(rows):
            y = PANEL.y + 176 + k * 92
            items.append((minus, Button(pygame.Rect(x + 440, y, 72, 72),
                                        lambda n=name: self._volume(n, -1), label="−",
                                        text_size=40, tooltip=_("Quieter"))))
            items.append((plus, Button(pygame.Rect(x + 736, y, 72, 72),
                                       lambda n=name: self._volume(n, 1), label="+",
                                       text_size=40, tooltip=_("Louder"))))
        if speech_available(self.ctx):
            read = Switch(pygame.Rect(x, PANEL.y + 176 + len(rows) * 92, 808, 72),
                          self._auto_read, label=_("Read everything aloud"),
                          icon="icons/sound_on", text_size=26)
            read.on, read.words = bool(s.auto_read), (_("Off"), _("On"))
            items.append(("auto_read", read))
        return items

    def _page_reading(self) -> list[tuple[str, Button]]:
        _ = self.ctx.gettext
        s = self.ctx.settings
        items: list[tuple[str, Button]] = []
        for i in range(len(TEXT_SCALES)):
            b = Choice(pygame.Rect(PANEL.x + 48 + i * 200, PANEL.y + 96, 176, 112),
                       lambda i=i: self._text_size(i), label="A", text_size=30 + 14 * i,
                       tooltip=[_("Normal text"), _("Bigger text"), _("Biggest text")][i % 3])
            b.chosen = s.text_size == i
            items.append((f"size:{i}", b))
        for i, family in enumerate(READING_FONTS):
            b = Choice(pygame.Rect(PANEL.x + 48 + i * 412, PANEL.y + 316, 380, 96),
                       lambda f=family: self._font(f), label=FONT_LABELS.get(family, family),
                       text_size=30)
            b.draw_label = self._font_label(family)
            b.chosen = s.reading_font == family
            items.append((f"font:{family}", b))
        return items

    def _switch_page(self, key: str, label: str, icon_name: str, on: bool,
                     action: Callable[[], None]) -> list[tuple[str, Button]]:
        """A page with one on/off switch (its explanation is drawn under it)."""
        _ = self.ctx.gettext
        switch = Switch(pygame.Rect(PANEL.x + 40, PANEL.y + 96, 808, 80), action, label=label,
                        icon=icon_name, text_size=28)
        switch.on, switch.words = on, (_("Off"), _("On"))
        return [(key, switch)]

    def _page_motion(self) -> list[tuple[str, Button]]:
        return self._switch_page("reduce_motion", self.ctx.gettext("Calmer animations"),
                                 "icons/motion", bool(self.ctx.settings.reduce_motion),
                                 self._motion)

    def _page_keys(self) -> list[tuple[str, Button]]:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = []
        labels = intent_labels()
        for i, intent in enumerate(self._remappable()):
            col, line = i // 8, i % 8
            b = KeyButton(pygame.Rect(PANEL.x + 24 + col * 428, PANEL.y + 64 + line * 54,
                                      412, 48), lambda n=intent.name: self._capture(n),
                          label=_(labels.get(intent.name, intent.name.title())), text_size=21)
            b.fill = "yellow" if self.capturing == intent.name else "paper"
            b.caps = ("…",) if self.capturing == intent.name else tuple(
                self.keys_of(intent.name)[:2])
            items.append((f"key:{intent.name}", b))
        items.append(("reset_keys", Button(pygame.Rect(PANEL.right - 300, PANEL.bottom - 66,
                                                       276, 56), self._reset_keys,
                                           label=_("Usual keys"), icon="icons/retry",
                                           text_size=24, enabled=bool(self.ctx.settings.keys))))
        return items

    def _page_screen(self) -> list[tuple[str, Button]]:
        from game import home

        items = self._switch_page("fullscreen", self.ctx.gettext("Full screen"),
                                  "icons/fullscreen", bool(self.ctx.settings.fullscreen),
                                  self._fullscreen)
        where = home.place(self.ctx)
        # a PC with classes is at school whatever this says: no switch there. At home these
        # settings are behind the parental gate, so only a grown-up switches back to school
        if where is None or where == self.ctx.settings.place:
            _ = self.ctx.gettext
            switch = Switch(pygame.Rect(PANEL.x + 40, PANEL.y + 300, 808, 80), self._home,
                            # TRANSLATORS: a switch on the Screen page of the settings
                            label=_("Played at home"), icon="icons/home", text_size=28)
            switch.on, switch.words = where == home.HOME, (_("Off"), _("On"))
            items.append(("home", switch))
        return items

    def _home(self) -> None:
        from game import home

        home.choose_place(self.ctx, home.SCHOOL if home.at_home(self.ctx) else home.HOME)
        self._rebuild("home")

    # --- the choices -------------------------------------------------------------------------
    def close(self) -> None:
        self._stop_capture()
        self.ctx.stack.pop()

    def _language(self, code: str) -> None:
        apply_language(self.ctx, code)
        self._rebuild(f"lang:{code}")

    def _mute(self) -> None:
        toggle_mute(self.ctx)
        self._rebuild("mute")

    def _volume(self, name: str, step: int) -> None:
        s = self.ctx.settings
        attr = f"{name}_volume"
        value = round(min(1.0, max(0.0, getattr(s, attr) + step * VOLUME_STEP)), 2)
        setattr(s, attr, value)
        self.ctx.audio.apply_settings(s)
        s.save()
        if name == "effects":
            self.ctx.audio.play("click")  # so the child hears how loud it is now
        elif name == "voice" and speech_available(self.ctx):
            self.ctx.speech.say(self.ctx.gettext("Louder") if step > 0
                                else self.ctx.gettext("Quieter"))

    def _auto_read(self) -> None:
        s = self.ctx.settings
        s.auto_read = not s.auto_read
        s.save()
        if not s.auto_read and speech_available(self.ctx):
            self.ctx.speech.stop()
        self._rebuild("auto_read")

    def _text_size(self, index: int) -> None:
        self.ctx.settings.text_size = index
        self._save()
        self._rebuild(f"size:{index}")

    def _font(self, family: str) -> None:
        self.ctx.settings.reading_font = family
        self._save()
        self._rebuild(f"font:{family}")

    def _motion(self) -> None:
        s = self.ctx.settings
        s.reduce_motion = not s.reduce_motion
        self._save()
        self._rebuild("reduce_motion")

    def _fullscreen(self) -> None:
        self.ctx.toggle_fullscreen()  # saves the PC's settings itself
        self._rebuild("fullscreen")

    # --- keys --------------------------------------------------------------------------------
    @staticmethod
    def _remappable() -> tuple:
        from game import input as keys

        return keys.REMAPPABLE

    def _keymap(self) -> dict:
        from game import input as keys

        return keys.keymap_from(self.ctx.settings.keys)[0]

    def keys_of(self, intent_name: str) -> list[str]:
        """The key names that do the action now, as a person reads them."""
        from game import input as keys

        intent = keys.Intent[intent_name]
        names = keys.keys_for(self._keymap(), intent)
        # the Enter key and the keypad's Enter read the same: one cap for both
        return list(dict.fromkeys(self.key_word(keys.key_name(n)) for n in names))

    def key_word(self, shown: str) -> str:
        """A key's name in the child's language where the key itself has no word printed on
        it (the space bar); "Shift+Space" keeps its modifier."""
        *mods, base = shown.split("+")
        word = KEY_WORDS.get(base)
        return "+".join([*mods, self.ctx.gettext(word)]) if word else shown

    def _capture(self, intent_name: str) -> None:
        """Wait for the next key press: it becomes the action's key (Escape: never mind)."""
        _ = self.ctx.gettext
        mapper = self.ctx.input
        if mapper is None:
            self.message = _("Keys can be changed when the game runs in its window.")
            self._rebuild(f"key:{intent_name}")
            return
        self.capturing = intent_name
        label = _(intent_labels().get(intent_name, intent_name))
        # TRANSLATORS: settings, changing a key; {action}: what the key does, e.g. "Undo"
        self.message = _("Press the new key for “{action}”. Esc: keep the old key.").format(
            action=label)
        mapper.capture_next_key(self.key_pressed)
        self._rebuild(f"key:{intent_name}")

    def _stop_capture(self) -> None:
        mapper = self.ctx.input
        if self.capturing is not None and mapper is not None:
            mapper.capture_next_key(None)
        self.capturing = None

    def key_pressed(self, name: str | None) -> None:
        """The captured key (``"f5"``, ``"ctrl+z"``), or None when the player pressed Escape.

        A key another action already has is refused with the reason, so no key ever does
        two things; Tab, Enter and Escape keep their meaning always.
        """
        from game import input as keys

        _ = self.ctx.gettext
        intent_name, self.capturing = self.capturing, None
        if intent_name is None:
            return
        labels = intent_labels()
        label = _(labels.get(intent_name, intent_name))
        focus = f"key:{intent_name}"
        if name is None:
            self.message = _("Nothing changed.")
            self._rebuild(focus)
            return
        combo = keys.parse_key(name)
        fixed = keys.FIXED_KEYS
        shown = self.key_word(keys.key_name(name))
        if combo in fixed and fixed[combo].name != intent_name:
            # TRANSLATORS: settings, changing a key; {key}: a key's name; {action}: what it does
            self.message = _("{key} always stays “{action}”. Choose another key.").format(
                key=shown, action=_(labels.get(fixed[combo].name, fixed[combo].name)))
            self._rebuild(focus)
            return
        owner = self._keymap().get(combo)
        if owner is not None and owner.name != intent_name:
            # TRANSLATORS: settings, changing a key; {key}: a key's name; {other}: what it does
            self.message = _("{key} already does “{other}”. Choose another key, or give "
                             "“{other}” a new key first.").format(
                key=shown, other=_(labels.get(owner.name, owner.name)))
            self._rebuild(focus)
            return
        mapping = {k: list(v) for k, v in self.ctx.settings.keys.items()}
        mapping[intent_name.lower()] = [name]
        self.ctx.settings.keys = mapping
        self._save()
        # TRANSLATORS: settings, changing a key; {key}: a key's name; {action}: what it does
        self.message = _("Now {key} does “{action}”.").format(key=shown, action=label)
        self._rebuild(focus)

    def _reset_keys(self) -> None:
        self._stop_capture()
        self.ctx.settings.keys = {}
        self._save()
        self.message = self.ctx.gettext("All keys are the usual keys again.")
        self._rebuild("tab:keys")

    # --- reading fonts -----------------------------------------------------------------------
    def _family_font(self, family: str, px: int) -> pygame.font.Font | None:
        """The reading font ``family`` at ``px`` pixels, from its file in assets/fonts."""
        key = (family, px)
        if key not in self._fonts:
            folder = self.ctx.fonts.folder
            font = None
            for name in FONT_FILES.get(family, ()):
                if (folder / name).is_file():
                    if not pygame.font.get_init():
                        pygame.font.init()
                    font = pygame.font.Font(str(folder / name), px)
                    break
            self._fonts[key] = font
        return self._fonts[key]

    def _font_label(self, family: str) -> Callable[[Painter, pygame.Rect], None]:
        """Draw a font button's name in that very font (the default font when not installed)."""
        def draw(painter: Painter, rect: pygame.Rect) -> None:
            label = FONT_LABELS.get(family, family)
            font = self._family_font(family, painter.view.length(30))
            if font is None:
                painter.text(label, rect.center, 30, bold=True, align="center")
                return
            surf = font.render(label, True, painter_color("ink"))
            painter.surface.blit(surf, surf.get_rect(center=painter.view.point(rect.center)))
        return draw

    # --- input and drawing -------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.close()
            return True
        used = self.row.handle(action)
        if self.row.focus is not None and self.row.focus < len(self.keys):
            self.focus_key = self.keys[self.row.focus]
        return used

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        if self._shown != self._state():  # the M key muted, or a pupil logged in meanwhile
            self._build()
        painter.rect("sky", (0, 0, 1280, 720))
        painter.image("ui/title", (0, 0, 1280, 720), alpha=90)
        title = _("Settings")
        tw, th = painter.measure_letters(title, 40, bold=True)
        h = max(68, th + 16)
        painter.panel((640 - tw / 2 - 80, 30, tw + 136, h), fill="paper", radius=34)
        painter.image("icons/settings", (640 - tw / 2 - 64, 30 + h / 2 - 26, 52, 52))
        painter.text_box(title, (640 - tw / 2 + 2, 30, tw + 52, h), 40, bold=True)
        painter.panel(PANEL, fill="paper", radius=28)
        getattr(self, f"_draw_{self.page}")(painter)
        for i, b in enumerate(self.row.buttons):
            b.draw(painter, focused=i == self.row.focus, hovered=i == self.row.hover,
                   pressed=i == self.row.pressed)
        shown = self.row.focus if self.row.focus is not None else self.row.hover
        if shown is not None and shown < len(self.row.buttons) and self.row.buttons[shown].tooltip:
            draw_tooltip(painter, self.row.buttons[shown])

    def _heading(self, painter: Painter, text: str, y: float, room: float = 64) -> None:
        """A page's heading centred on ``y``: two lines or smaller letters when it is long."""
        painter.text_box(text, (PANEL.x + 48, y - room / 2, PANEL.width - 96, room), 30,
                         bold=True, align="midleft", min_size=20)

    def _draw_language(self, painter: Painter) -> None:
        self._heading(painter, self.ctx.gettext("Which language do you speak?"), PANEL.y + 48)

    def _draw_sound(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        s = self.ctx.settings
        rows = [("effects", _("Game sounds"))]
        if speech_available(self.ctx):
            rows.append(("voice", _("Voice")))
        rows.append(("music", _("Music")))
        x = PANEL.x + 40
        for k, (name, label) in enumerate(rows):
            y = PANEL.y + 176 + k * 92
            painter.text(label, (x + 16, y + 36), 28, bold=True, align="midleft")
            self._draw_level(painter, getattr(s, f"{name}_volume"), (x + 530, y + 36))
        self._heading(painter, _("Sound and music"), PANEL.y + 44)

    @staticmethod
    def _draw_level(painter: Painter, volume: float, at: tuple[float, float]) -> None:
        """The volume as five growing blocks: how loud, without reading a number."""
        level = round(volume / VOLUME_STEP)
        x0, cy = at
        for i in range(VOLUME_BLOCKS):
            h = 20 + i * 9
            on = i < level
            r = (x0 + i * 38, cy + 28 - h, 28, h)
            painter.rect("green" if on else "tile", r, 5)
            painter.rect("ink" if on else "tile_edge", r, 5, 3)

    def _draw_reading(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self._heading(painter, _("Text size"), PANEL.y + 48)
        self._heading(painter, _("Letters"), PANEL.y + 272)
        sample = _("The lamp lights up when the circuit is closed.")
        shown = painter.text(sample, (PANEL.x + 48, PANEL.y + 424), 26, wrap=PANEL.width - 96)
        note = self.font_note()
        if note:  # the chosen font has no letters of this language: say which font draws them
            top = shown.bottom + 4
            painter.text_box(note, (PANEL.x + 48, top, PANEL.width - 96, PANEL.bottom - 10 - top),
                             20, "ink_soft", bold=True, align="topleft", min_size=16)

    def font_note(self) -> str:
        """What the settings say when the chosen reading font has no letters of the language
        (OpenDyslexic has Latin letters only): the font that draws them instead, from the
        font table. Empty for the usual font and where the chosen font has the letters."""
        from game.ui.fonts import DEFAULT_FAMILY, FONT_NAMES, FONT_TABLE, script_of

        family = self.ctx.settings.reading_font
        script = script_of(LANGUAGE_NAMES.get(self.ctx.settings.language, ""))
        own, used = FONT_TABLE.get((family, "Latn")), FONT_TABLE.get((family, script))
        if family == DEFAULT_FAMILY or own is None or used is None or used == own:
            return ""
        # TRANSLATORS: settings, Reading page, under the two fonts when the child chose a font
        # without letters of this language. {chosen}: the font chosen (OpenDyslexic);
        # {font}: the font that draws this language's letters instead (Andika, Harmattan).
        # Font names stay as they are.
        return self.ctx.gettext("{chosen} has only Latin letters. Your letters are drawn in "
                                "{font}, a clear font for reading.").format(
            chosen=FONT_NAMES[own], font=FONT_NAMES[used])

    def _draw_motion(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self._heading(painter, _("Movement on the screen"), PANEL.y + 48)
        text = _("On: nothing wobbles, bounces or flies. Parts that do not work keep a cross, "
                 "so you still see everything.")
        painter.text(text, (PANEL.x + 48, PANEL.y + 210), 26, wrap=PANEL.width - 96)

    def _draw_keys(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self._heading(painter, _("Tap an action, then press its new key"), PANEL.y + 34, 52)
        if self.message:  # left of the reset button, on a note over the last keys if long
            width = PANEL.width - 380
            fit = painter.fit(self.message, width, 150, 20, 16, True)
            h = max(52, fit.height + 16)
            note = pygame.Rect(PANEL.x + 20, PANEL.bottom - 10 - h, width + 24, h)
            if h > 52:
                painter.panel(note, fill="cream", radius=14, shadow=3)
            painter.text_box(self.message, note.inflate(-24, -16), 20,
                             "blue" if self.capturing else "ink", bold=True, align="midleft",
                             min_size=16)

    def _draw_screen(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self._heading(painter, _("The game on the whole screen"), PANEL.y + 48)
        painter.text(_("The F11 key does this too."), (PANEL.x + 48, PANEL.y + 210), 26,
                     wrap=PANEL.width - 96)
        if self.row.buttons and self.keys[-1:] == ["home"]:
            painter.text_box(_("Family profiles, and a question for grown-ups before the "
                               "settings."), (PANEL.x + 48, PANEL.y + 396, PANEL.width - 96, 120),
                             24, align="topleft", min_size=18)


def painter_color(name: str) -> tuple[int, int, int]:
    from game.ui.theme import COLORS

    return COLORS[name]

