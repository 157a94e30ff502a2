"""Time helpers: UTC timestamps for storage, and the learner's "study day".

A study day starts at 04:00 local time by default (as in Anki), so a late-night session
counts toward the day it began. The hour is a setting (``Collection`` applies the saved
value when it opens a database, through :func:`set_day_start_hour`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Callable

DAY_STARTS_AT_HOUR = 4  # the default
_day_start_hour = DAY_STARTS_AT_HOUR


def day_start_hour() -> int:
    """The local hour (0-23) at which a study day starts now."""
    return _day_start_hour


def set_day_start_hour(hour: int) -> None:
    """Make study days start at ``hour`` local time (``ValueError`` outside 0-23)."""
    global _day_start_hour
    _day_start_hour = check_day_start_hour(hour)


def check_day_start_hour(hour: object) -> int:
    """``hour`` (an int, or its digits as text) as an int; ``ValueError`` with a readable
    message unless it is a whole hour from 0 to 23."""
    text = str(hour).strip() if isinstance(hour, (int, str)) and not isinstance(hour, bool) else ""
    if not text.isdigit() or not 0 <= int(text) <= 23:
        raise ValueError(f"the study day's start must be a whole hour from 0 to 23 (got {hour!r})")
    return int(text)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so string order is time order in SQL."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one (UTC)")
    moment = moment.astimezone(timezone.utc)
    if moment.year < 1000:  # strftime leaves such a year unpadded; isoformat would pad it
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    # The same text as that strftime, in a third of the time (a replay writes one per review).
    return moment.isoformat(timespec="microseconds")


def study_day(moment: datetime) -> date:
    """The local study day a moment belongs to."""
    return (moment.astimezone() - timedelta(hours=_day_start_hour)).date()


def day_start(day: date) -> datetime:
    """The moment (UTC) study day ``day`` begins."""
    local = datetime(day.year, day.month, day.day, _day_start_hour).astimezone()
    return local.astimezone(timezone.utc)


def next_day_start(moment: datetime) -> datetime:
    """When the study day containing ``moment`` ends (used for burying until tomorrow)."""
    return day_start(study_day(moment) + timedelta(days=1))


def clock_on(day: date, now: Callable[[], datetime] = utcnow) -> Callable[[], datetime]:
    """A clock that runs on study day ``day``: the real time of day, ``day`` whole days
    from today (``--today``: to see the app as it will be on a later day)."""
    offset = timedelta(days=(day - study_day(now())).days)
    return lambda: now() + offset


class NotADay(ValueError):
    """Written YYYY-MM-DD, but no such day (2027-02-30)."""


def date_of(text: str) -> date:
    """``YYYY-MM-DD`` as a date; ``ValueError`` if it is not written so, :class:`NotADay` (one)
    if it is but the calendar has no such day, each with a readable message."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit():
            raise NotADay(f"{text} is not a day of the calendar") from None
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD") from None


def parse_day(text: str, today: date | None = None) -> date:
    """``YYYY-MM-DD`` as a date from ``today`` on; ``ValueError`` with a readable message."""
    day = date_of(text)
    today = today or study_day(utcnow())
    if day < today:
        raise ValueError(f"{day} is before today ({today}): the clock only goes forward")
    return day
