"""Keep the cyclic garbage collector off the article indexes of a long batch run.

Why: `validate --input` keeps each source's article and index (some 100,000
small containers for a long article, none in a cycle) until its last record.
With collection merely paused while an index is built (`index.gc_paused`), the
new objects still sat in the youngest generation afterwards, and the next
collections walked all of them again, generation after generation, and a full
collection walked every index kept: 0.25-0.3 CPU s of the 2-3 s the command took
on cliff-val and frank-val. Here, once an index is built, everything alive is
moved to the permanent generation (`gc.freeze()`), which collections skip; the
objects are still freed by reference counting when the command drops them.

So that little collectable is frozen, the two young generations are collected
just before each build (the previous records' garbage: neither the heap frozen
before nor the oldest generation is walked; a first full collection walked a
caller's whole heap, 0.27 s in bench/validator.py's process). A cycle that
reached the oldest generation before it died waits for the thaw. On exit the permanent generation is thawed
(`gc.unfreeze()`), so a caller running the command in-process gets its usual
collector back. A process that had frozen objects of its own before (a forking
server does) is left alone: no collect, freeze or thaw, only the pause.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from summarizer.validate.index import gc_paused


class FrozenBuilds:
    """Scope of a batch run; `building()` wraps each article's split and index."""

    def __init__(self) -> None:
        self.active = gc.isenabled() and gc.get_freeze_count() == 0

    @contextmanager
    def building(self) -> Iterator[None]:
        """Collect young garbage (generations 0 and 1), build with collection paused, then freeze the heap."""
        if self.active:
            gc.collect(1)
        with gc_paused():
            yield
            if self.active:
                gc.freeze()

    def close(self) -> None:
        """Give frozen objects back to the collector (the oldest generation)."""
        if self.active:
            gc.unfreeze()
            self.active = False


@contextmanager
def frozen_builds() -> Iterator[FrozenBuilds]:
    """`with frozen_builds() as heap: ... with heap.building(): build ...`."""
    heap = FrozenBuilds()
    try:
        yield heap
    finally:
        heap.close()


__all__ = ["FrozenBuilds", "frozen_builds"]
