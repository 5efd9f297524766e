"""Small levels and real input for the play-screen tests (no level files needed)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.sim.model import (  # noqa: E402
    NO_TIP,
    Goal,
    GoalType,
    Hint,
    Level,
    LevelKind,
    PlacedPart,
    Solution,
    StarRule,
    Stars,
    Step,
    StepAction,
)


def street_level(level_id: str = "city-90", order: int = 90) -> Level:
    """A turbine left, two houses right; three wires and a T make it work."""
    return Level(
        id=level_id, world="city", kind=LevelKind.BUILD, order=order, groep=(5, 6),
        kerndoelen=(45,), title="Light the street", story="Bring power to both houses.",
        width=6, height=4, blocked=frozenset({(2, 3)}),
        parts=(PlacedPart("wind_turbine", (0, 1)), PlacedPart("house", (4, 0)),
               PlacedPart("house", (4, 2))),
        palette={"wire_straight": 4, "wire_corner": 2, "wire_t": 1, "switch": 1},
        goals=(Goal(GoalType.POWERED),),
        stars=Stars(two=StarRule(max_parts=6), three=StarRule(max_parts=4, max_hints=0)),
        hints=(Hint("Where does the power come from?"),
               Hint("Wires go here.", cells=((1, 1), (2, 1))),
               Hint("Try a T-wire.", ghost=PlacedPart("wire_t", (3, 1), 1))),
        parent_tip=NO_TIP, ticks=10,
        solution=Solution((
            Step(StepAction.PLACE, (1, 1), "wire_straight", 1),
            Step(StepAction.PLACE, (2, 1), "wire_straight", 1),
            Step(StepAction.PLACE, (3, 1), "wire_t", 3),  # ports S, W, N
            Step(StepAction.PLACE, (3, 0), "wire_corner", 1),  # ports E, S
            Step(StepAction.PLACE, (3, 2), "wire_corner", 0),  # ports N, E
        ), stars=2),
    )


def post_click(app, logical: tuple[float, float], button: int = 1) -> None:
    """A real mouse press and release at a logical point, through the app's event queue."""
    pos = app.view.point(logical)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    if button == 1:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def post_key(key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                         scancode=0))


def settle(app, fake_time, seconds: float, fps: int = 30, draw_all: bool = True) -> None:
    """Let ``seconds`` of game time pass, frame by frame (``draw_all`` False: every frame's
    events and updates run, but only the last frame is drawn, for a test that looks at no
    frame in between)."""
    frames = round(seconds * fps)
    for frame in range(frames):
        fake_time.advance(1 / fps)
        app.step_frame(draw=draw_all or frame == frames - 1)


def start_play(app, level: Level | None = None):
    """The play screen of ``level`` (a small street level by default), laid out and drawn."""
    from game.scenes.play import PlayScene

    level = level or street_level()
    app.ctx.levels = [level]
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(2)  # lay out the board
    return scene


def solution_running(ctx, level: Level, seconds: float, fps: int = 60):
    """A play screen of ``level`` on ``ctx``'s stack with its reference solution built and
    tested, ``seconds`` into the run (the screenshots and mid-run checks of several tests)."""
    from game.scenes.play import PlayScene
    from game.sim.model import StepAction

    scene = PlayScene(ctx, level)
    ctx.stack.push(scene)
    for step in level.solution.steps:
        if step.action != StepAction.ANSWER:
            scene.editor.apply(step)
    scene._after_edit()
    scene.start_test()
    for _ in range(round(seconds * fps)):
        scene.update(1 / fps)
    return scene
