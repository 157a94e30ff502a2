"""A year of reviews as a GitHub-style grid: one column per week, one row per weekday."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static
from ...numbers import plural

WEEKS = 53
SHADES = ["#3a3a3a", "#0e4429", "#006d32", "#26a641", "#39d353"]
DAY_LABELS = ["Mon", "", "Wed", "", "Fri", "", "Sun"]


def heatmap_text(days: dict[str, int], today: date, weeks: int = WEEKS) -> Text:
    """Render reviews per day; the last column is the current week (Monday first)."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    counts = [days.get((start + timedelta(days=i)).isoformat(), 0) for i in range(weeks * 7)]
    peak = max(counts + [1])
    text = Text()
    months = [" "] * weeks
    for week in range(weeks):
        first = start + timedelta(weeks=week)
        if first.day <= 7 and week + 3 <= weeks:
            for offset, char in enumerate(first.strftime("%b")):
                months[week + offset] = char
    text.append("    " + "".join(months) + "\n", style="dim")
    for weekday in range(7):
        text.append(f"{DAY_LABELS[weekday]:<4}", style="dim")
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append(" ")
                continue
            n = counts[week * 7 + weekday]
            level = 0 if n == 0 else 1 + min(3, (4 * n - 1) // peak)  # quartiles of the busiest day
            text.append("■", style=SHADES[level])
        text.append("\n")
    text.append("    less ", style="dim")
    for shade in SHADES:
        text.append("■", style=shade)
    text.append(f" more   (busiest day: {plural(peak if any(counts) else 0, 'review')})", style="dim")
    return text


class Heatmap(Static):
    def show(self, days: dict[str, int], today: date) -> None:
        self.update(heatmap_text(days, today))
