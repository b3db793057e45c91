"""The exceptions the library's errors become.

Each is a :class:`FahrasError`; most are also the built-in exception a
Python programmer would catch for that kind of problem (a missing index is
a :class:`FileNotFoundError`, a bad argument a :class:`ValueError`).
"""


class FahrasError(Exception):
    """Something went wrong in Fahras; the message says what and where."""


class IndexNotFoundError(FahrasError, FileNotFoundError):
    """The folder is not there, or is not a Fahras index."""


class InputNotFoundError(FahrasError, FileNotFoundError):
    """A file or folder given to :func:`fahras.index` is not there."""


class IndexVersionError(FahrasError):
    """The index was built by another version of Fahras's analysis: reindex it."""


class IndexLockedError(FahrasError):
    """Another process is writing to the index."""


class InvalidRequestError(FahrasError, ValueError):
    """An argument Fahras cannot use: an unknown name, a date it cannot read."""


class RecordError(FahrasError, ValueError):
    """A strict indexing run stopped at a record it could not index."""


class CancelledError(FahrasError):
    """The request was cancelled before it was done."""
