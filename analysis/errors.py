"""One small exception hierarchy; every message says what to do next."""
from __future__ import annotations


class TthcError(Exception):
    """Base class for errors the suite reports to a user."""


class ReadError(TthcError):
    """A document could not be read. Names the file and, where it applies, the line."""

    def __init__(self, path, problem: str, hint: str = "", line: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        self.line = line
        where = self.path if line is None else f"{self.path}:{line}"
        msg = f"{where}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class MetadataError(TthcError):
    """A metadata sidecar is malformed."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        super().__init__(f"{path}: {problem} (fix the sidecar YAML or delete it to use detection)")


class SettingsError(TthcError):
    """A setting has an invalid value; the message names the setting."""

    def __init__(self, name: str, value, expected: str):
        self.name = name
        super().__init__(f"setting '{name}' = {value!r} is invalid: expected {expected}")


class VocabularyError(TthcError):
    """A vocabulary file under analysis/vocab is malformed."""


class ReportTimeout(TthcError):
    """One report took longer than its time limit to read and check."""

    def __init__(self, path, seconds: float):
        self.path = str(path)
        super().__init__(f"{self.path}: not read: it took longer than the {seconds:g} s limit for one report "
                         f"(ReadingSettings.max_seconds_per_file); check it for a runaway line or table")
