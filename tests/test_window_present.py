"""The window shows the game's frames without OpenGL, and falls back where it must."""

from __future__ import annotations

import os

import pygame

from game.app import App


def test_window_is_shown_without_opengl_by_default(data_dir, monkeypatch):
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    app = App(size=(1280, 720), fullscreen=False, data_dir=data_dir)
    try:
        assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "0"
        assert app.surface.get_size() == (1280, 720)
    finally:
        app.close()


def test_a_users_choice_is_kept(data_dir, monkeypatch):
    monkeypatch.setenv("SDL_FRAMEBUFFER_ACCELERATION", "opengl")
    app = App(size=(1280, 720), fullscreen=False, data_dir=data_dir)
    try:
        assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "opengl"
    finally:
        app.close()


def test_a_driver_without_a_framebuffer_of_its_own_gets_the_accelerated_one(data_dir,
                                                                              monkeypatch):
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    real_set_mode = pygame.display.set_mode
    tries = []

    def set_mode(*args, **kwargs):
        tries.append(os.environ["SDL_FRAMEBUFFER_ACCELERATION"])
        if os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "0":
            raise pygame.error("No framebuffer available")  # what SDL says on Wayland
        return real_set_mode(*args, **kwargs)

    monkeypatch.setattr(pygame.display, "set_mode", set_mode)
    app = App(size=(1280, 720), fullscreen=False, data_dir=data_dir)
    try:
        assert tries == ["0", "1"]
        assert app.surface.get_size() == (1280, 720)
    finally:
        app.close()
