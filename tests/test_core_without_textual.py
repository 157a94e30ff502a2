"""The study core must import without pulling in Textual (the TUI is an optional layer).

Every module outside ``anastro_quiz.tui`` is checked, found by walking the package, so
a new core module is covered without editing this test. The CLI counts as core too: it
imports the TUI only when it opens the app.
"""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import anastro_quiz
names = [m.name for m in pkgutil.walk_packages(anastro_quiz.__path__, "anastro_quiz.")
         if not m.name.startswith("anastro_quiz.tui") and m.name != "anastro_quiz.__main__"]
for name in names:
    importlib.import_module(name)
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "textual_plotext")))
print(len(names), ",".join(bad))
"""


def test_core_modules_do_not_import_textual():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    count, _, bad = result.stdout.strip().partition(" ")
    assert int(count) >= 20, "the package walk found too few modules"
    assert bad == "", f"core imported: {bad}"
