"""SVG art from ``assets/``, rendered at the size it is shown and kept for reuse."""

from __future__ import annotations

from pathlib import Path

import pygame


class Art:
    def __init__(self, root: Path, max_items: int = 600) -> None:
        self.root = root
        self._cache: dict[tuple[str, tuple[int, int], int], pygame.Surface] = {}
        self._max = max_items
        self._exists: dict[str, bool] = {}

    def path(self, name: str) -> Path:
        return self.root / f"{name}.svg"

    def exists(self, name: str) -> bool:
        """Whether the picture is there; asked of the disk once per name."""
        found = self._exists.get(name)
        if found is None:
            found = self._exists[name] = self.path(name).is_file()
        return found

    def get(self, name: str, size: tuple[int, int], rotation: int = 0) -> pygame.Surface:
        key = (name, size, rotation % 4)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) >= self._max:
                self._cache.clear()  # sizes change only on a window resize
            base = self._cache.get((name, size, 0))
            if base is None:
                base = pygame.image.load_sized_svg(str(self.path(name)), size)
                if pygame.display.get_surface() is not None:
                    base = base.convert_alpha()
                self._cache[(name, size, 0)] = base
            surf = base if rotation % 4 == 0 else pygame.transform.rotate(base, -90 * (rotation % 4))
            self._cache[key] = surf
        return surf
