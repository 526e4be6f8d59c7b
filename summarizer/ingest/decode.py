"""Turn raw bytes into text, refusing what is not an article file.

Each refusal is an `InputError` with one line an editor can act on.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 2_000_000
"""Largest accepted input: about 300,000 words, far beyond any news article. A larger
file is refused (exit 2) rather than tying up the sentence splitter and the model's
context window."""

from summarizer.errors import InputError


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) after rejecting empty, huge or binary data."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is over the {MAX_INPUT_BYTES:,}-byte limit for one article"
        )
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(f"{name}: looks like a binary file, not an article (txt, md or html)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it with e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise InputError(f"{name}: looks like a binary file, not an article (txt, md or html)")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text
