"""The navigation table: every screen one screen opens from another, by name.

A scene never imports another scene to open it. It asks the Context::

    self.ctx.push("play", level=level)      # on top of this one
    self.ctx.replace("play", level=level)   # instead of this one
    self.ctx.back_to("title")               # pop until that screen is on top

This module is the one place that knows which class a name stands for. The classes are
imported only when a screen of theirs is first opened, so starting the game does not load
every screen, and no import cycle runs through the scenes (tests/test_scene_graph.py).
Tests and the gallery may still construct scenes directly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.context import Context
    from game.scenes.base import Scene

#: destination name -> "module:class" under game.scenes; the class is called as
#: ``cls(ctx, **args)``
ROUTES: dict[str, str] = {
    # pupils
    "title": "title:TitleScene",
    "class_pick": "login:ClassPickScene",
    "avatar": "login:AvatarScene",
    "store_problem": "login:StoreProblemScene",
    "world_map": "world_map:WorldMapScene",
    "level_select": "level_select:LevelSelectScene",
    "lesson": "level_select:LessonScene",
    "play": "play:PlayScene",
    "pause": "pause:PauseScene",
    "info_card": "info_card:InfoCard",
    "question": "question:QuestionScene",
    "predict_table": "question:TableQuestionScene",
    "result": "result:ResultScene",
    "celebration": "celebration:CelebrationScene",
    "settings": "settings_menu:SettingsScene",
    "stop": "stop_card:StopCard",
    # at home (game.home): the first start's question, "who is playing?", the parental gate
    # and what it opens (the profiles, a new profile, the parents' page)
    "home_place": "home_place:PlaceScene",
    "home_who": "home_who:WhoScene",
    "parent_gate": "parent_gate:ParentGateScene",
    "home_family": "home_who:FamilyScene",
    "home_profile": "home_who:ProfileScene",
    "home_parents": "home_parents:ParentsScene",
    # homework from school (game.homework): a parent opens it, the child plays its levels
    "homework_in": "homework_in:HomeworkInScene",
    "homework": "level_select:HomeworkScene",
    # the way into the teacher area
    "pin": "teacher_gate:PinScene",
    # teachers (behind the PIN)
    "teacher_home": "teacher_home:TeacherHomeScene",
    "notices": "teacher_home:NoticesScene",
    "choose_class": "teacher_home:ChooseClassScene",
    "new_pin": "teacher_gate:NewPinScene",
    "classes": "classes:ClassesScene",
    "pupil_form": "classes:PupilScene",
    "lessons": "lessons:LessonsScene",
    "lesson_edit": "lessons:LessonEditScene",
    "lesbrief_pick": "lesbrief_pick:LesbriefPickScene",
    "homework_out": "homework_out:HomeworkOutScene",
    "dashboard": "dashboard:DashboardScene",
    "pupil_page": "pupil_page:PupilPage",
    "attempt": "attempt_view:AttemptView",
    "data": "teacher_data:DataScene",
}


class UnknownDestination(KeyError):
    """A name that is not in :data:`ROUTES` (a typo in a scene, caught by the tests)."""


def scene_class(name: str) -> type[Scene]:
    """The class a destination name stands for (imported on first use)."""
    try:
        module, cls = ROUTES[name].split(":")
    except KeyError:
        raise UnknownDestination(f"no screen is called {name!r} in game/scenes/nav.py") from None
    found: type[Scene] = getattr(importlib.import_module(f"game.scenes.{module}"), cls)
    return found


def make(ctx: Context, name: str, **args: Any) -> Scene:
    """A new scene for destination ``name``."""
    return scene_class(name)(ctx, **args)


def push(ctx: Context, name: str, **args: Any) -> Scene:
    scene = make(ctx, name, **args)
    ctx.stack.push(scene)
    return scene


def replace(ctx: Context, name: str, **args: Any) -> Scene:
    scene = make(ctx, name, **args)
    ctx.stack.replace(scene)
    return scene


def back_to(ctx: Context, name: str) -> None:
    """Pop until a screen of destination ``name`` is on top (or only one screen is left)."""
    ctx.stack.pop_to(scene_class(name))


def is_at(scene: object, name: str) -> bool:
    """Whether ``scene`` is a screen of destination ``name`` (a subclass counts)."""
    return isinstance(scene, scene_class(name))
