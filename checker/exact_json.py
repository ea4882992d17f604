"""JSON text read with exact numbers (contract v1.2): every entry that receives a situation as
text — the CLI, `checker.evaluate` given a string, the simulator's worker — reads it here.

A binary float cannot hold 69.999999999999999999 (it becomes 70.0 and passes a threshold of 70),
so decimals are read as `Decimal`, which the checker turns into exact Fractions. A number whose
writing is too long to be worth reading is kept as `TooLong`, for the reader of its field to
refuse by name (a Decimal with millions of digits, or 1e999999999 made a Fraction, would hang).
"""
from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation

# Python's own limit on the digits of an integer read from text (sys.int_info); the contract
# takes it for every number.
MAX_DIGITS = getattr(sys.int_info, "default_max_str_digits", 4300) or 4300


class TooLong:
    """A number written with more than MAX_DIGITS digits (or so far from 1 that writing it out
    would take them): not read, only described."""

    __slots__ = ("digits",)

    def __init__(self, digits: int):
        self.digits = digits

    def __repr__(self) -> str:
        return f"un nombre de {self.digits} chiffres"


def _digits(text: str) -> int:
    mantissa = text.lstrip("+-").split("e")[0].split("E")[0]
    return sum(ch.isdigit() for ch in mantissa)


def _integer(text: str):
    return TooLong(_digits(text)) if _digits(text) > MAX_DIGITS else int(text)


def _decimal(text: str):
    digits = _digits(text)
    if digits > MAX_DIGITS:
        return TooLong(digits)
    try:
        value = Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal holds (1e+10**48): read it alone
        exponent = int(text.lower().split("e")[1])
        return TooLong(abs(exponent) + 1)
    # 1e999999 is short to write but a million digits long as a number.
    if abs(value.adjusted()) > MAX_DIGITS:
        return TooLong(abs(value.adjusted()) + 1)
    return value


def loads(text: str | bytes):
    """json.loads with decimals as Decimal and over-long numbers as TooLong; raises what
    json.loads raises (json.JSONDecodeError, RecursionError)."""
    return json.loads(text, parse_float=_decimal, parse_int=_integer)


def situation(text: str | bytes):
    """A situation's JSON text, exactly; raises ValueError with one French line."""
    try:
        return loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"(situation): JSON invalide ligne {err.lineno}, colonne {err.colno} ({err.msg})") from None
    except RecursionError:
        raise ValueError("(situation): JSON trop imbriqué") from None
