"""Who plays, shared by the screens that show it: the profile and its settings, the badge
of the pupil playing now (tap: someone else plays), and the sound switch.

No screen of its own: any scene may import it (tests/test_scene_graph.py).
"""

from __future__ import annotations

import pygame

from game.ui.forms import draw_avatar, fit, icon
from game.ui.view import Painter
from game.ui.widgets import Button


def profile_store(ctx, pupil_id: str | None):
    """The progress of one pupil (None: the guest) in the school store."""
    from game.progress.profile import ProfileStore

    return ProfileStore(ctx.school, pupil_id, ctx.settings.folder)


def guest_store(ctx):
    """The guest's progress: in the school store when there is one, else what the game has."""
    if ctx.school is None:
        return ctx.store
    return profile_store(ctx, None)


def settings_for(ctx, pupil) -> None:
    """Put ``pupil``'s own settings in force at once (None: this PC's own, for the guest and
    the teacher): language, sound and keys now; text size and reading font are read live.

    A pupil's changes from then on are saved in their profile in the school store, so they get
    them back on any PC; this PC's file keeps the PC's values for the next child.
    """
    from game.i18n import apply_language

    settings = ctx.settings
    school = ctx.school
    if pupil is None or school is None:
        settings.use_pc()
    else:
        try:
            saved = school.pupil_settings(pupil.id)
        except Exception as exc:  # noqa: BLE001 - a lost server must not stop the login
            from game.settings import warn

            warn(f"could not read the pupil's settings: {exc}")
            saved = {}
        settings.use_pupil(saved, lambda values, p=pupil.id: school.save_pupil_settings(p, values))
    apply_language(ctx, settings.language)
    ctx.audio.apply_settings(settings)
    # keys: the App's input mapper follows settings.keys by itself (game.input)


def play_as(ctx, pupil) -> None:
    """Make ``pupil`` (None: the guest) the one playing, with their class's active lesson."""
    ctx.pupil = pupil
    ctx.teacher = False
    ctx.logging = True
    settings_for(ctx, pupil)
    if ctx.school is None:
        ctx.lesson = None
        return
    ctx.store = profile_store(ctx, pupil.id if pupil is not None else None)
    ctx.lesson = ctx.school.active_lesson(pupil.class_id) if pupil is not None else None


def start_playing(ctx, homework: bool = False) -> None:
    """From the title: the lesson's levels when the class has a lesson on, else the map; at
    home, over the map, the homework from school while it is not done (``homework``: even
    when it is)."""
    if ctx.pupil is not None and ctx.school is not None:  # the teacher may have switched it
        ctx.lesson = ctx.school.active_lesson(ctx.pupil.class_id)
    if ctx.lesson is not None:
        ctx.push("lesson", lesson=ctx.lesson)
        return
    ctx.push("world_map")
    from game import home
    from game import homework as hw

    if home.at_home(ctx):
        found = hw.of_family(ctx)
        if found is not None and (homework or not hw.all_done(ctx.store, found)):
            ctx.push("homework", homework=found)


def chosen(ctx, pupil) -> None:
    """A pupil tapped their avatar: back to the title underneath, then straight into play."""
    play_as(ctx, pupil)
    ctx.audio.play("click")
    ctx.back_to("title")
    start_playing(ctx)


def switch_player(ctx) -> None:
    """The "switch player" button: the avatars of the same class (one tap to be someone else)."""
    pupil = ctx.pupil
    if ctx.school is None:
        return
    if pupil is not None:
        ctx.push("avatar", class_id=pupil.class_id)
    else:
        ctx.push("class_pick")


def toggle_mute(ctx) -> None:
    """Mute or unmute, and remember it: the same on every screen and for the M key."""
    ctx.audio.toggle_mute()
    ctx.settings.muted = bool(ctx.audio.muted)
    ctx.settings.save()


def sound_icon(ctx) -> str:
    return "icons/sound_off" if ctx.settings.muted else "icons/sound_on"



BADGE_PLATE_W = 230  # the avatar and name, left of the switch button


def player_badge(ctx, rect: pygame.Rect) -> Button | None:
    """The "switch player" button for the pupil (or, at home, the child) playing now (None
    for nobody / no classes)."""
    _ = ctx.gettext
    if ctx.child is not None and not ctx.teacher:
        return Button(rect, lambda: ctx.push("home_who"), icon=icon(ctx.art, "icons/switch_user",
                                                                     "icons/retry"),
                      tooltip=_("Someone else wants to play"))
    if ctx.pupil is None or ctx.school is None or ctx.teacher:
        return None
    return Button(rect, lambda: switch_player(ctx), icon=icon(ctx.art, "icons/switch_user",
                                                                 "icons/retry"),
                  tooltip=_("Someone else wants to play"))


def draw_player_badge(painter: Painter, ctx, button: Button, focused: bool = False,
                      hovered: bool = False, pressed: bool = False) -> None:
    """Who is playing (avatar and name) on a plate that ends in the switch button."""
    pupil = ctx.pupil or ctx.child
    if pupil is None:
        return
    r = button.rect
    plate = pygame.Rect(r.x - BADGE_PLATE_W, r.y + 4, BADGE_PLATE_W + r.width // 2, r.height - 8)
    painter.panel(plate, fill="paper", radius=plate.height / 2, shadow=3)
    draw_avatar(painter, pupil.avatar, pupil.name, (plate.x + 4, plate.y + 2, plate.height - 4,
                                                     plate.height - 4))
    name, size = fit(painter, pupil.name, BADGE_PLATE_W - plate.height - 14, 24)
    painter.text(name, (plate.x + plate.height + 6, plate.centery), size, bold=True,
                 align="midleft")
    button.draw(painter, focused=focused, hovered=hovered, pressed=pressed)
