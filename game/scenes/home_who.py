""""Who is playing?" at home: the family's profiles (a first name and an avatar, up to six).

A child taps their own picture and plays with their own stars. Adding a profile, and the
family page where a profile is deleted, are for grown-ups: both are behind the parental
gate (game/scenes/parent_gate.py). A deleted profile takes everything it holds with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.home import MAX_PROFILES, FamilyFull, family, play_as_child
from game.input import Action, Intent
from game.progress.records import DuplicateName, InvalidRecord
from game.scenes.base import Scene, handle_card
from game.scenes.player import start_playing
from game.speech import sentences
from game.ui.anim import motion
from game.ui.forms import (
    FieldEntry,
    FocusRow,
    TextField,
    avatar_names,
    draw_avatar,
    draw_avatar_row,
    draw_backdrop,
    draw_heading,
    fit,
    icon,
)
from game.ui.guide_view import refresh_speaker, speaker_button
from game.ui.textfit import MIN_BODY
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_focus

TILE_W, TILE_H, TILE_GAP = 230, 240, 24


def tile_rect(k: int, count: int) -> pygame.Rect:
    """The ``k``-th of ``count`` tiles: one row up to four, else two rows of up to four."""
    cols = count if count <= 4 else math.ceil(count / 2)
    rows = 1 if count <= 4 else 2
    left = 640 - (cols * TILE_W + (cols - 1) * TILE_GAP) // 2
    top = 150 if rows == 2 else 260
    return pygame.Rect(left + (k % cols) * (TILE_W + TILE_GAP),
                       top + (k // cols) * (TILE_H + TILE_GAP), TILE_W, TILE_H)


class WhoScene(Scene):
    """The profiles as big tiles; an add tile and the grown-ups' button lead to the gate."""

    manage = False  # the family page (FamilyScene): a tap deletes instead of playing

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.profiles: list = []
        self.row = FocusRow()
        self.toast = Toast(4.0)
        self.t = 0.0

    def enter(self) -> None:
        self.profiles = list(family(self.ctx).profiles)
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back")))]
        if not self.manage:
            items.append(("grownups", Button(
                pygame.Rect(904, 28, 72, 72), self.open_family,
                icon=icon(self.ctx.art, "icons/parent", "icons/lock"),
                # TRANSLATORS: tooltip of the button to the family's profiles (behind the gate)
                tooltip=_("For grown-ups: the family's profiles"))))
            items.append(("guest", Button(
                pygame.Rect(1000, 28, 240, 72), self.guest, label=_("Guest"),
                icon=icon(self.ctx.art, "icons/free_play", "icons/play"),
                # TRANSLATORS: at home, the guest button on "Who is playing?"
                tooltip=_("Play without a name: the stars are kept for the guest"))))
        count = len(self.profiles) + (0 if len(self.profiles) >= MAX_PROFILES else 1)
        for k, p in enumerate(self.profiles):
            items.append((f"child:{p.id}", Button(tile_rect(k, count),
                                                  lambda p=p: self.pick(p), tooltip="")))
        if len(self.profiles) < MAX_PROFILES:
            # TRANSLATORS: the tile that adds a child's profile at home
            label = _("Add a player")
            items.append(("add", Button(tile_rect(len(self.profiles), count), self.add,
                                        label=label, tooltip="")))
        speak = speaker_button(self.ctx, (0, 0, 64, 64), self.read_aloud_text)
        if speak is not None:
            items.append(("speak", speak))
        first = next((k for k, _b in items if k.startswith("child:")), "add")
        current = f"child:{self.ctx.child.id}" if self.ctx.child is not None else None
        self.row.set(items, focus=self.row.focused_key() or current or first)

    def heading(self) -> str:
        return self.ctx.gettext("Who is playing?")

    def read_aloud_text(self) -> str:
        _ = self.ctx.gettext
        if not self.profiles:
            return sentences(self.heading(), self.empty_text())
        return sentences(self.heading(), _("Tap your own picture."))

    def empty_text(self) -> str:
        return self.ctx.gettext("No profiles yet. A grown-up adds one for each child, or tap "
                                "Guest to play.")

    # --- actions ---------------------------------------------------------------------------
    def pick(self, profile) -> None:
        play_as_child(self.ctx, profile)
        self.ctx.audio.play("click")
        self.ctx.back_to("title")
        start_playing(self.ctx)

    def guest(self) -> None:
        play_as_child(self.ctx, None)
        self.ctx.audio.play("click")
        self.ctx.back_to("title")
        start_playing(self.ctx)

    def add(self) -> None:
        self.ctx.push("parent_gate", then="home_profile")

    def open_family(self) -> None:
        self.ctx.push("parent_gate", then="home_family")

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.ctx.stack.pop()
            return True
        return self.row.handle(action)

    def update(self, dt: float) -> None:
        self.t += dt
        self.toast.update(dt)

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        draw_backdrop(painter, teacher=self.manage)
        head = draw_heading(painter, self.heading(), icon_name=icon(
            painter, "icons/parent" if self.manage else "icons/pupil", "icons/home"),
            max_width=600)
        speak = self.row.button("speak")
        if speak is not None:
            refresh_speaker(speak, self.ctx)
            speak.rect.topleft = (head.right + 16, round(head.centery - 32))
        self.draw_note(painter)
        for k, key in enumerate(self.row.keys):
            b = self.row.buttons[k]
            state = dict(focused=k == self.row.focus, hovered=k == self.row.hover,
                         pressed=k == self.row.pressed)
            if key.startswith("child:"):
                self._draw_tile(painter, b, key.split(":", 1)[1], **state)
            elif key == "add":
                self._draw_add(painter, b, **state)
            else:
                b.draw(painter, **state)
        self.toast.draw(painter)

    def draw_note(self, painter: Painter) -> None:
        if not self.profiles:
            painter.text_box(self.empty_text(), (240, 130, 800, 100), 26, bold=True,
                             min_size=MIN_BODY)

    def _tile_base(self, painter: Painter, b: Button, focused: bool, hovered: bool,
                   pressed: bool, fill: str = "paper") -> pygame.Rect:
        r = b.rect.move(0, 3 if pressed else 0)
        if focused:
            draw_focus(painter, r, 24)
        painter.panel(r, fill="yellow" if hovered else fill, radius=24, shadow=0 if pressed else 4)
        return r

    def _draw_tile(self, painter: Painter, b: Button, profile_id: str, focused: bool,
                   hovered: bool, pressed: bool) -> None:
        profile = next((p for p in self.profiles if p.id == profile_id), None)
        if profile is None:
            return
        me = self.ctx.child is not None and self.ctx.child.id == profile.id
        r = self._tile_base(painter, b, focused, hovered, pressed, "cream" if me else "paper")
        bob = 3 * math.sin(self.t * 2) * motion(self.ctx.settings) if focused or hovered else 0
        size = min(r.width - 40, r.height - 70)
        draw_avatar(painter, profile.avatar, profile.name,
                    (r.centerx - size / 2, r.y + 12 + bob, size, size))
        name, s = fit(painter, profile.name, r.width - 20, 30)
        painter.text(name, (r.centerx, r.bottom - 30), s, bold=True, align="center")
        if self.manage:
            painter.circle("vermillion", (r.right - 26, r.y + 26), 22)
            painter.image(icon(painter, "icons/delete", "icons/remove"),
                          (r.right - 44, r.y + 8, 36, 36))

    def _draw_add(self, painter: Painter, b: Button, focused: bool, hovered: bool,
                  pressed: bool) -> None:
        r = self._tile_base(painter, b, focused, hovered, pressed)
        painter.circle("green", (r.centerx, r.y + 84), 58)
        painter.circle("ink", (r.centerx, r.y + 84), 58, 4)
        painter.image(icon(painter, "icons/plus", "icons/check"), (r.centerx - 36, r.y + 48,
                                                                    72, 72))
        if not self.manage:
            painter.image("icons/lock", (r.right - 48, r.y + 10, 36, 36))
        painter.text_box(b.label, (r.x + 12, r.y + 152, r.width - 24, r.height - 160), 26,
                         bold=True, min_size=16)


