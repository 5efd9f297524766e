"""Babel extraction of the texts in level files (title, story, hints, parent tip, question,
prediction), in the worlds file (each world's name, town and closing line) and in the worlds'
parts files (each part's name and the one sentence of its tooltip).

Register it in babel.cfg as ``[game.content.extract.extract_levels: levels/**.yaml]``
(the dotted form: babel.cfg splits a section name at its first colon).
Each message carries a translator comment naming the level and the text's role, because a
translator sees a bare "Look here." and needs to know it is the second hint of a level.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from game.content.worlds import WORLDS_FILE
from game.datafile.problems import FieldPath, LevelError, Problem
from game.datafile.yamltree import MAX_BYTES, Refusal, build_tree, compose, decode
from game.sim.catalogue import PARTS_FILE

Message = tuple[int, str | None, str, list[str]]


def extract_levels(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Message]:
    """Yield ``(lineno, None, msgid, [comment])`` for every text a pupil or parent reads.

    Templates (``_*.yaml``) are skipped. A file that cannot be read as YAML raises
    :class:`LevelError` rather than being skipped, so no level silently goes untranslated;
    ``techniekwerf check`` explains what to fix.
    """
    name = str(getattr(fileobj, "name", "<level>"))
    if Path(name).name.startswith("_"):
        return
    tree = build_tree(_compose(fileobj.read(MAX_BYTES + 1), name), name)
    if Path(name).name == WORLDS_FILE:
        yield from _list_texts(tree.value, tree, "world", WORLD_TEXTS)
        return
    if Path(name).name == PARTS_FILE:
        yield from _list_texts(tree.value, tree, "kind", PART_TEXTS)
        return
    doc = tree.value if isinstance(tree.value, dict) else {}
    level_id = doc.get("id") if isinstance(doc.get("id"), str) else Path(name).stem
    for path, role in _text_fields(doc):
        text = _get(doc, path)
        if isinstance(text, str) and text.strip():
            yield tree.line(path), None, text, [f"level {level_id}: {role}"]


def _compose(data: bytes, name: str) -> Any:
    try:
        if len(data) > MAX_BYTES:
            raise Refusal(1, f"file is more than the {MAX_BYTES // 1024} KiB a level file may have")
        return compose(decode(data))
    except Refusal as refusal:
        raise LevelError([Problem(name, refusal.line, "", refusal.message)]) from None


#: the texts of a world (levels/worlds.yaml), with what a translator needs to know
WORLD_TEXTS = (("name", "its name on the map and in the level lists"),
               ("town", "a real town on the map (keep its name, or write it in your letters)"),
               ("finale", "what Noor says when every level of the world is solved"))


#: the texts of a part (levels/<world>/parts.yaml)
PART_TEXTS = (("name", "a part's name in the parts box and on the board"),
              ("description", "a part's tooltip: what it does, in one or two short sentences"))


def _list_texts(items: Any, tree: Any, id_key: str,
                texts: tuple[tuple[str, str], ...]) -> Iterator[Message]:
    """The texts of a list of worlds or parts, each comment naming the item by ``id_key``."""
    noun = "world" if id_key == "world" else "part"
    for i, item in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(item, dict):
            continue
        for key, role in texts:
            text = item.get(key)
            if isinstance(text, str) and text.strip():
                yield tree.line((i, key)), None, text, [f"{noun} {item.get(id_key)}: {role}"]


def _text_fields(doc: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    """Where the translatable texts are, in reading order, with the role a translator sees."""
    yield ("title",), "title"
    yield ("story",), "story"
    hints = doc.get("hints")
    for i in range(len(hints) if isinstance(hints, list) else 0):
        yield ("hints", i, "text"), f"hint {i + 1}"
    yield ("question", "text"), "question"
    yield ("question", "explain"), "question: what was seen and why"
    yield ("predict", "text"), "prediction: asked before the first run"
    yield ("predict", "explain"), "prediction: what the run showed and why"
    for key, role in (("what", "the technology, in two sentences"),
                      ("region", "a fact from the region"), ("ask", "a question to ask"),
                      ("home", "something to try at home")):
        yield ("parent_tip", key), f"Discover together (a card for parents): {role}"


def _get(doc: Any, path: FieldPath) -> Any:
    for key in path:
        if isinstance(key, int) and isinstance(doc, list) and key < len(doc):
            doc = doc[key]
        elif isinstance(key, str) and isinstance(doc, dict):
            doc = doc.get(key)
        else:
            return None
    return doc
