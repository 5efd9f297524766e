"""The teacher guide: ``techniekwerf guide --out DIR`` writes an HTML guide and a printable PDF
from the level files, the game's own pictures of each level and the guide's Dutch prose in
``teacher_guide/gids.yaml``.

- :mod:`game.guide.data` reads and checks the prose (one entry per world and per level);
- :mod:`game.guide.words` says a level's solution in words and names its facts;
- :mod:`game.guide.pictures` draws each level's board at the start and solved;
- :mod:`game.guide.html` and :mod:`game.guide.pdf` write the two forms;
- :mod:`game.guide.build` puts it together (the command).

Titles, stories, part names and kerndoel titles come from the game's catalogue in the chosen
language; the guide's own prose is Dutch.
"""
