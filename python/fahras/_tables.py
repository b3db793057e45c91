"""Tables: rows of plain values, ready for pandas or polars.

Every call that answers with many rows answers with a :class:`Table`: a
sequence of dicts (one per row, the same keys in every row), the names of
its columns, and ``raw``, the whole answer exactly as the command's
``--json`` prints it. What is said once for the whole table (the total, the
rule the words were matched by, notes) is in ``meta`` and can be read as an
attribute (``table.total``).
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union, overload

Row = Dict[str, Any]


class Table(Sequence[Row]):
    """Rows with named columns, and what the answer said about all of them."""

    __slots__ = ("columns", "rows", "meta", "raw")

    def __init__(
        self,
        columns: Sequence[str],
        rows: List[Row],
        meta: Optional[Mapping[str, Any]] = None,
        raw: Any = None,
    ) -> None:
        self.columns: Tuple[str, ...] = tuple(columns)
        self.rows: List[Row] = rows
        self.meta: Dict[str, Any] = dict(meta or {})
        self.raw: Any = raw

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> List[Row]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Row, List[Row]]:
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails: the answer's other fields.
        meta = object.__getattribute__(self, "meta")
        if name in meta:
            return meta[name]
        raise AttributeError(
            f"{type(self).__name__} has no attribute {name!r} "
            f"(columns: {', '.join(self.columns)}; meta: {', '.join(meta)})"
        )

    def column(self, name: str) -> List[Any]:
        """The values of one column, in row order."""
        if name not in self.columns:
            raise KeyError(f"no column {name!r}; the columns are {', '.join(self.columns)}")
        return [row[name] for row in self.rows]

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (pandas must be installed).

        Missing values (a gap in a timeline, a thin period's share) are
        ``None`` in the rows and ``NaN``/``None`` in the frame: never zero.
        """
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas needs pandas: pip install pandas") from error
        return pandas.DataFrame.from_records(self.rows, columns=list(self.columns))

    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame`` (polars must be installed)."""
        try:
            import polars  # type: ignore[import-not-found,unused-ignore]
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("to_polars needs polars: pip install polars") from error
        return polars.DataFrame(
            {name: [row[name] for row in self.rows] for name in self.columns},
            strict=False,
        )

    def __repr__(self) -> str:
        head = f"<{type(self).__name__}: {len(self.rows)} rows × {len(self.columns)} columns"
        said = ", ".join(
            f"{k}={v!r}" for k, v in self.meta.items() if not isinstance(v, (list, dict))
        )
        lines = [head + (f"; {said}" if said else "") + ">"]
        lines.append("  " + " | ".join(self.columns))
        for row in self.rows[:5]:
            lines.append("  " + " | ".join(_short(row[c]) for c in self.columns))
        if len(self.rows) > 5:
            lines.append(f"  … {len(self.rows) - 5} more")
        return "\n".join(lines)


def _short(value: Any) -> str:
    text = visible(value) if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def visible(text: str) -> str:
    """``text`` with control and format characters (a terminal's escape, a
    bidi override) shown as ``\\u`` escapes: archive text printed in a
    repr is data, never a command to the terminal. The joiners Arabic and
    Persian text use (ZWNJ, ZWJ) are kept."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch in "\u200c\u200d" or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)
