"""validate/heap.py: a batch run freezes its built indexes out of the cyclic
collector's walks and thaws them at the end; it leaves a heap frozen by someone
else alone, and collects young garbage (cycles included) before each freeze."""

from __future__ import annotations

import gc
import weakref

from summarizer.validate.heap import frozen_builds


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_frozen_during_the_run_and_thawed_after():
    assert gc.get_freeze_count() == 0
    with frozen_builds() as heap:
        assert heap.active
        with heap.building():
            assert not gc.isenabled()
            kept = [{"k": [1, 2]} for _ in range(100)]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert kept
    assert gc.get_freeze_count() == 0


def test_cyclic_garbage_is_collected_before_a_freeze():
    with frozen_builds() as heap:
        ref = weakref.ref(_Node())  # unreachable at once, but in a cycle
        with heap.building():
            pass
        assert ref() is None  # collected, not frozen for good


def test_a_heap_frozen_by_the_caller_is_left_alone():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_builds() as heap:
            assert not heap.active
            with heap.building():
                assert not gc.isenabled()
            assert gc.get_freeze_count() == before
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
