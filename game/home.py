"""The home version: where the game is played (school or home) and the family's profiles.

A PC whose school store has classes, or that talks to a school server, is at school without
asking. Any other PC asks once, at the first start ("at school or at home?"), and keeps the
answer in its settings (``Settings.place``); a parent changes it behind the parental gate.

At home a family has up to :data:`MAX_PROFILES` profiles: a first name and an avatar, nothing
else. They live in ``family.json`` in the data folder; each child's progress in a folder of
its own (``family/<id>/progress.json``), so deleting a profile deletes its folder and with it
everything the profile holds. No pygame here: the screens are ``game/scenes/home_*.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from game.settings import (
    DamagedFile,
    FileNotes,
    data_dir,
    keep_copy,
    read_json,
    save_problem,
    warn,
    write_atomic,
)

SCHOOL, HOME = "school", "home"
PLACES = (SCHOOL, HOME)
FAMILY_FILE = "family.json"
FAMILY_DIR = "family"
FAMILY_VERSION = 1
MAX_PROFILES = 6
MAX_NAME = 20  # a first name or nickname, as in a class
FAMILY_MAX_BYTES = 1 << 20

#: one line on stderr (the parents' page says where the files are)
FAMILY_SET_ASIDE = ("the family file {file} was damaged; a copy was kept as {copy}, and the "
                    "family profiles start again")


class FamilyFull(ValueError):
    """A seventh profile: the family already has :data:`MAX_PROFILES`."""


# --- school or home ----------------------------------------------------------------------------
def place(ctx) -> str | None:
    """"school", "home", or None while nobody has answered the first-start question.

    A school store with classes, or a school server, means school whatever the settings say.
    """
    settings = ctx.settings
    school = ctx.school
    if settings.db_url or (school is not None and school.is_server):
        return SCHOOL
    if school is not None:
        try:
            if school.classes():
                return SCHOOL
        except Exception:  # noqa: BLE001 - a store that does not answer: ask nothing now
            return SCHOOL
    chosen = settings.place
    return chosen if chosen in PLACES else None


def at_home(ctx) -> bool:
    """True when the game is played at home (family profiles, the parental gate)."""
    return place(ctx) == HOME


def should_ask(ctx) -> bool:
    """Whether to ask "at school or at home?" now: the store has opened (so its classes are
    known) and nobody has answered yet. (Tests that are not about the first start make this
    False: tests/conftest.py.)"""
    if ctx.school is None or ctx.settings.place in PLACES:
        return False
    return place(ctx) is None


def open_guarded(ctx, name: str, **args) -> None:
    """Open screen ``name`` (a destination of game/scenes/nav.py); at home behind the parental
    gate. For everything a child should not reach alone at home: the settings, the family's
    profiles, and anything that leaves the game (a file, a folder, a link)."""
    if at_home(ctx):
        ctx.push("parent_gate", then=name, args=args)
    else:
        ctx.push(name, **args)


def open_settings(ctx, **args) -> None:
    """The settings screen; at home behind the parental gate."""
    open_guarded(ctx, "settings", **args)


def choose_place(ctx, where: str) -> None:
    """Keep the answer in this PC's settings."""
    if where not in PLACES:
        raise ValueError(f"place must be one of {PLACES}, not {where!r}")
    ctx.settings.place = where
    ctx.settings.save()


# --- the family's profiles ---------------------------------------------------------------------
@dataclass
class Profile:
    id: str
    name: str
    avatar: str
    settings: dict = field(default_factory=dict)  # the child's own language, text size...


def _profile(raw: object) -> Profile:
    from game.progress.records import check_avatar, clean_name

    if not isinstance(raw, dict):
        raise ValueError("not a profile")
    pid = raw.get("id")
    if not isinstance(pid, str) or len(pid) != 32 or not all(c in "0123456789abcdef" for c in pid):
        raise ValueError("bad id")
    settings = raw.get("settings", {})
    if not isinstance(settings, dict):
        settings = {}
    return Profile(pid, clean_name(raw.get("name"), "name", MAX_NAME),
                   check_avatar(raw.get("avatar")), settings)