class FamilyScene(WhoScene):
    """Behind the gate: the family's profiles to add to or delete (with a question first)."""

    manage = True

    def heading(self) -> str:
        # TRANSLATORS: the heading of the grown-ups' page that adds and deletes profiles
        return self.ctx.gettext("Family profiles")

    def read_aloud_text(self) -> str:
        return sentences(self.heading(), self._note_text())

    def _note_text(self) -> str:
        _ = self.ctx.gettext
        if self.profiles:
            return _("Tap a profile to delete it, with all its stars.")
        return _("No profiles yet. Add one for each child.")

    def draw_note(self, painter: Painter) -> None:
        painter.text_box(self._note_text(), (160, 640 - 24, 960, 80), 26, bold=True,
                         min_size=MIN_BODY)

    def add(self) -> None:
        self.ctx.push("home_profile")

    def pick(self, profile) -> None:
        _ = self.ctx.gettext

        def gone() -> None:
            family(self.ctx).delete(profile.id)
            if self.ctx.child is not None and self.ctx.child.id == profile.id:
                play_as_child(self.ctx, None)
            self.enter()

        self.ctx.stack.push(HomeConfirm(
            # TRANSLATORS: asked before a child's profile is deleted; {name}: its first name
            self.ctx, _("Delete {name}?").format(name=profile.name),
            _("This deletes the profile and all its stars on this computer. It cannot be "
              "undone."), gone))


