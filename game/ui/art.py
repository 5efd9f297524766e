"""SVG art from ``assets/``, rendered at the size it is shown and kept for reuse."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame


class Art:
    def __init__(self, root: Path, max_items: int = 600) -> None:
        self.root = root
        #: (name, size, quarter turns) -> picture; the least recently drawn go first
        self._cache: OrderedDict[tuple[str, tuple[int, int], int], pygame.Surface] = OrderedDict()
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
        if surf is not None:
            self._cache.move_to_end(key)
            return surf
        base = self._cache.get((name, size, 0))
        if base is None:
            base = pygame.image.load_sized_svg(str(self.path(name)), size)
            if pygame.display.get_surface() is not None:
                base = base.convert_alpha()
            self._keep((name, size, 0), base)
        surf = base if rotation % 4 == 0 else pygame.transform.rotate(base, -90 * (rotation % 4))
        self._keep(key, surf)
        return surf

    def faded(self, name: str, size: tuple[int, int], rotation: int, alpha: int) -> pygame.Surface:
        """The picture drawn see-through (``alpha`` 0-255), kept like the picture itself: a
        faded backdrop is the whole window, and copying it every frame cost more than the
        rest of a calm screen."""
        key = (f"{name}@{alpha}", size, rotation % 4)
        surf = self._cache.get(key)
        if surf is None:
            surf = self.get(name, size, rotation).copy()
            surf.set_alpha(alpha)
            self._keep(key, surf)
        else:
            self._cache.move_to_end(key)
        return surf

    def _keep(self, key: tuple[str, tuple[int, int], int], surf: pygame.Surface) -> None:
        """Keep a picture; past the limit the one drawn longest ago goes (a window resize
        leaves old sizes behind, and they go first)."""
        self._cache[key] = surf
        self._cache.move_to_end(key)
        while len(self._cache) > self._max:
            self._cache.popitem(last=False)
