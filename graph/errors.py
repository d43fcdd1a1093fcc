"""The project's exceptions: one base class, each error carrying where, what and the fix.

Every error a user can cause (a bad file, a bad parameter, an unreachable store) is raised
as a subclass of :class:`RegiographError`.  The CLI prints ``str(error)`` and exits non-zero
without a traceback, so the message must be complete on its own: *where* (file, sheet,
line, column), *what* (the bad value) and *what to do* (the fix).
"""

from __future__ import annotations

__all__ = [
    "RegiographError",
    "InputError",
    "StoreError",
    "QueryError",
    "ConfigError",
]


class RegiographError(Exception):
    """Base class of every error regiograph raises on purpose.

    Parameters
    ----------
    message:
        What is wrong, in one sentence.
    file, sheet, line, column:
        Where it is wrong (any may be ``None``).  ``line`` is the 1-based line number of the
        file as a text editor shows it (the header is line 1).
    value:
        The offending value, shown quoted.
    fix:
        What the user should do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        fix: str | None = None,
    ) -> None:
        self.message = message
        self.file = None if file is None else str(file)
        self.sheet = sheet
        self.line = line
        self.column = column
        self.value = value
        self.fix = fix
        super().__init__(self.__str__())

    def location(self) -> str:
        """Answer ``file[sheet], line N, column 'C'`` for whatever parts are known."""
        parts = []
        if self.file:
            parts.append(self.file + (f" [sheet {self.sheet}]" if self.sheet else ""))
        elif self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            text += f" (value: {self.value!r})"
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text

    def as_dict(self) -> dict[str, object]:
        """Answer the error as a plain dict (for JSON output and the app)."""
        return {
            "error": type(self).__name__,
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "value": None if self.value is None else str(self.value),
            "fix": self.fix,
        }


class InputError(RegiographError):
    """An input file (DUO, CBS, registry) does not follow its declared schema."""


class StoreError(RegiographError):
    """The graph store cannot be reached, started or written."""


class QueryError(RegiographError):
    """A Cypher query or a named query's parameters are wrong, or the store refused it."""


class ConfigError(RegiographError):
    """An environment variable or option has an unusable value."""