class HomeConfirm(Scene):
    """"Delete Sam?": the safe answer has the focus; Delete does it."""

    opaque = False

    def __init__(self, ctx, question: str, warning: str, on_yes: Callable[[], None]) -> None:
        super().__init__(ctx)
        self.question, self.warning, self.on_yes = question, warning, on_yes
        self.row = FocusRow()

    def enter(self) -> None:
        _ = self.ctx.gettext
        self.row.set([
            ("no", Button(pygame.Rect(300, 470, 300, 80), self.ctx.stack.pop,
                          label=_("No, keep it"), icon="icons/back", fill="yellow")),
            ("yes", Button(pygame.Rect(680, 470, 300, 80), self.yes, label=_("Delete"),
                           icon=icon(self.ctx.art, "icons/delete", "icons/remove"),
                           fill="vermillion", text_color="white")),
        ], focus=self.row.focused_key() or "no")

    def yes(self) -> None:
        self.ctx.stack.pop()
        self.on_yes()

    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.ctx.stack.pop)

    def draw(self, painter: Painter) -> None:
        painter.rect((43, 45, 66, 150), (0, 0, 1280, 720))
        painter.panel((250, 150, 780, 430), fill="paper", radius=28)
        painter.image("icons/attention", (290, 190, 72, 72))
        painter.text_box(self.question, (386, 176, 600, 110), 34, bold=True, align="midleft",
                         min_size=20)
        painter.text_box(self.warning, (300, 300, 680, 150), 26, align="topleft",
                         min_size=MIN_BODY)
        self.row.draw(painter)


class ProfileScene(FieldEntry, Scene):
    """Behind the gate: a new profile, a first name (typed) and an avatar (tapped)."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        _ = ctx.gettext
        self.field = TextField(pygame.Rect(300, 128, 560, 72), "", 20,
                               _("Nickname or first name"))
        self.avatars = avatar_names(ctx.art)[:30]
        used = {p.avatar for p in family(ctx).profiles}
        self.avatar = next((a for a in self.avatars if a not in used), self.avatars[0])
        self.row = FocusRow()
        self.toast = Toast(4.0)
        self.wants_text = True

    def enter(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back without saving")))]
        for i, name in enumerate(self.avatars):
            items.append((f"avatar:{name}", Button(
                pygame.Rect(72 + (i % 10) * 114, 262 + (i // 10) * 110, 100, 100),
                lambda n=name: self.choose(n))))
        items.append(("save", Button(pygame.Rect(958, 616, 250, 72), self.save,
                                     label=_("Save"), icon="icons/check", fill="yellow",
                                     text_size=30)))
        self.row.set(items)

    def choose(self, avatar: str) -> None:
        self.avatar = avatar
        self.ctx.audio.play("click")

    def save(self) -> None:
        _ = self.ctx.gettext
        name = self.field.value
        try:
            family(self.ctx).add(name, self.avatar)
        except FamilyFull:
            self.toast.show(_("A family has at most six profiles."), "guide/guide_thinking")
            return
        except DuplicateName:
            # TRANSLATORS: {name} is a child's name already used in the family
            self.toast.show(_("There is already a {name} in the family.").format(name=name),
                            "guide/guide_thinking")
            return
        except InvalidRecord:
            self.toast.show(_("Type the child's name first."), "guide/guide_thinking")
            return
        self.ctx.audio.play("click")
        self.ctx.stack.pop()

    def submit(self) -> None:  # Enter in the name field
        self.save()

    def update(self, dt: float) -> None:
        self.field.update(dt)
        self.toast.update(dt)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        # TRANSLATORS: the heading of the form that adds a child's profile at home
        draw_heading(painter, _("New player"), icon_name=icon(painter, "icons/pupil",
                                                               "icons/home"))
        painter.panel((40, 112, 1200, 490), fill="paper", radius=24, shadow=4)
        painter.text_box(_("Name"), (72, 136, 210, 56), 28, bold=True, align="midleft",
                         min_size=16)
        self.field.draw(painter)
        draw_avatar(painter, self.avatar, self.field.value, (1080, 116, 110, 110))
        painter.text_box(_("Avatar"), (72, 214, 300, 44), 24, bold=True, align="midleft",
                         min_size=16)
        draw_avatar_row(painter, self.row, self.avatar)
        self.toast.draw(painter, bottom=600)
