"""Reading deck YAML safely: a loader that records every mapping's line (for problem messages)
and refuses a document nested too deep or whose aliases expand too far, before constructing
anything (so a hostile file costs milliseconds, not memory). :mod:`.decks` validates what it reads.
"""

from __future__ import annotations

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


class LineLoader(_BaseLoader):
    """Safe loader that records the line of every mapping, for error messages, and
    refuses deep or alias-expanding documents before constructing them (:func:`check_shape`)."""

    def get_single_node(self):  # type: ignore[override]
        node = super().get_single_node()  # composed by libyaml's C composer
        if node is not None:
            check_shape(node)
        return node

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping
