"""CLI subcommands, one module each; every module exposes `register(subparsers)`.

A new subcommand is a new module plus its name in `COMMANDS`.
"""

COMMANDS = ["generate", "validate", "batch", "review", "export", "store", "serve"]
