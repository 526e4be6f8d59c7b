"""Run `takeaways batch` with the CountingProvider (for subprocess tests).

Environment: BATCH_CALL_LOG (file that gets one line per provider call),
BATCH_DONE_LOG (one line per call that returned its draft), BATCH_DELAY (seconds
per call), BATCH_TEST_SLOW_VALIDATION (test-only: seconds every validation waits
before it starts, so that a kill finds drafts that have arrived but are not yet
validated; it patches the runner from here, the product has no such switch).
Arguments are the CLI's.
"""

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

import summarizer.batch.runner as runner  # noqa: E402
import summarizer.providers as providers  # noqa: E402
from batch_helpers import CountingProvider  # noqa: E402
from summarizer.cli import main  # noqa: E402


def _factory(name="auto", **options):
    return CountingProvider(delay=float(os.environ.get("BATCH_DELAY", "0")), log=os.environ.get("BATCH_CALL_LOG"),
                            done_log=os.environ.get("BATCH_DONE_LOG"))


_real_check_and_write = runner._check_and_write


def _slow_check_and_write_for_tests(*args, **kwargs):
    """Validation held up (it runs in the worker processes, forked after this patch)."""
    time.sleep(float(os.environ["BATCH_TEST_SLOW_VALIDATION"]))
    return _real_check_and_write(*args, **kwargs)


if os.environ.get("BATCH_TEST_SLOW_VALIDATION"):
    runner._check_and_write = _slow_check_and_write_for_tests

providers.get_provider = _factory
sys.argv = ["takeaways", *sys.argv[1:]]
raise SystemExit(main(sys.argv[1:]))
