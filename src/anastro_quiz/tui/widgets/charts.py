"""The Progress charts, drawn with plotext (textual-plotext's ``plt``) so that they read right:
whole-number axes for counts, one bar per day that never runs into the next day's, and
true retention as a line over weeks, a point only where a week has enough reviews to mean
something (:data:`MIN_WEEK_REVIEWS`)."""

from __future__ import annotations

from ...stats import DueDay, WeekRetention

MIN_WEEK_REVIEWS = 5  # a week with fewer reviews of review-state cards has no retention point
BAR_COLOR = "cyan"


def whole_ticks(top: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least ``top``, at most ``most`` of them, at a step of
    1, 2 or 5 times a power of ten (``whole_ticks(4)`` -> ``[0, 1, 2, 3, 4]``)."""
    top = max(1, top)
    step, scale = 1, 1
    while True:
        for base in (1, 2, 5):
            step = base * scale
            if -(-top // step) + 1 <= most:
                count = -(-top // step)
                return [step * i for i in range(count + 1)]
        scale *= 10


def draw_due_per_day(plt, forecast: list[DueDay]) -> None:
    """Cards due on each day from today: one column of blocks per day (a vertical line
    plotted at its day, so two days never merge into one wide bar), whole-number counts."""
    plt.clear_data()
    days = len(forecast)
    for day, entry in enumerate(forecast):
        if entry.due:
            plt.plot([day, day], [0, entry.due], marker="█", color=BAR_COLOR)
    ticks = whole_ticks(max((d.due for d in forecast), default=0))
    plt.yticks(ticks)
    plt.ylim(0, ticks[-1])
    plt.xlim(-0.5, days - 0.5)
    # Explicit ticks: plotext's automatic ones vary from run to run (and break snapshots).
    plt.xticks(list(range(0, days, 7)))
    total = sum(d.due for d in forecast)
    plt.title(f"Cards due per day, next {days} days ({total} in all; day 0 = today, with overdue)")
    plt.xlabel("days from today")


def draw_weekly_retention(plt, weekly: list[WeekRetention]) -> None:
    """True retention (%) per week, oldest left, this week right: a line through the weeks
    with at least :data:`MIN_WEEK_REVIEWS` reviews of review-state cards."""
    plt.clear_data()
    weeks = len(weekly)
    points = [(i - weeks + 1, w.rate * 100) for i, w in enumerate(weekly)
              if w.rate is not None and w.reviews >= MIN_WEEK_REVIEWS]
    if points:
        plt.plot([p[0] for p in points], [p[1] for p in points], marker="braille", color=BAR_COLOR)
        plt.scatter([p[0] for p in points], [p[1] for p in points], marker="●", color=BAR_COLOR)
    plt.ylim(0, 100)
    plt.yticks([0, 25, 50, 75, 100])
    plt.xlim(-weeks + 0.5, 0.5)  # this week's point stands inside the frame, not on its border
    ticks = list(range(-weeks + 1 + (weeks - 1) % 2, 1, 2))
    plt.xticks(ticks, ["this week" if t == 0 else str(-t) for t in ticks])
    few = sum(1 for w in weekly if w.reviews and w.reviews < MIN_WEEK_REVIEWS)
    if points:
        plt.title(f"True retention by week (%), weeks with {MIN_WEEK_REVIEWS}+ reviews"
                  + (f" ({few} with fewer left out)" if few else ""))
    else:
        plt.title(f"True retention by week: no week with {MIN_WEEK_REVIEWS} reviews of cards in review yet")
    plt.xlabel("weeks ago")