class Family:
    """The profiles in ``<data>/family.json``; every change is saved at once, atomically."""

    def __init__(self, folder: str | os.PathLike[str] | None = None,
                 notes: FileNotes | None = None) -> None:
        self.folder = data_dir(folder)
        self.path = self.folder / FAMILY_FILE
        self.notes = notes or FileNotes()
        self.profiles: list[Profile] = []
        self._load()

    def _load(self) -> None:
        try:
            raw = read_json(self.path, FAMILY_MAX_BYTES)
            if not isinstance(raw, dict) or not isinstance(raw.get("profiles"), list):
                raise DamagedFile("no profiles")
            profiles = [_profile(p) for p in raw["profiles"]][:MAX_PROFILES]
        except FileNotFoundError:
            return
        except (DamagedFile, ValueError, OSError):
            copy = keep_copy(self.path)
            warn(FAMILY_SET_ASIDE.format(file=self.path, copy=copy.name if copy else "-"))
            return
        self.profiles = profiles

    def save(self) -> None:
        data = {"version": FAMILY_VERSION,
                "profiles": [{"id": p.id, "name": p.name, "avatar": p.avatar,
                              "settings": p.settings} for p in self.profiles]}
        try:
            write_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)
        except OSError as exc:
            save_problem(self.notes, "family-save", self.path, exc)

    # --- the profiles ---------------------------------------------------------------------------
    def find(self, profile_id: str) -> Profile | None:
        return next((p for p in self.profiles if p.id == profile_id), None)

    @property
    def full(self) -> bool:
        return len(self.profiles) >= MAX_PROFILES

    def add(self, name: str, avatar: str) -> Profile:
        """A new profile; raises ValueError (InvalidRecord) for a bad or taken name, and
        :class:`FamilyFull` for a seventh."""
        from game.progress.records import DuplicateName, check_avatar, clean_name, name_key

        if self.full:
            raise FamilyFull(f"a family has at most {MAX_PROFILES} profiles")
        name = clean_name(name, "name", MAX_NAME)
        if any(name_key(p.name) == name_key(name) for p in self.profiles):
            raise DuplicateName(f"name {name!r} is already in the family")
        profile = Profile(uuid.uuid4().hex, name, check_avatar(avatar))
        self.profiles.append(profile)
        self.save()
        return profile

    def delete(self, profile_id: str) -> None:
        """The profile and everything it holds (its progress folder), for good."""
        self.profiles = [p for p in self.profiles if p.id != profile_id]
        self.save()
        shutil.rmtree(self.child_folder(profile_id), ignore_errors=True)

    def child_folder(self, profile_id: str) -> Path:
        if not profile_id.isalnum():  # an id is 32 hex digits: never a path
            raise ValueError("bad profile id")
        return self.folder / FAMILY_DIR / profile_id

    def progress(self, profile_id: str):
        """The child's own progress (stars per level), in their folder."""
        from game.progress.store import JsonProgressStore

        return JsonProgressStore(self.child_folder(profile_id), profile=profile_id,
                                 notes=self.notes)

    def save_settings(self, profile_id: str, values: dict) -> None:
        profile = self.find(profile_id)
        if profile is not None:
            profile.settings = dict(values)
            self.save()


def family(ctx) -> Family:
    """The family of this PC (read from its file each time: small, and always current)."""
    return Family(ctx.settings.folder)


def play_as_child(ctx, profile: Profile | None) -> None:
    """Make ``profile`` (None: the guest) the one playing at home: their progress and their
    own settings; nothing goes into the school store's attempts for a profile."""
    from game.i18n import apply_language
    from game.scenes.player import play_as

    play_as(ctx, None)  # the guest first: the PC's settings, no pupil, no lesson
    ctx.child = profile
    if profile is None:
        return
    fam = family(ctx)
    ctx.store = fam.progress(profile.id)
    ctx.logging = False  # the child's progress is in their own folder
    ctx.settings.use_pupil(profile.settings,
                           lambda values, p=profile.id: family(ctx).save_settings(p, values))
    apply_language(ctx, ctx.settings.language)
    ctx.audio.apply_settings(ctx.settings)
