"""Domain errors: each says what went wrong and what to do about it."""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base class; the CLI prints these as one line, never as a traceback."""


class InputError(WorkbenchError):
    """An input path or file cannot be used (missing, unreadable, wrong format)."""


class ModelNotFoundError(WorkbenchError):
    """No usable spaCy English model is installed."""


class LedgerError(WorkbenchError):
    """The ledger cache is unusable (and could not be rebuilt)."""
