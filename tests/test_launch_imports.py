"""A launch whose decks are unchanged shows Home's counts without importing what only other
work needs: PyYAML (parsing decks), sqlite-utils (writing), pint (typed answers), the exam
plan's module (with no plan set), fsrs (scheduling: Home's counts are SQL). Each of them
costs a launch milliseconds to tens of them; this keeps them off its path."""

import subprocess
import sys

from anastro_quiz.paths import bundled_decks_dir

CODE = """
import sys
from anastro_quiz.collection import Collection
from anastro_quiz.home_data import load_home

collection = Collection.open(sys.argv[1], [sys.argv[2]])
data = load_home(collection)
collection.close()
assert data.decks, "Home has decks to show"
heavy = ("yaml", "sqlite_utils", "pint", "textual_plotext", "anastro_quiz.exam_plan", "fsrs")
print(",".join(sorted(name for name in heavy if name in sys.modules)))
"""


def _launch(db, env) -> str:
    result = subprocess.run([sys.executable, "-c", CODE, str(db), str(bundled_decks_dir())],
                            capture_output=True, text=True, env=env, check=True)
    return result.stdout.strip()


def test_an_unchanged_launch_imports_no_yaml_sqlite_utils_or_pint(tmp_path):
    import os

    env = os.environ | {"ANASTRO_QUIZ_CACHE": str(tmp_path / "cache")}
    db = tmp_path / "progress.db"
    first = _launch(db, env)  # creates the database and parses the decks
    assert "yaml" in first and "sqlite_utils" in first
    assert _launch(db, env) == ""
