"""Text bars for shares (mastery, predicted recall): compact and readable at 80 columns."""

from __future__ import annotations

from textual.content import Content


def share_bar(share: float, width: int = 10) -> Content:
    """``██████░░░░  62%`` for a share in 0..1."""
    share = max(0.0, min(1.0, share))
    filled = round(share * width)
    return Content.from_markup("[$success]$bar[/][$text-muted]$rest[/] $pct",
                               bar="█" * filled, rest="░" * (width - filled), pct=f"{share:>4.0%}")


def labelled_bars(shares: dict[str, float], label_width: int = 28, width: int = 20) -> Content:
    """One line per entry: label, bar, percentage (labels cut to fit)."""
    if not shares:
        return Content("(nothing yet)")
    lines = []
    for label, share in shares.items():
        text = label if len(label) <= label_width else label[: label_width - 1] + "…"
        lines.append(Content(f"{text:<{label_width}} ") + share_bar(share, width))
    return Content("\n").join(lines)


def count_bars(counts: list[tuple[str, int]], width: int = 20) -> Content:
    """One line per entry: label, a bar scaled to the largest count, the count (``Thu 03  ███ 4``)."""
    if not counts:
        return Content("(nothing yet)")
    top = max(n for _label, n in counts) or 1
    label_width = max(len(label) for label, _n in counts)
    lines = [Content(f"{label:<{label_width}}  ") + Content.from_markup(
        "[$primary]$bar[/] $n", bar="█" * max(1 if n else 0, round(n / top * width)), n=str(n))
        for label, n in counts]
    return Content("\n").join(lines)
