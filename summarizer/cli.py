"""The `takeaways` console script: argument parsing and error-to-exit-code mapping.

Exit codes: 0 done; 1 a runtime failure (provider down, some batch items failed);
2 bad input or usage. Errors are one line on stderr; `--verbose` adds a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from summarizer import __version__
from summarizer.commands import COMMANDS
from summarizer.errors import TakeawaysError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every bad input
        self.exit(2, f"takeaways: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="takeaways", description="Draft, check and review key takeaways for news articles.")
    parser.add_argument("--version", action="version", version=f"takeaways {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show details on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"summarizer.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except TakeawaysError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"takeaways: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("takeaways: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks
        if args.verbose:
            traceback.print_exc()
        print(f"takeaways: internal error: {type(exc).__name__}: {exc} (run with --verbose for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
