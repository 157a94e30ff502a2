"""Reading deck YAML safely: a loader that records every mapping's line (for problem messages)
and refuses a document nested too deep or whose aliases expand too far, before constructing
anything (so a hostile file costs milliseconds, not memory). :mod:`.decks` validates what it reads.
"""

from __future__ import annotations

import operator

import yaml

from .deck_model import LINE_KEY

try:  # The C loader is several times faster on large decks.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Limits on what a deck's YAML may build, checked on the composed node graph:
MAX_DEPTH = 100  # nesting levels of lists and mappings; real decks use about 5
ALIAS_BUDGET = 10_000  # values that aliases (*name) may add beyond the file's own


class ShapeError(Exception):
    """The composed YAML is too deep or its aliases expand too far."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def check_shape(root: yaml.Node) -> None:
    """Refuse nesting beyond :data:`MAX_DEPTH` and alias expansion beyond :data:`ALIAS_BUDGET`.

    Aliases are shared nodes in the graph, so the expanded size of every list and mapping
    is counted once (memoised) without expanding anything: a "billion laughs" file is
    refused after visiting its few dozen nodes. Iterative, so no Python recursion whatever
    the nesting; scalars are counted, not visited, to keep large decks fast.
    """
    if isinstance(root, yaml.ScalarNode):
        return
    sizes: dict[int, int] = {}  # id(collection node) -> values it expands to
    heights: dict[int, int] = {}  # id(collection node) -> collection levels, itself included
    on_path: set[int] = set()
    distinct = 0
    scalar = yaml.ScalarNode
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size, height = 1, 0
            for kid in _children(node):
                if kid.__class__ is scalar:
                    size += 1
                else:
                    size += sizes[id(kid)]
                    height = max(height, heights[id(kid)])
            sizes[key] = size
            heights[key] = height + 1
            if size > distinct + ALIAS_BUDGET:
                raise ShapeError(node.start_mark.line + 1,
                                  f"aliases expand to more than {ALIAS_BUDGET:,} extra values "
                                  "(a 'billion laughs' file?); an alias may only repeat a small part")
            continue
        if key in sizes:  # reached again through an alias
            if depth - 1 + heights[key] > MAX_DEPTH:
                raise ShapeError(node.start_mark.line + 1,
                                  f"nested more than {MAX_DEPTH} levels deep (through an alias)")
            continue
        if key in on_path:
            raise ShapeError(node.start_mark.line + 1, "an alias refers to the list or mapping that contains it")
        if depth > MAX_DEPTH:
            raise ShapeError(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
        kids = _children(node)
        distinct += len(kids) + 1
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((k, depth + 1, False) for k in reversed(kids) if k.__class__ is not scalar)  # file order


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value  # a SequenceNode


_SCALAR = yaml.ScalarNode
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


# First characters of the plain scalars YAML may read as another type than text (numbers,
# booleans, null, dates, merge keys, ...): PyYAML's implicit resolvers, keyed by them.
_IMPLICIT_FIRST = frozenset(_BaseLoader.yaml_implicit_resolvers)
assert None not in _IMPLICIT_FIRST and not _BaseLoader.yaml_path_resolvers  # else every scalar is resolved


class _Unusual(Exception):
    """A node the quick construction leaves to PyYAML's own (a merge key, a date, a tag)."""


class LineLoader(_BaseLoader):
    """Safe loader that records the line of every mapping, for error messages, and
    refuses deep or alias-expanding documents before constructing them (:func:`check_shape`).

    A checked document of plain mappings, lists and scalars (every deck) is built by
    :meth:`_quick`, one pass over the nodes, not by PyYAML's general constructor (its
    generators and bookkeeping were a third of a first import's parsing); anything else,
    or any error, is built by PyYAML's, so values and error messages are the same."""

    # libyaml's composer calls these two for every node; without path resolvers (asserted
    # above) PyYAML's do nothing, so C callables that do nothing with their arguments stand in.
    descend_resolver = staticmethod(operator.is_)  # (parent node, index)
    ascend_resolver = staticmethod(tuple)  # ()

    def __init__(self, stream):
        super().__init__(stream)
        # Text with no '*' has no alias, so its nodes form a tree: nothing can expand or refer
        # to itself, and the one shape to refuse, nesting too deep, is checked as it is built.
        self._tree = isinstance(stream, str) and "*" not in stream
        self._plain_tags: dict[str, str] = {}  # a plain scalar's type depends on its text alone

    def resolve(self, kind, value, implicit):  # type: ignore[override]
        # Called by libyaml's composer for every node. What PyYAML's resolver answers without
        # path resolvers: a quoted scalar is text, and so is a plain one whose first character
        # starts none of YAML's implicit types (a prompt, an answer); a list is a list.
        if kind is yaml.ScalarNode:
            if not implicit[0] or value and value[0] not in _IMPLICIT_FIRST:
                return _STR
            tag = self._plain_tags.get(value)
            if tag is None:  # each distinct text once ('type', 'tags' and 'true' come back often)
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_document(self, node):  # type: ignore[override]
        try:
            return self._quick(node, {}, 1)
        except (_Unusual, TypeError, ValueError):  # e.g. an unhashable key: PyYAML says it its way
            if self._tree:  # not checked yet (see get_single_node)
                check_shape(node)
            return super().construct_document(node)

    def _quick(self, node, built: dict, depth: int):
        tag = node.tag
        if node.__class__ is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            if tag in _PLAIN:
                return self.yaml_constructors[tag](self, node)
            raise _Unusual(tag)
        key = id(node)
        if key in built:  # an alias: the same value, as PyYAML shares it
            return built[key]
        if depth > MAX_DEPTH:  # as check_shape says it: the first such node in file order
            raise ShapeError(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
        depth += 1
        # Text scalars (most nodes) are taken here, without a call each.
        if tag == _SEQ:
            out = built[key] = []
            out.extend(kid.value if kid.tag == _STR and kid.__class__ is _SCALAR else self._quick(kid, built, depth)
                       for kid in node.value)
            return out
        if tag != _MAP:
            raise _Unusual(tag)
        mapping: dict = {}
        built[key] = mapping
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Unusual(_MERGE)
            name = key_node.value if key_node.tag == _STR and key_node.__class__ is _SCALAR \
                else self._quick(key_node, built, depth)
            mapping[name] = value_node.value if value_node.tag == _STR and value_node.__class__ is _SCALAR \
                else self._quick(value_node, built, depth)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def get_single_node(self):  # type: ignore[override]
        node = super().get_single_node()  # composed by libyaml's C composer
        if node is not None and not self._tree:
            check_shape(node)
        return node

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping
