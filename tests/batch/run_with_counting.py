"""Run `takeaways batch` with the CountingProvider (for subprocess tests).

Environment: BATCH_CALL_LOG (file that gets one line per provider call),
BATCH_DELAY (seconds per call). Arguments are the CLI's.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

import summarizer.providers as providers  # noqa: E402
from batch_helpers import CountingProvider  # noqa: E402
from summarizer.cli import main  # noqa: E402


def _factory(name="auto", **options):
    return CountingProvider(delay=float(os.environ.get("BATCH_DELAY", "0")), log=os.environ.get("BATCH_CALL_LOG"))


providers.get_provider = _factory
sys.argv = ["takeaways", *sys.argv[1:]]
raise SystemExit(main(sys.argv[1:]))
