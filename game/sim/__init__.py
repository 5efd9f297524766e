"""The simulation: grid, parts, media and goals. Pure Python; never imports pygame.

How a run is put together (the order in which the modules build on each other):

- :mod:`geometry` cells, sides, quarter turns. :mod:`parts` the catalogue: each kind's ports
  (a medium and a direction: in, out or both) and its routing table (entry side -> exit
  sides) at rotation 0, both turned with the piece; its per-part ``params`` and defaults.
- :mod:`model` the level as data (what the content loader builds); :mod:`board` the pieces
  on the grid and the rules for placing them; :mod:`editor` undoable edits.
- :mod:`graph` the port graph: which port of which cell faces which, built once per run and
  shared by every medium and by the board drawing (``Simulation.flows``).
- :mod:`environment` the weather of every tick (daylight, cloud, wind, rain); the level's
  day-and-night cycle is one source of it.
- :mod:`media` the media as plug-ins (power, water), stepped in a fixed order each tick; a
  later medium reads what an earlier one made this tick. A tick's :class:`TickState` holds
  the facts per medium.
- :mod:`simulation` one Test run; :mod:`goals` the goal table (:data:`goals.GOALS`) and the
  judge of a run.

A new medium: a module in ``media/`` with a class that has ``name``, ``FACTS``,
``build(graph, board, params)`` and ``step(tick, env, shared)``, added to the registry in
``media/__init__.py``; its goals are rows in ``goals.GOALS``. ``tests/golden/`` holds every
level's runs tick by tick (``python -m tests.golden_record``); a change that is not meant to
alter behaviour must leave them as they are.
"""
