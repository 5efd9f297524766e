"""At home: the homework from school, for the child. The levels the teacher chose, in the
teacher's order, on the cards a child knows (each with its stars), under the words
"Homework from school" and a tag with the lesson's title and the class.

Shown first when a child starts playing while homework is not done yet (over the map, so
Back leads to every other level), and from the homework card on the first screen.
"""

from __future__ import annotations

from game import homework as hw
from game.progress.records import Lesson
from game.scenes.level_select import LessonScene
from game.ui.view import Painter


class HomeworkLevelsScene(LessonScene):
    """The homework's levels; the heading says "Homework from school"."""

    def __init__(self, ctx, homework: hw.Homework) -> None:
        super().__init__(ctx, Lesson("homework", homework.title, homework.level_ids))
        self.homework = homework

    def heading(self) -> str:
        # TRANSLATORS: at home, the heading over the levels of the homework (read aloud)
        return self.ctx.gettext("Homework from school")

    def tag(self) -> str:
        """The lesson's title and the class, as the teacher named them (may be empty)."""
        parts = [p for p in (self.homework.title, self.homework.class_name) if p]
        return "  ·  ".join(parts)

    def draw(self, painter: Painter) -> None:
        super(LessonScene, self).draw(painter)  # the cards; not the "Lesson" tag
        tag = self.tag()
        if not tag:
            return
        tw, th = painter.measure_letters(tag, 18, bold=True)
        tw = min(tw, 760)
        h = max(30, th + 10)
        painter.panel((150, 27 - h / 2, tw + 28, h), fill="yellow", radius=15, shadow=0)
        painter.text_box(tag, (164, 27 - th / 2, tw, th), 18, bold=True, align="midleft",
                         wrap=False, ellipsize=True)
