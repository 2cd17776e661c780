"""Policy values are typed like source facts, and compared as the rule says."""

from __future__ import annotations

import dataclasses

import pytest

from consistency_check.policy.values import PolicyValueError, bounds, comparable, judge_value, parse_value
from consistency_check.rules import Rule, load_rules

RULES = load_rules()


def rule(name: str, **changes: object) -> Rule:
    found = RULES.by_code(name)
    assert found is not None
    return dataclasses.replace(found, **changes) if changes else found


PARSED = [
    ("return-window", "30 days", "30 days"),
    ("return-window", "two weeks", "14 days"),
    ("return-window", "48 hours", "2 days"),
    ("refund-time", "5 business days", "5 business days"),
    ("delivery-time", "5-7 business days", "5-7 business days"),
    ("free-shipping-threshold", "$49", "$49.00"),
    ("free-shipping-threshold", "$49 or more", "$49.00"),
    ("discount", "10%", "10%"),
    ("discount", "ten percent", "10%"),
    ("store-hours", "Mon-Sat 9am-9pm; Sun 10am-5pm", "Mon-Sat 09:00-21:00; Sun 10:00-17:00"),
    (
        "phone-hours",
        "Mon-Fri 8am-8pm ET; Sat 10am-4pm ET; Sun closed",
        "Mon-Fri 08:00-20:00; Sat 10:00-16:00; Sun closed",
    ),
    ("customer-service-phone", "(800) 555-0142", "+18005550142"),
    ("support-email", "Help@Northwind.example", "help@northwind.example"),
    ("promotion-dates", "2025-04-14", "2025-04-14"),
    ("gift-card-expiry", True, "yes"),
    ("gift-card-expiry", False, "no"),
    ("returnability", "No", "no"),
    ("warranty-period", "24 months", "2 years"),
]


@pytest.mark.parametrize("name,raw,value", PARSED, ids=[f"{n}:{r}" for n, r, _ in PARSED])
def test_parse_value_gives_the_canonical_fact(name: str, raw: object, value: str) -> None:
    fact = parse_value(raw, rule(name))
    assert fact.kind == rule(name).fact and fact.value == value


BAD = [
    ("return-window", "thirty dayz", "is not a duration"),
    ("return-window", "30 days or 45 days", "gives 2 values"),
    ("discount", "$10", "is not a percent"),
    ("gift-card-expiry", "maybe", "is not yes or no"),
    ("store-hours", "always", "is not an opening-hours value"),
    ("free-shipping-threshold", "under $49", "does not compare"),
]


@pytest.mark.parametrize("name,raw,message", BAD, ids=[f"{n}:{r}" for n, r, _ in BAD])
def test_parse_value_refuses_what_is_not_the_rules_kind(name: str, raw: str, message: str) -> None:
    with pytest.raises(PolicyValueError, match=message):
        parse_value(raw, rule(name))


MODES = [
    # rule, mode, policy values, claimed value, agrees
    ("return-window", "equal", ["30 days"], "30 days", True),
    ("return-window", "equal", ["30 days"], "45 days", False),
    ("delivery-time", "one-of", ["2 business days", "1-2 business days"], "1-2 business days", True),
    ("delivery-time", "one-of", ["2 business days", "1-2 business days"], "3 business days", False),
    ("return-window", "at-most", ["30 days"], "14 days", True),
    ("return-window", "at-most", ["30 days"], "30 days", True),
    ("return-window", "at-most", ["30 days"], "45 days", False),
    ("delivery-time", "at-most", ["7 business days"], "5-7 business days", True),
    ("delivery-time", "at-most", ["6 business days"], "5-7 business days", False),
    ("damage-claim-window", "at-most", ["2 days"], "48 hours", True),
    ("damage-claim-window", "at-most", ["2 days"], "72 hours", False),
    ("free-shipping-threshold", "at-least", ["$49"], "$59", True),
    ("free-shipping-threshold", "at-least", ["$49"], "$39", False),
    ("discount", "at-least", ["10%"], "15%", True),
    ("promotion-dates", "at-most", ["2025-04-14"], "2025-04-12", True),
    ("promotion-dates", "at-most", ["2025-04-14"], "2025-04-20", False),
]


@pytest.mark.parametrize("name,mode,values,claimed,agrees", MODES, ids=[f"{m}:{v}:{c}" for _, m, v, c, _ in MODES])
def test_judge_value_follows_the_rules_comparison(
    name: str, mode: str, values: list[str], claimed: str, agrees: bool
) -> None:
    target = rule(name, compare=mode)
    expected = [parse_value(v, target) for v in values]
    assert judge_value(expected, parse_value(claimed, rule(name)).value, mode) is agrees


def test_business_and_calendar_days_are_judged_as_a_unit_mismatch() -> None:
    expected = parse_value("5 business days", rule("refund-time"))
    assert comparable(expected, "duration", "calendar", "").unit_mismatch
    assert not comparable(expected, "duration", "month", "").ok
    assert comparable(expected, "duration", "business", "max").ok


def test_other_currencies_and_time_zones_are_not_compared() -> None:
    money = parse_value("$49", rule("free-shipping-threshold"))
    assert not comparable(money, "money", "EUR", "min").ok
    hours = parse_value("Mon-Fri 8am-8pm ET", rule("phone-hours"))
    assert comparable(hours, "hours", "", "").ok and not comparable(hours, "hours", "PT", "").ok


def test_bounds_of_values_that_cannot_be_ordered() -> None:
    assert bounds("duration", "5-7 business days") == ("business", 5.0, 7.0)
    assert bounds("duration", "2 hours") == ("calendar", 120.0, 120.0)
    assert bounds("email", "help@example.com") is None
    assert bounds("date", "--04-14") is None
