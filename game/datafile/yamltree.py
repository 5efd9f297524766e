"""Read a level file safely and turn it into plain Python values that remember their lines.

Level files come from many hands (and, one day, from pupils' own editor), so reading is
defensive: a size cap before anything is parsed, UTF-8 only, PyYAML's SafeLoader with
anchors and aliases refused the moment the composer meets one (an alias bomb never expands),
a nesting limit instead of a RecursionError, and YAML 1.2-style booleans so that ``on: no``
or a title of ``No`` is not silently turned into ``False``.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from game.datafile.problems import REPORTED, FieldPath, Problem, format_path

MAX_BYTES = 64 * 1024
MAX_DEPTH = 24

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null")}
_STRICT_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_DROPPED_TAGS = {_TAG + name for name in ("bool", "timestamp", "merge", "value")}
# The characters PyYAML's reader refuses; finding them first gives a clean one-line message.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class Refusal(Exception):
    """The file cannot be read as a level at all; one line says why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Refused(yaml.YAMLError):
    """Raised from inside the composer so parsing stops at once."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        super().__init__(message)
        self.line = mark.line + 1
        self.message = message


class _Checks(Composer):
    """Composing (PyYAML's Python composer) that refuses anchors, aliases and deep nesting."""

    _depth = 0
    if TYPE_CHECKING:  # given by the parser the loader mixes in

        def peek_event(self) -> Any: ...

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "YAML anchors and aliases (& and *) are not allowed")
        if self._depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class LevelYamlLoader(_Checks, yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and deep nesting while composing; only
    ``true``/``false`` are booleans (no ``yes``, ``on``), no dates, no merge keys."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_Loader: Any = LevelYamlLoader
try:  # libyaml's scanner and parser, about three times faster (PyYAML's wheels carry it)
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml: its own parser
    pass
else:

    class _FastLoader(CParser, _Checks, SafeConstructor, Resolver):
        """The same loader on libyaml's parser; composing stays in Python, with the checks."""

        yaml_implicit_resolvers = LevelYamlLoader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document

    _Loader = _FastLoader


for _first in "tTfF":
    LevelYamlLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, (_TAG + "bool", _STRICT_BOOL)
    )


