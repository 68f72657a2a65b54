"""Local days: the reports' days are the site's (settings.TIME_ZONE)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_of(moment: datetime) -> date:
    return timezone.localtime(moment, site_zone()).date()


def day_window(day: date) -> tuple[datetime, datetime]:
    """[start, end) of the local day, in aware datetimes (23 or 25 hours
    long on the days the clocks change)."""
    zone = site_zone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def today() -> date:
    return day_of(timezone.now())


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
