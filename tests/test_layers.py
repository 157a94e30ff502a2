"""Each rule has one home: SQL lives in ``store/``, click in ``cli/``, textual in ``tui/``.

Read from the source text, so a new module is covered without editing this test. Tests
follow the SQL rule too: the few that look at a database file as another program would
go through ``tests/rawdb.py``, the one documented exception. The import graph (deferred
imports included) has no loop beyond the known ones listed below.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "anastro_quiz"
TESTS = Path(__file__).resolve().parent
BENCHMARKS = TESTS.parent / "benchmarks"

# A connection: the store's, its sqlite-utils wrapper, or one of sqlite3's own.
CONNECTION = r"\.conn\b|\bsqlite3\b|\.execute(?:many)?\(|\bstore\.db\b"
# ... or SQL text (tests may hand SQL text to rawdb, which runs it on a connection of its own).
SQL = re.compile(CONNECTION + r"|\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|PRAGMA|CREATE TABLE|CREATE INDEX)\s")
ALLOWED = {
    # genanki writes Anki's own database inside the .apkg: Anki's file format, not our store.
    SRC / "interop" / "anki.py",
    # Reads the SQLite collection inside an Anki package: Anki's file format, not our store.
    SRC / "interop" / "anki_package.py",
    # Empties the review log of Anki's own collection (Anki's DB API) to make a fixture: not our store.
    TESTS / "fixtures" / "anki" / "make_scheduled.py",
    TESTS / "rawdb.py",
    TESTS / "test_layers.py",
    # Builds a synthetic 100,000-card database at full speed; timed separately from the API.
    BENCHMARKS / "bench_scale.py",
}


def _offenders(root: Path, pattern: re.Pattern = SQL) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path in ALLOWED or (SRC / "store") in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    return found


def test_only_the_store_speaks_sql():
    assert _offenders(SRC) == []


def test_tests_and_benchmarks_use_the_store_api_or_rawdb():
    connection = re.compile(CONNECTION)
    assert _offenders(TESTS, connection) + _offenders(BENCHMARKS, connection) == []


def test_the_check_sees_sql():
    sample = ['rows = store.conn.execute("SELECT 1")', "UPDATE schedule SET x=1", "import sqlite3"]
    assert all(SQL.search(line) for line in sample)
    assert not SQL.search("selected = table.cursor_row  # select the row")


# --- imports: who may import what -----------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _runtime_nodes(tree: ast.AST, typing: bool = False):
    """Every node but those under ``if TYPE_CHECKING:`` (a type named for readers, never
    imported), or with ``typing`` every node."""
    for node in ast.iter_child_nodes(tree):
        if not typing and isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node, typing)


def _imports(name: str, typing: bool = False) -> set[str]:
    """Every module ``name`` imports at run time, at the top or inside a function (a deferred
    import is still an arrow between modules); with ``typing``, also for type names only."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8")), typing):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found - {name}


def _under(name: str, *packages: str) -> bool:
    return any(name == f"anastro_quiz.{p}" or name.startswith(f"anastro_quiz.{p}.") for p in packages)


def test_click_lives_in_cli_only_and_nothing_imports_cli():
    for name in MODULES:
        imports = _imports(name)
        if not _under(name, "cli"):
            assert "click" not in imports and not any(i.startswith("click.") for i in imports), name
            assert name == "anastro_quiz.__main__" or not any(_under(i, "cli") for i in imports), name


def test_the_core_never_imports_textual_at_all():
    """Not even inside a function: only the CLI's app launch reaches into the TUI."""
    for name in MODULES:
        if _under(name, "tui"):
            continue
        bad = {i for i in _imports(name) if i.split(".")[0] in ("textual", "textual_plotext") or _under(i, "tui")}
        if name == "anastro_quiz.cli.main":
            bad -= {"anastro_quiz.tui.app"}
        assert not bad, (name, bad)


def test_the_store_imports_nothing_above_it():
    # The store may use the clock, the core's error, the scheduler (to replay a merge),
    # paths (the one place the database's environment variable is named) and numbers (a leaf
    # that words a count, "3 reviews", for a merge's report).
    allowed = {"anastro_quiz.clock", "anastro_quiz.errors", "anastro_quiz.scheduler", "anastro_quiz.paths",
               "anastro_quiz.numbers"}
    for name in MODULES:
        if _under(name, "store"):
            ours = {i for i in _imports(name) if i.startswith("anastro_quiz")}
            assert {i for i in ours if not _under(i, "store")} <= allowed, name


def _cycles() -> list[list[str]]:
    """Import loops, counting imports made for type names only: a module that names a type
    of one above it depends on it as surely as one that calls it (``today`` holds the
    protocol a session needs of its collection; ``tui.work`` names what it needs of the app)."""
    graph = {name: {i for i in _imports(name, typing=True) if i in MODULES} for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


# Loops known today, each owned elsewhere; this list may only shrink.
KNOWN_LOOPS: list[set[str]] = []
# readers/__init__ dispatches to its readers, which call back into it for shared helpers
# (a loop inside one package of the generator, whose engineer owns it).
KNOWN_LOOP_PACKAGES = ["generate.readers"]


def test_no_new_import_loops():
    new = [c for c in _cycles() if set(c) not in KNOWN_LOOPS
           and not any(all(_under(m, p) for m in c) for p in KNOWN_LOOP_PACKAGES)]
    assert new == []


def test_no_module_imports_another_modules_private_names():
    """A name that starts with ``_`` is its module's own: one used elsewhere is made public
    (named and documented) where it lives."""
    borrowed = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("anastro_quiz")):
                borrowed += [(name, alias.name) for alias in node.names
                             if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert borrowed == []
