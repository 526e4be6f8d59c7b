"""Allow `python -m summarizer ...` as an alias of the `takeaways` console script."""

from summarizer.cli import main

raise SystemExit(main())
