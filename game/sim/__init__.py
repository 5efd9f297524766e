"""The simulation: grid, parts, media and goals. Pure Python; never imports pygame."""
