"""The scene stack: life cycle calls, events from the top down, overlays drawn over scenes."""

from game.input import Action, Intent
from game.scenes.base import Scene, SceneStack


class Probe(Scene):
    def __init__(self, name, log, uses=(), opaque=True):
        super().__init__(ctx=None)
        self.name, self.log, self.uses, self.opaque = name, log, set(uses), opaque

    def enter(self):
        self.log.append(f"enter {self.name}")

    def exit(self):
        self.log.append(f"exit {self.name}")

    def handle(self, action):
        self.log.append(f"handle {self.name}")
        return action.intent in self.uses

    def update(self, dt):
        self.log.append(f"update {self.name}")

    def draw(self, painter):
        self.log.append(f"draw {self.name}")


def test_push_pop_replace_call_enter_and_exit():
    log: list[str] = []
    stack = SceneStack()
    a, b, c = Probe("a", log), Probe("b", log), Probe("c", log)
    stack.push(a)
    stack.push(b)
    stack.replace(c)
    assert stack.pop() is c
    assert log == ["enter a", "exit a", "enter b", "exit b", "enter c", "exit c", "enter a"]
    assert stack.top is a


def test_events_go_down_through_overlays_but_not_past_an_opaque_scene():
    log: list[str] = []
    stack = SceneStack()
    stack.push(Probe("bottom", log, uses={Intent.SELECT}))
    stack.push(Probe("level", log, uses={Intent.UNDO}))
    stack.push(Probe("pause", log, opaque=False))
    log.clear()
    assert stack.handle(Action(Intent.UNDO))
    assert log == ["handle pause", "handle level"]
    log.clear()
    assert not stack.handle(Action(Intent.SELECT))  # the opaque level stops it
    assert log == ["handle pause", "handle level"]


def test_draw_starts_at_the_top_opaque_scene_and_only_the_top_updates():
    log: list[str] = []
    stack = SceneStack()
    for name, opaque in (("map", True), ("level", True), ("pause", False)):
        stack.push(Probe(name, log, opaque=opaque))
    log.clear()
    stack.draw(painter=None)
    stack.update(0.1)
    assert log == ["draw level", "draw pause", "update pause"]


def test_pop_to_stops_at_the_scene_type_or_the_last_scene():
    log: list[str] = []
    stack = SceneStack()

    class Menu(Probe):
        pass

    stack.push(Probe("title", log))
    stack.push(Menu("menu", log))
    stack.push(Probe("level", log))
    stack.push(Probe("pause", log, opaque=False))
    stack.pop_to(Menu)
    assert isinstance(stack.top, Menu) and len(stack) == 2
    stack.pop_to(type("Nowhere", (Scene,), {}))
    assert len(stack) == 1
    assert SceneStack().pop() is None


class LifeProbe(Probe):
    """A Probe that also logs being covered, uncovered and closed for good."""

    def on_cover(self):
        self.log.append(f"cover {self.name}")

    def on_uncover(self):
        self.log.append(f"uncover {self.name}")

    def on_close(self):
        self.log.append(f"close {self.name}")


def test_a_scene_is_told_when_it_is_covered_and_when_it_is_gone():
    log: list[str] = []
    stack = SceneStack()
    a, b, c = LifeProbe("a", log), LifeProbe("b", log), LifeProbe("c", log)
    stack.push(a)
    stack.push(b)
    assert log == ["enter a", "exit a", "cover a", "enter b"]
    log.clear()
    stack.replace(c)
    assert log == ["exit b", "close b", "enter c"]  # a stays covered: nothing for it
    log.clear()
    assert stack.pop() is c
    assert log == ["exit c", "close c", "uncover a", "enter a"]
    log.clear()
    assert stack.pop() is a
    assert log == ["exit a", "close a"]
    assert stack.pop() is None and log == ["exit a", "close a"]


class MapProbe(LifeProbe):
    pass


def test_pop_to_closes_the_scenes_between_without_entering_them():
    log: list[str] = []
    stack = SceneStack()
    home = MapProbe("map", log)
    stack.push(home)
    for n in ("levels", "play", "pause"):
        stack.push(LifeProbe(n, log))
    log.clear()
    stack.pop_to(MapProbe)
    assert log == ["exit pause", "close pause", "close play", "close levels",
                   "uncover map", "enter map"]
    assert stack.scenes == (home,)
    log.clear()
    stack.pop_to(MapProbe)  # already there: nothing happens
    assert log == []


def test_clear_closes_every_scene_once_top_first():
    log: list[str] = []
    stack = SceneStack()
    for n in ("title", "map", "play"):
        stack.push(LifeProbe(n, log))
    log.clear()
    stack.clear()
    assert log == ["exit play", "close play", "close map", "close title"]
    assert len(stack) == 0


def test_a_covered_or_closed_scene_stops_reading_aloud():
    import types

    class Voice:
        stops = 0

        def stop(self):
            self.stops += 1

    voice = Voice()
    ctx = types.SimpleNamespace(speech=voice)
    stack = SceneStack()
    stack.push(Scene(ctx))
    stack.push(Scene(ctx))  # the first is covered: its words stop, the new screen speaks
    assert voice.stops == 1
    stack.pop()  # the second is gone for good; the first, uncovered, may speak again
    assert voice.stops == 2
    stack.push(Scene(types.SimpleNamespace(speech=None)))  # covers the first again
    assert voice.stops == 3
    stack.clear()  # the top one has no speech engine: only the first stops its voice
    assert voice.stops == 4


def test_closing_the_game_closes_every_screen_while_the_store_is_still_open(app):
    """The window closes: each scene is told it is gone (a level being played is left as with
    Back), before the school store closes."""
    app.run_frames(3)  # the school store opens after the first frame
    assert app.ctx.school is not None
    log: list[str] = []

    class Watching(LifeProbe):
        def on_close(self):
            super().on_close()
            log.append(f"store open: {app.ctx.school is None or not closed}")

    closed = False
    real_close = app.ctx.school.close

    def close_store():
        nonlocal closed
        closed = True
        real_close()

    app.ctx.school.close = close_store
    app.ctx.stack.push(Watching("play", log))
    app.ctx.stack.push(LifeProbe("pause", log))
    log.clear()
    app.close()
    assert log[:3] == ["exit pause", "close pause", "close play"]
    assert "store open: True" in log and len(app.ctx.stack) == 0
