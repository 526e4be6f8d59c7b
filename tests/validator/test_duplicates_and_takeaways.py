"""validate_takeaways: one Check per bullet, cross-bullet near-duplicates flagged."""

from __future__ import annotations

from summarizer.models import Takeaway
from summarizer.validate import validate_takeaways
from summarizer.validate.duplicates import duplicates


def test_distinct_bullets_are_not_duplicates():
    assert duplicates(["Russia controls a fifth of Ukraine.", "Arsenal beat Chelsea 2-1 on Saturday."]) == {}


def test_near_duplicate_is_flagged_on_the_later_bullet(article):
    bullets = [
        Takeaway(text="Russia controls about a fifth of Ukraine, including Crimea."),
        Takeaway(text="Arsenal beat Chelsea 2-1 at the Emirates on Saturday."),
        Takeaway(text="Russia controls about a fifth of Ukraine including the Crimean peninsula."),
    ]
    checks = validate_takeaways(article, bullets)
    assert len(checks) == 3
    assert checks[0].verdict == "supported" and checks[1].verdict == "supported"
    dup = [c for c in checks[2].checks if c.name == "duplicate"]
    assert dup and not dup[0].passed and "repeats bullet 1" in dup[0].message
    assert checks[2].verdict == "review"
