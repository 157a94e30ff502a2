"""Time helpers: UTC timestamps for storage, and the learner's "study day".

A study day starts at 04:00 local time (as in Anki), so a late-night session counts
toward the day it began.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

DAY_STARTS_AT_HOUR = 4


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so string order is time order in SQL."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one (UTC)")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def study_day(moment: datetime) -> date:
    """The local study day a moment belongs to."""
    return (moment.astimezone() - timedelta(hours=DAY_STARTS_AT_HOUR)).date()


def next_day_start(moment: datetime) -> datetime:
    """When the study day containing ``moment`` ends (used for burying until tomorrow)."""
    day = study_day(moment) + timedelta(days=1)
    local = datetime(day.year, day.month, day.day, DAY_STARTS_AT_HOUR).astimezone()
    return local.astimezone(timezone.utc)
