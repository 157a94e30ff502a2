"""Articles that disagree: the same table row in two articles with really different figures.

"0.25 mg to 0.5 mg two times per week" and "0.5 mg to 1 mg per week" are one regimen
(0.5-1 mg a week), so they agree; "1 mg daily" and "0.5 mg twice a week" do not. Other
figures agree when each one of a cell is equal to, or inside a range of, the other cell.
"""

from __future__ import annotations

import re

from .. import doses
from .cards import Draft
from .extract import NUMBER_RE

_RANGE = re.compile(r"(?P<lo>\d+(?:\.\d+)?)\s?(?:%|[a-zA-Z]+)?\s?(?:-|–|—|to)\s?(?P<hi>\d+(?:\.\d+)?)\s?(?P<unit>%|[a-zA-Z]+)")


def _intervals(text: str) -> list[tuple[float, float, str]]:
    """The figures of a cell as (low, high, unit): "~6-7% over 5 years" -> (6, 7, %), (5, 5, year)."""
    out, covered = [], []
    for m in _RANGE.finditer(text):
        out.append((float(m.group("lo")), float(m.group("hi")), m.group("unit").lower().rstrip("s")))
        covered.append((m.start(), m.end()))
    for m in NUMBER_RE.finditer(text):
        if any(a <= m.start("num") < b for a, b in covered):  # "~6-7%": the range is counted above
            continue
        num = m.group("num").lower()
        try:
            value = float(num)
        except ValueError:
            continue  # a spelled-out number: compared by its words
        out.append((value, value, m.group("unit").lower().rstrip("s")))
    return out


def _inside(a: tuple[float, float, str], b: tuple[float, float, str]) -> bool:
    return a[2] == b[2] and b[0] <= a[0] and a[1] <= b[1]


def figures_agree(a: str, b: str) -> bool:
    """Whether two cells' figures say the same: doses compared per week (equal, or one range
    inside the other), other figures each equal to or inside one of the other cell's."""
    da, db = doses.main_dose(a), doses.main_dose(b)
    if da is not None and db is not None:
        return da.consistent(db)
    ia, ib = _intervals(a), _intervals(b)
    if not ia or not ib:
        return True  # nothing to compare: no claim that they differ

    def covered(xs, ys):
        return all(any(_inside(x, y) or _inside(y, x) for y in ys) for x in xs)

    return covered(ia, ib) and covered(ib, ia)


def note_disagreements(drafts: list[Draft]) -> None:
    """Articles can disagree: when two articles' tables give the same row for the same people
    ("Standard Dosage" / "Typical Dosage" in men) with figures that really differ, each card
    names its table and its explanation gives the other article's figures, so a student knows
    which source says what instead of meeting two answers to one question."""
    cells: dict[tuple[str, ...], list[Draft]] = {}
    for d in drafts:
        if d.same_as and NUMBER_RE.search(d.cell):
            cells.setdefault(d.same_as, []).append(d)
    for group in cells.values():
        for d in group:
            others = [o for o in group if o.document != d.document and not figures_agree(o.cell, d.cell)]
            if not others:
                continue
            prompt = d.data["prompt"]
            d.data["prompt"] = f"According to the table “{d.heading}”, {prompt[0].lower()}{prompt[1:]}"
            note = "; ".join(f"the table “{o.heading}” in {o.document} gives: {o.cell}" for o in others)
            d.data["explanation"] = (d.data.get("explanation", "") + " " if d.data.get("explanation") else "") + \
                f"Sources differ: {note}"
