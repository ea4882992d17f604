"""Counting as the contract says: months date to date (clamped), jours ouvrés."""
from __future__ import annotations

from datetime import date

import pytest

from checker.dates import add_months, add_years, working_days_after, working_days_before


@pytest.mark.parametrize("start, months, expected", [
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2028, 3, 31), -1, date(2028, 2, 29)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 8, 31), 1, date(2026, 9, 30)),
    (date(2026, 6, 15), -1, date(2026, 5, 15)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 1, 15), -1, date(2025, 12, 15)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_add_years_from_29_february():
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_working_days_before_skips_weekends_and_whit_monday():
    # Session Monday 15 June 2026; 15 jours ouvrés before: 12, 11, 10, 9, 8, 5, 4, 3, 2, 1 June,
    # 29, 28, 27, 26 May, (25 May lundi de Pentecôte skipped), 22 May.
    due, skipped = working_days_before(date(2026, 6, 15), 15, "metropole")
    assert due == date(2026, 5, 22)
    assert skipped == [(date(2026, 5, 25), "Lundi de Pentecôte")]


def test_working_days_after_alsace_moselle_adds_26_december():
    # From Monday 21 Dec 2026: 22, 23, 24 (25 Noël), 28 … in métropole; 26 Dec is a Saturday.
    assert working_days_after(date(2026, 12, 21), 3, "metropole")[0] == date(2026, 12, 24)
    # 2025: 26 Dec is a Friday, a holiday only in Alsace-Moselle.
    assert working_days_after(date(2025, 12, 24), 2, "metropole")[0] == date(2025, 12, 29)
    assert working_days_after(date(2025, 12, 24), 2, "alsace-moselle")[0] == date(2025, 12, 30)


def test_good_friday_only_in_alsace_moselle():
    # Thursday 2 April 2026; Good Friday 3 April; Easter Monday 6 April.
    assert working_days_after(date(2026, 4, 2), 1, "metropole")[0] == date(2026, 4, 3)
    assert working_days_after(date(2026, 4, 2), 1, "alsace-moselle")[0] == date(2026, 4, 7)
