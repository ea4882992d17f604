"""The jours fériés of the checker against the `holidays` package (test-only dependency),
every year 2008–2100, in both regions of the contract."""
from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from checker import dates

YEARS = range(2008, 2101)  # 2008: lundi de Pentecôte a holiday again after 2005–2007
# holidays' subdivisions: 57 is Moselle, 6AE the Collectivité européenne d'Alsace (67 and 68).
REGIONS = {"metropole": None, "alsace-moselle": "57"}


@pytest.mark.parametrize("region", REGIONS)
def test_public_holidays_match_the_holidays_package(region):
    reference = holidays.France(years=YEARS, subdiv=REGIONS[region])
    ours = {d for y in YEARS for d in dates.public_holidays(y, region)}
    assert ours == set(reference), (
        f"only ours: {sorted(ours - set(reference))[:5]}, only theirs: {sorted(set(reference) - ours)[:5]}"
    )


@pytest.mark.parametrize("subdiv", ["6AE"])
def test_alsace_moselle_is_also_alsace(subdiv):
    reference = holidays.France(years=YEARS, subdiv=subdiv)
    ours = {d for y in YEARS for d in dates.public_holidays(y, "alsace-moselle")}
    assert ours == set(reference)


def test_regions_are_the_contract_ones():
    assert dates.region_ids() == ["metropole", "alsace-moselle"]


def test_working_days_agree_with_the_holidays_package_day_by_day():
    reference = holidays.France(years=range(2024, 2031))
    day = date(2024, 1, 1)
    while day.year < 2031:
        expected = day.weekday() < 5 and day not in reference
        assert dates.is_working_day(day, "metropole") == expected, day
        day += timedelta(days=1)


def test_easter_known_dates():
    # Dates published by the Conférence des évêques de France.
    assert dates.easter_sunday(2024) == date(2024, 3, 31)
    assert dates.easter_sunday(2025) == date(2025, 4, 20)
    assert dates.easter_sunday(2026) == date(2026, 4, 5)
    assert dates.easter_sunday(2038) == date(2038, 4, 25)
