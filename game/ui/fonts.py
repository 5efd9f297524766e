"""Fonts by pixel size, cached. One table says which file serves which style."""

from __future__ import annotations

from pathlib import Path

import pygame

FONT_FILES = {False: "Andika-Regular.ttf", True: "Andika-Bold.ttf"}


class Fonts:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}

    def get(self, px: int, bold: bool = False) -> pygame.font.Font:
        key = (max(6, px), bold)
        font = self._cache.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = pygame.font.Font(str(self.folder / FONT_FILES[bold]), key[0])
            self._cache[key] = font
        return font
