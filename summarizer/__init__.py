"""takeaways' headless core: ingest, draft, validate, store.

Nothing in this package may import Textual: batch runs happen on servers with no
terminal, and a test enforces it.
"""

__version__ = "0.1.0"

# The export line for approved bullets an LLM drafted; never printed on a draft
# (summarizer.disclosure holds every wording and decides which applies).
DISCLOSURE = (
    "The Key Takeaways for this article were generated with the assistance of large "
    "language models and reviewed by our editorial team."
)
