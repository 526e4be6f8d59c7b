"""Suite-wide setup. The network is blocked for every test by pytest-socket
(`--allow-hosts=127.0.0.1,localhost,::1` in pyproject.toml): only servers a test
starts on loopback can be reached, so a cassette slip fails instead of calling out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b3b082b68e0ca19b.txt"
SHARED_DATA = ROOT.parent / "shared" / "data" / "dev"


@pytest.fixture(autouse=True)
def _no_endpoint_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never inherit a developer's API key or endpoint."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TAKEAWAYS_MODEL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server per test run (see tests/pgserver.py). Fails, never skips,
    when it cannot start: the desk's tests must run on CI."""
    from tests.pgserver import PgServer, PostgresUnavailable

    try:
        server = PgServer().start()
    except PostgresUnavailable as exc:
        pytest.fail(f"cannot start the test PostgreSQL server: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the test server."""
    return pg_server.create_db()
