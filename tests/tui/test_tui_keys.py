"""One key table: the help screen is made from the screens' BINDINGS (which the Footer
shows), and every key it lists is in the README's key table under the same screen."""

from __future__ import annotations

import re
from pathlib import Path

from anastro_quiz.tui.keys import binding_rows

REPO_ROOT = Path(__file__).resolve().parents[2]

# The README's "Where" column, by the help screen's section titles.
README_SECTION = {"Cards (browse)": "Cards"}


def _readme_keys() -> dict[str, str]:
    """The README key table's Key cells per "Where", lower-cased, backticks dropped."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| Where | Key | Action |"):].split("\n\n", 1)[0]
    keys: dict[str, str] = {}
    where = ""
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        where = cells[0] or where
        keys[where] = keys.get(where, "") + " " + cells[1].replace("`", "").lower()
    return keys


def test_every_key_the_help_screen_lists_is_in_the_readme():
    readme = _readme_keys()
    missing = []
    for title, rows in binding_rows():
        cell = readme.get(README_SECTION.get(title, title), "")
        for keys, description in rows:
            for key in re.split(r" / | (?=\d)", keys):
                if not re.search(rf"(?<![\w+-]){re.escape(key.lower())}(?![\w+-])", cell):
                    missing.append(f"{title}: {key} ({description})")
    assert missing == []


def test_the_help_screen_shows_each_screens_bindings():
    from anastro_quiz.tui.screens.home import HomeScreen

    home = dict(dict(binding_rows())["Home"])
    assert {b.description for b in HomeScreen.BINDINGS} <= set(home.values())
