"""A pytest plugin for test_cassette_hygiene: after collection, write which test uses
which cassette fixture (one JSON line per test) to $TAKEAWAYS_CASSETTE_USAGE.

Run with `--collect-only -p tests.cassette_usage`; nothing is executed.
"""

from __future__ import annotations

import json
import os

import pytest

CASSETTE_FIXTURES = ("cassette", "batch_endpoint")


def pytest_collection_finish(session: pytest.Session) -> None:
    path = os.environ.get("TAKEAWAYS_CASSETTE_USAGE")
    if not path:
        return
    with open(path, "w") as fh:
        for item in session.items:
            used = [f for f in CASSETTE_FIXTURES if f in getattr(item, "fixturenames", ())]
            if used:
                fh.write(json.dumps({"nodeid": item.nodeid, "name": item.name, "fixture": used[0]}) + "\n")
