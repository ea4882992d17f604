"""Counting dates as the contract says: months and years date to date (clamped to the end of
a shorter month), jours ouvrés Monday–Friday less the public holidays of the region.
The holidays themselves are data (referentiels/jours-feries.yaml)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from . import referentiel


def days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar costs the simulator ~17 ms in Pyodide.
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - timedelta(days=1)).day


def add_months(d: date, months: int) -> date:
    """Date to date; a day missing from the target month becomes its last day
    (31 March − 1 month = 28 or 29 February)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = days_in_month(year, month + 1)
    return date(year, month + 1, min(d.day, last))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def region_ids() -> list[str]:
    return [r["id"] for r in referentiel.calendar()["regions"]]


@lru_cache(maxsize=512)
def public_holidays(year: int, region: str) -> dict[date, str]:
    """{date: name} of the year's public holidays in the region."""
    out = {}
    easter = easter_sunday(year)
    for h in referentiel.calendar()["holidays"]:
        if "regions" in h and region not in h["regions"]:
            continue
        if "easter_offset" in h:
            day = easter + timedelta(days=h["easter_offset"])
        else:
            day = date(year, h["month"], h["day"])
        out[day] = h["name"]
    return out


def is_working_day(d: date, region: str) -> bool:
    return d.isoweekday() in referentiel.calendar()["working_weekdays"] and d not in public_holidays(d.year, region)


def working_days_before(d: date, n: int, region: str) -> tuple[date, list[tuple[date, str]]]:
    """Latest date D such that D … d − 1 holds n jours ouvrés, and the holidays skipped."""
    skipped, count, cur = [], 0, d
    while count < n:
        cur -= timedelta(days=1)
        if is_working_day(cur, region):
            count += 1
        elif cur in public_holidays(cur.year, region):
            skipped.append((cur, public_holidays(cur.year, region)[cur]))
    return cur, skipped


def working_days_after(d: date, n: int, region: str) -> tuple[date, list[tuple[date, str]]]:
    """The n-th jour ouvré after d, and the holidays skipped on the way."""
    skipped, count, cur = [], 0, d
    while count < n:
        cur += timedelta(days=1)
        if is_working_day(cur, region):
            count += 1
        elif cur in public_holidays(cur.year, region):
            skipped.append((cur, public_holidays(cur.year, region)[cur]))
    return cur, skipped
