"""Stemming from many threads at once gives the same stems as one thread.

A batch run with `--workers 0` validates drafts in several threads, and the review
app revalidates in worker threads; a Snowball stemmer shared between threads
mixed up their words (IndexError, or a wrong stem).
"""

from __future__ import annotations

import random
import threading

import snowballstemmer

from summarizer import text


def test_concurrent_stemming_matches_serial_stemming() -> None:
    rng = random.Random(7)
    suffixes = ["ational", "ization", "fulness", "iveness", "ingly", "ements", "ousness", "icities", "s", "ed"]
    words = sorted({"".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(rng.randint(3, 12)))
                    + rng.choice(suffixes) for _ in range(10_000)})
    reference = snowballstemmer.stemmer("english")
    expected = {w: reference.stemWord(w) for w in words}
    text.stem.cache_clear()  # every word must reach the stemmer, not the cache
    threads = 8
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []
    got: dict[str, str] = {}
    lock = threading.Lock()

    def work(part: list[str]) -> None:
        barrier.wait()
        try:
            mine = {w: text.stem(w) for w in part}
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            return
        with lock:
            got.update(mine)

    pool = [threading.Thread(target=work, args=(words[i::threads],)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    text.stem.cache_clear()
    assert not errors, errors[:3]
    assert got == expected
