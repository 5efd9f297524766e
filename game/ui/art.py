"""SVG art from ``assets/``, rendered at the size it is shown and kept for reuse.

A picture turned a quarter or more (a part on the board) is the picture rotated, except where
its sign must stay readable: a picture ``<name>`` that has a ``<name>_body`` (a gate's box and
plugs) is that body turned with its sign drawn upright over it (``<name>_sign``, or the sign of
the part without its look: ``parts/and_gate_on`` takes ``parts/and_gate_sign``), so an AND
gate's "&" never lies on its side where a child would read it as another sign.
"""

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
        if rotation % 4 and self.exists(f"{name}_body"):  # the body turns, the sign stays
            surf = self.get(f"{name}_body", size, rotation).copy()
            surf.blit(self.get(self.sign_of(name), size), (0, 0))
        elif rotation % 4:
            surf = pygame.transform.rotate(self.get(name, size), -90 * (rotation % 4))
        else:
            surf = pygame.image.load_sized_svg(str(self.path(name)), size)
            if pygame.display.get_surface() is not None:
                surf = surf.convert_alpha()
        self._keep(key, surf)
        return surf

    def sign_of(self, name: str) -> str:
        """The upright sign drawn over ``name``'s turned body: its own, or that of the picture
        without its look (``parts/or_gate_broken`` -> ``parts/or_gate_sign``)."""
        stem = name
        while "_" in stem.rpartition("/")[2]:
            if self.exists(f"{stem}_sign"):
                return f"{stem}_sign"
            stem = stem.rpartition("_")[0]
        raise FileNotFoundError(f"{name} has a turning body but no upright sign")

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
