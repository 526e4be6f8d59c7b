"""Error types that map to the CLI's exit codes.

`InputError` is the user's to fix (exit 2); `ProviderError` is a runtime failure on
the LLM side (exit 1). Both carry a one-line message meant for stderr as is.
"""


class TakeawaysError(Exception):
    """Base class: the message is one line, fit for an editor's terminal."""

    exit_code = 1


class InputError(TakeawaysError):
    """Bad input or usage: a missing, empty, binary or undecodable file, bad flags."""

    exit_code = 2


class ProviderError(TakeawaysError):
    """The LLM side failed after retries: down, rate limited, refusing, malformed."""

    exit_code = 1
