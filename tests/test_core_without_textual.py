"""The study core must import without pulling in Textual (the TUI is an optional layer)."""

import subprocess
import sys

CORE = ["collection", "session", "store", "stats", "grading", "decks", "quiz", "scheduler", "source_context"]


def test_core_modules_do_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import anastro_quiz.{name}\n" for name in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'textual_plotext')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported: {result.stdout.strip()}"
