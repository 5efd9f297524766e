"""Raw pygame events become the same intents for keyboard, mouse and touch."""

import pygame
import pytest

from game.input import Action, InputMapper, Intent


@pytest.fixture
def mapper():
    # A 2x window: window pixels are halved into logical pixels.
    return InputMapper(lambda p: (p[0] / 2, p[1] / 2), window_size=lambda: (2560, 1440))


def key(k, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize(("event", "intent"), [
    (key(pygame.K_RETURN), Intent.SELECT),
    (key(pygame.K_SPACE), Intent.SELECT),
    (key(pygame.K_ESCAPE), Intent.BACK),
    (key(pygame.K_TAB), Intent.NEXT),
    (key(pygame.K_TAB, pygame.KMOD_LSHIFT), Intent.PREVIOUS),
    (key(pygame.K_r), Intent.ROTATE),
    (key(pygame.K_r, pygame.KMOD_RSHIFT), Intent.ROTATE_BACK),
    (key(pygame.K_z, pygame.KMOD_LCTRL), Intent.UNDO),
    (key(pygame.K_y, pygame.KMOD_RCTRL), Intent.REDO),
    (key(pygame.K_z, pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT), Intent.REDO),
    (key(pygame.K_m), Intent.MUTE),
    (key(pygame.K_F11), Intent.FULLSCREEN),
    (key(pygame.K_DELETE), Intent.REMOVE),
    (pygame.event.Event(pygame.QUIT), Intent.QUIT),
])
def test_keys_and_quit(mapper, event, intent):
    assert mapper.actions(event) == [Action(intent)]


def test_plain_z_is_not_undo_and_unknown_keys_do_nothing(mapper):
    assert mapper.actions(key(pygame.K_z)) == []
    assert mapper.actions(key(pygame.K_q)) == []


def test_mouse_buttons_and_wheel(mapper):
    down = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(200, 100), button=1)
    up = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(202, 100), button=1)
    right = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(40, 60), button=3)
    assert mapper.actions(down) == [Action(Intent.POINTER_DOWN, (100, 50))]
    assert mapper.actions(up) == [Action(Intent.POINTER_UP, (101, 50))]
    assert mapper.actions(right) == [Action(Intent.ROTATE, (20, 30))]
    wheel_down = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2)
    wheel_up = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1)
    assert mapper.actions(wheel_down) == [Action(Intent.ROTATE, None, 2)]
    assert mapper.actions(wheel_up) == [Action(Intent.ROTATE_BACK, None, 1)]
    assert mapper.actions(pygame.event.Event(pygame.MOUSEWHEEL, x=1, y=0)) == []


def finger(kind, x, y, fid=1):
    return pygame.event.Event(kind, x=x, y=y, dx=0.0, dy=0.0, finger_id=fid, touch_id=1,
                              pressure=1.0)


def test_touch_is_a_pointer_at_the_logical_position(mapper):
    assert mapper.actions(finger(pygame.FINGERDOWN, 0.5, 0.5)) == [
        Action(Intent.POINTER_MOVE, (640, 360)), Action(Intent.POINTER_DOWN, (640, 360))]
    assert mapper.actions(finger(pygame.FINGERMOTION, 0.25, 0.5)) == [
        Action(Intent.POINTER_MOVE, (320, 360))]
    assert mapper.actions(finger(pygame.FINGERUP, 0.25, 0.5)) == [
        Action(Intent.POINTER_UP, (320, 360))]


def test_a_second_finger_is_ignored(mapper):
    mapper.actions(finger(pygame.FINGERDOWN, 0.1, 0.1, fid=1))
    assert mapper.actions(finger(pygame.FINGERDOWN, 0.9, 0.9, fid=2)) == []
    assert mapper.actions(finger(pygame.FINGERUP, 0.9, 0.9, fid=2)) == []
    assert mapper.actions(finger(pygame.FINGERUP, 0.1, 0.1, fid=1))[0].intent == Intent.POINTER_UP


def test_sdl_mouse_copies_of_touches_are_dropped(mapper):
    copy = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 10), button=1, touch=True)
    assert mapper.actions(copy) == []


def test_without_a_window_size_touch_is_left_to_the_mouse_copies():
    plain = InputMapper(lambda p: p)
    assert plain.actions(finger(pygame.FINGERDOWN, 0.5, 0.5)) == []
    copy = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 10), button=1, touch=True)
    assert plain.actions(copy) == [Action(Intent.POINTER_DOWN, (10, 10))]