def read_text(path: Path, max_bytes: int = MAX_BYTES, what: str = "a level file") -> str:
    """The file's text, or a :class:`Refusal` when it is not a small UTF-8 text file (at most
    ``max_bytes``: a level file's limit unless the file is ``what`` else, like the lesson
    plans, which hold a plan for every three or four levels of the game)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        raise Refusal(0, f"cannot read it: {getattr(error, 'strerror', None) or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise Refusal(0, "is a folder, not a level file")
    if not stat.S_ISREG(info.st_mode):
        raise Refusal(0, "is not a regular file")
    if info.st_size > max_bytes:
        raise Refusal(1, _too_big(info.st_size, max_bytes, what))
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise Refusal(0, f"cannot read it: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise Refusal(1, _too_big(len(data), max_bytes, what))
    return decode(data)


def _too_big(size: int, max_bytes: int = MAX_BYTES, what: str = "a level file") -> str:
    return f"file is {size} bytes, more than the {max_bytes // 1024} KiB {what} may have"


def decode(data: bytes) -> str:
    """UTF-8 text without control characters, or a :class:`Refusal` naming the line."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode": say what to do
        raise Refusal(1, "file is UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise Refusal(data.count(b"\n", 0, nul) + 1, "file holds binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise Refusal(line, f"file is not UTF-8 text (byte 0x{byte:02x})") from None
    bad = _UNPRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise Refusal(line, f"file holds a control character (U+{ord(bad.group()):04X})")
    if not text.strip():
        raise Refusal(1, "file is empty")
    return text


def compose(text: str) -> Node:
    """The YAML node tree of one document, or a :class:`Refusal` with a one-line reason.

    A file libyaml's parser cannot read is read again by PyYAML's own, whose messages the
    designers know, and which reads a bad escape such as ``"\\uD800"`` as text, so that the
    schema names the field and the character, and every other problem of the file."""
    if _Loader is not LevelYamlLoader:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            node = None
        finally:
            loader.dispose()
        if node is not None:
            return node
    loader = LevelYamlLoader(text)
    try:
        node = loader.get_single_node()
    except _Refused as error:
        raise Refusal(error.line, error.message) from None
    except yaml.MarkedYAMLError as error:
        raise Refusal(*_syntax_error(error)) from None
    except yaml.YAMLError as error:
        raise Refusal(1, f"YAML error: {error}") from None
    finally:
        loader.dispose()
    if node is None:
        raise Refusal(1, "file is empty (only comments)")
    return node


def _syntax_error(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    if error.problem and "another document" in error.problem:
        return line, "a level file holds one YAML document; remove the second '---'"
    message = f"YAML syntax error: {error.problem or error.context or 'unreadable'}"
    if error.context and error.problem and error.context_mark:
        message += f" ({error.context} on line {error.context_mark.line + 1})"
    return line, message


@dataclass
class Tree:
    """Plain values of a document plus the line of every value and every mapping key."""

    source: str
    value: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    key_lines: dict[FieldPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: FieldPath) -> int:
        """Line of the value at ``path``, or of its nearest ancestor that exists."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def key_line(self, path: FieldPath) -> int:
        """Line of the key that names ``path``; for list items, the item's own line."""
        return self.key_lines.get(path) or self.line(path)

    def report(self, path: FieldPath, message: str, *, key: bool = False) -> None:
        """Note a problem at the value (or, with ``key``, at the key) of ``path``."""
        self.report_at(self.key_line(path) if key else self.line(path), path, message)

    def report_at(self, line: int, path: FieldPath, message: str) -> None:
        self.problems.append(Problem(self.source, line, format_path(path), message))


def build_tree(node: Node, source: str) -> Tree:
    """Convert the node tree, reporting duplicate keys, odd keys and YAML tags as it goes."""
    tree = Tree(source)
    tree.value = _convert(node, (), tree, LevelYamlLoader(""))
    return tree


def _convert(node: Node, path: FieldPath, tree: Tree, loader: yaml.SafeLoader) -> Any:
    tree.lines[path] = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        return _scalar(node, path, tree, loader)
    if isinstance(node, SequenceNode):
        if node.tag != _TAG + "seq":
            return _bad_tag(node, path, tree)
        return [_convert(item, (*path, i), tree, loader) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != _TAG + "map":
            return _bad_tag(node, path, tree)
        return _mapping(node, path, tree, loader)
    return REPORTED  # pragma: no cover - the composer makes no other nodes


def _mapping(node: MappingNode, path: FieldPath, tree: Tree, loader: yaml.SafeLoader) -> dict:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode) or not key_node.value:
            tree.report_at(line, path, "a key must be a plain name")
            continue
        key = key_node.value
        if key in result:
            first = tree.key_lines[path + (key,)]
            tree.report_at(line, (*path, key), f"duplicate key (first on line {first})")
            continue
        tree.key_lines[path + (key,)] = line
        result[key] = _convert(value_node, (*path, key), tree, loader)
    return result


def _scalar(node: ScalarNode, path: FieldPath, tree: Tree, loader: yaml.SafeLoader) -> Any:
    if node.tag not in _SCALAR_TAGS:
        return _bad_tag(node, path, tree)
    try:
        return loader.construct_object(node)
    except (ValueError, yaml.YAMLError):
        tree.report(path, f"cannot read the value {node.value[:40]!r}")
        return REPORTED


def _bad_tag(node: Node, path: FieldPath, tree: Tree) -> Any:
    tag = node.tag.replace(_TAG, "!!")
    tree.report(path, f"YAML tags such as {tag[:40]} are not allowed")
    return REPORTED
