"""Fahras (فهرس) for Python: search, count and compare an Arabic news archive.

Open an index that ``fahras index`` (or :func:`index`) built, and call it as
the command line is called; every answer carries the same numbers as the
command's ``--json``::

    import fahras
    ix = fahras.Index("news.idx")
    ix.search("الأمر التنفيذي")             # ranked hits with marked snippets
    ix.count("قطر", date_from="2017-06")     # an int that says what it counts
    ix.timeline("قطر", split="source").to_pandas()

Counts count the articles holding **all** the words (``match="any"`` for
any of them), copies of a story included unless said otherwise; a period
the archive has no article in is a gap (``None``), never a zero.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import math as _math
import os as _os
import tempfile as _tempfile
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    overload,
)

from . import _fahras
from ._errors import (
    CancelledError,
    FahrasError,
    IndexLockedError,
    IndexNotFoundError,
    IndexVersionError,
    InputNotFoundError,
    InvalidRequestError,
    RecordError,
)
from ._tables import Row, Table, visible

__version__: str = _fahras.__version__

__all__ = [
    "Index",
    "index",
    "analyze",
    "Hit",
    "Results",
    "Count",
    "Table",
    "Export",
    "IndexSummary",
    "Problem",
    "FahrasError",
    "IndexNotFoundError",
    "InputNotFoundError",
    "IndexVersionError",
    "IndexLockedError",
    "InvalidRequestError",
    "RecordError",
    "CancelledError",
]

PathLike = Union[str, "_os.PathLike[str]"]
DateLike = Union[str, _dt.date, None]


def _date(value: DateLike, name: str) -> Optional[str]:
    """A date argument as the library reads it: text as given, a
    ``datetime.date`` as its day, a timezone-aware datetime in RFC 3339."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        return value.isoformat() if value.tzinfo is not None else value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise InvalidRequestError(
        f"{name}={value!r}: expected text such as '2017-06' or a datetime.date"
    )


def _query_args(
    fields: Optional[Sequence[str]],
    date_from: DateLike,
    date_to: DateLike,
    match: Optional[str],
    exact: bool,
    fuzzy: bool,
) -> "_fahras.QueryArgs":
    if isinstance(fields, str):
        fields = [f.strip() for f in fields.split(",") if f.strip()]
    return {
        "fields": list(fields) if fields is not None else None,
        "date_from": _date(date_from, "date_from"),
        "date_to": _date(date_to, "date_to"),
        "rule": match,
        "exact": bool(exact),
        "fuzzy": bool(fuzzy),
    }


class Hit:
    """One ranked article: what ``search --json`` prints as a hit line.

    ``snippet`` is a passage of the original body; ``highlights`` are its
    matches as ``(start, end)`` character offsets into it (and
    ``title_highlights`` into ``title``). ``copies`` are the ids of the
    story's other matching articles when results are collapsed.
    """

    __slots__ = (
        "rank",
        "id",
        "score",
        "title",
        "date",
        "source",
        "category",
        "url",
        "snippet",
        "highlights",
        "title_highlights",
        "story",
        "copies",
    )

    def __init__(self, line: Mapping[str, Any]) -> None:
        self.rank: int = line["rank"]
        self.id: str = line["id"]
        self.score: float = line["score"]
        self.title: str = line["title"]
        self.date: Optional[str] = line["date"]
        self.source: Optional[str] = line["source"]
        self.category: Optional[str] = line["category"]
        self.url: Optional[str] = line["url"]
        self.snippet: str = line["snippet"]
        self.highlights: List[Tuple[int, int]] = [(h[0], h[1]) for h in line["highlights"]]
        self.title_highlights: List[Tuple[int, int]] = [
            (h[0], h[1]) for h in line["title_highlights"]
        ]
        self.story: Optional[str] = line.get("story")
        self.copies: List[str] = list(line.get("copies") or [])

    def marked(self) -> List[str]:
        """The matched words of the snippet, as written there."""
        return [self.snippet[a:b] for a, b in self.highlights]

    def snippet_marked(self, open: str = "[", close: str = "]") -> str:
        """The snippet with each match between ``open`` and ``close``."""
        out, at = [], 0
        for a, b in self.highlights:
            out.append(self.snippet[at:a])
            out.append(open + self.snippet[a:b] + close)
            at = b
        out.append(self.snippet[at:])
        return "".join(out)

    def to_dict(self) -> Row:
        """The hit as a dict (the hit line's fields)."""
        return {name: getattr(self, name) for name in self.__slots__}

    def __repr__(self) -> str:
        return (
            f"<Hit {self.rank}: {visible(self.id)} · {self.date or 'no date'} · "
            f"{visible(self.source or '')} · {visible(self.title)[:60]}>"
        )


class Results(Sequence[Hit]):
    """The hits of a search, best first, and its summary.

    ``total`` counts the matching articles by the rule ``match`` names
    (``"any"`` for a ranked list unless ``match="all"`` was asked); with
    several words, ``total_all`` counts those holding all of them, as
    :meth:`Index.count` does. ``stories`` counts them with copies once.
    A ranked list counts up to 10,000: past it ``total_relation`` is
    ``"gte"`` and ``total`` (and ``stories``) a lower bound, unless the
    search asked ``exact_total=True``; ``total_all_relation`` likewise.
    """

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw: Dict[str, Any] = dict(raw)
        self.hits: List[Hit] = [Hit(line) for line in raw["hits"]]
        summary = raw["summary"]
        self.summary: Dict[str, Any] = summary
        self.query: str = summary["query"]
        self.total: int = summary["total"]
        self.total_relation: str = summary["total_relation"]
        self.match: str = summary["match"]
        self.total_all: Optional[int] = summary.get("total_all")
        self.total_all_relation: Optional[str] = summary.get("total_all_relation")
        self.stories: Optional[int] = summary.get("stories")
        self.notes: List[str] = summary["notes"]
        self.corrections: List[Dict[str, str]] = summary["corrections"]
        self.did_you_mean: Optional[Dict[str, Any]] = summary["did_you_mean"]
        self.facets: Optional[Dict[str, Any]] = summary.get("facets")
        self.elapsed_ms: float = summary["elapsed_ms"]

    @overload
    def __getitem__(self, index: int) -> Hit: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Hit]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Hit, Sequence[Hit]]:
        return self.hits[index]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def table(self) -> Table:
        """The hits as a :class:`Table` (one row per hit)."""
        return Table(
            Hit.__slots__,
            [hit.to_dict() for hit in self.hits],
            {k: v for k, v in self.summary.items() if k != "type"},
            self.raw,
        )

    def to_pandas(self) -> Any:
        """The hits as a ``pandas.DataFrame``."""
        return self.table().to_pandas()

    def to_polars(self) -> Any:
        """The hits as a ``polars.DataFrame``."""
        return self.table().to_polars()

    def __repr__(self) -> str:
        stories = f" ({self.stories} stories)" if self.stories is not None else ""
        lines = [
            f"<Results for {visible(self.query)!r}: {self.total} articles holding "
            f"{self.match} of the words{stories}; {len(self.hits)} shown>"
        ]
        lines += ["  " + repr(hit) for hit in self.hits]
        lines += [f"  note: {visible(n)}" for n in self.notes]
        return "\n".join(lines)


class Count(int):
    """A number of matching articles that says what it counts.

    It is an ``int`` (the articles); ``match`` says whether they hold all
    the words or any, ``stories`` counts them with a story's copies once,
    and ``notes`` says what in the query was read differently.
    """

    query: str
    match: str
    stories: Optional[int]
    notes: List[str]
    raw: Dict[str, Any]

    def __new__(cls, raw: Mapping[str, Any]) -> "Count":
        count = super().__new__(cls, raw["total"])
        count.raw = dict(raw)
        count.query = raw["query"]
        count.match = raw["match"]
        count.stories = raw.get("stories")
        count.notes = list(raw["notes"])
        return count

    def __str__(self) -> str:
        return str(int(self))

    @property
    def articles(self) -> int:
        """The matching articles, copies included."""
        return int(self)

    def __repr__(self) -> str:
        stories = f", {self.stories} stories" if self.stories is not None else ""
        return (
            f"Count({int(self)} articles holding {self.match} of the words of "
            f"{visible(self.query)!r}{stories})"
        )


class Export(Iterator[Dict[str, Any]]):
    """Every matching article, whole, read from the index as you iterate
    (``export`` in the command line; copies included). ``total`` is known
    at once."""

    def __init__(self, native: Any) -> None:
        self._native = native
        self.total: int = native.total

    def __iter__(self) -> "Export":
        return self

    def __next__(self) -> Dict[str, Any]:
        return next(self._native)

    def __repr__(self) -> str:
        return f"<Export: {self.total} matching articles, read as you iterate>"

    def table(self) -> Table:
        """The articles not yet read, as a :class:`Table`."""
        return Table(_ARTICLE_FIELDS, list(self), {"total": self.total})

    def to_pandas(self) -> Any:
        """The articles not yet read, as a ``pandas.DataFrame``."""
        return self.table().to_pandas()

    def to_polars(self) -> Any:
        """The articles not yet read, as a ``polars.DataFrame``."""
        return self.table().to_polars()


_ARTICLE_FIELDS = ("id", "title", "body", "date", "source", "category", "url")


class Index:
    """An index to search, count and compare.

    ``Index(path)`` opens the folder ``fahras index`` built; a missing or
    damaged one raises :class:`IndexNotFoundError` at once. Each call sees
    the index as last committed (articles indexed after opening are found).
    One ``Index`` may be used from several threads: the library works
    without holding Python's lock.

    Every query call takes the command line's query options as keyword
    arguments: ``fields`` (``["title"]``), ``date_from``/``date_to``
    (``"2017"``, ``"2017-06"``, ``"2017-06-05"``, a ``datetime.date``, or a
    Hijri ``"1439-09h"``), ``match`` (``"all"``/``"any"``), ``exact``
    (words as written, not stemmed) and ``fuzzy``.
    """

    def __init__(self, path: PathLike) -> None:
        self._native = _fahras.Index(_os.fspath(path))
        self.path: str = _os.fspath(path)

    def __repr__(self) -> str:
        return f"fahras.Index({self.path!r})"

    def search(
        self,
        query: str,
        limit: int = 10,
        *,
        offset: int = 0,
        sort: str = "relevance",
        collapse: bool = True,
        snippet: int = 200,
        facets: Optional[Union[str, Sequence[str]]] = None,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
        exact_total: bool = False,
    ) -> Results:
        """The best ``limit`` articles for ``query``, ranked as ``fahras
        search`` ranks them (``sort="date"``: newest first). Each story
        shows once, its copies under it, unless ``collapse=False``.
        ``snippet`` is the snippet's length in characters (0: none);
        ``facets`` (``"source,year"``) adds counts to the summary.
        ``total`` counts the matches up to 10,000, then is a lower bound
        (``total_relation`` ``"gte"``) unless ``exact_total=True``."""
        facet_names = facets if facets is None or isinstance(facets, str) else ",".join(facets)
        raw = self._native.search(
            query,
            _whole(limit, "limit"),
            _whole(offset, "offset"),
            sort,
            _whole(snippet, "snippet"),
            bool(collapse),
            facet_names,
            bool(exact_total),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        return Results(raw)

    def count(
        self,
        query: str,
        *,
        collapse: bool = True,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Count:
        """The articles holding all the words of ``query`` (``match="any"``:
        any of them), as ``fahras search --count``; ``.stories`` counts
        each story once (``collapse=False`` leaves it out)."""
        raw = self._native.count(
            query, bool(collapse), _query_args(fields, date_from, date_to, match, exact, fuzzy)
        )
        return Count(raw)

    def timeline(
        self,
        queries: Union[str, Sequence[str]],
        *,
        by: str = "month",
        calendar: str = "gregorian",
        share: bool = False,
        split: Optional[str] = None,
        stories: bool = False,
        min_articles: int = 30,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """Matching articles per period (``by``: day, week, month, year; in
        the ``hijri`` calendar if asked), one series per query, or per
        source or category of each with ``split``: ``fahras timeline``.

        One row per series and period: ``count`` (or per 1,000 of the
        period's articles with ``share=True``), ``matching``, ``articles``
        (the archive's articles of the period the filters admit), ``gap``
        (no article in the archive: ``count`` is None, not 0) and ``thin``
        (with ``share``, fewer than ``min_articles`` articles: not divided).
        Pivot it to plot: ``t.to_pandas().pivot(index="period",
        columns="series", values="count")``.
        """
        if isinstance(queries, str):
            queries = [queries]
        raw = self._native.timeline(
            list(queries),
            by,
            calendar,
            bool(share),
            split,
            bool(stories),
            _whole(min_articles, "min_articles"),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        return _timeline_table(raw)

    def facets(
        self,
        query: str = "*",
        facets: Union[str, Sequence[str]] = "source,category,year",
        *,
        stories: bool = False,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """Matching articles per source, category and year (``fahras
        facets``): one row per facet and value, most first (years in
        order); ``value`` None counts the articles without one."""
        if not isinstance(facets, str):
            facets = ",".join(facets)
        raw = self._native.facets(
            query,
            facets,
            bool(stories),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        rows: List[Row] = []
        for facet, found in raw["facets"].items():
            rows += [{"facet": facet, "value": v, "count": n} for v, n in found["counts"]]
            if found["missing"]:
                rows.append({"facet": facet, "value": None, "count": found["missing"]})
        return Table(("facet", "value", "count"), rows, {"total": raw["total"], "match": raw["match"]}, raw)

    def coverage(
        self,
        query: str = "*",
        *,
        by: str = "month",
        calendar: str = "gregorian",
        split: Optional[str] = "source",
        date_from: DateLike = None,
        date_to: DateLike = None,
    ) -> Table:
        """What the archive holds: its articles per period and source (or
        category, or ``split=None`` for one row), selected by the filters of
        ``query`` only (``source:…``, ``date:…``; its words are not
        counted): ``fahras coverage``. One row per value and period.

        ``gap`` is what it is in a timeline: the archive has no article of
        this value in the period, so nothing can be counted there.
        ``outside_run`` says the period is before the value's first dated
        article or after its last (the outlet's archive had not begun or
        had ended); ``meta["outlets"]`` gives each value's first and last
        date and its ``gaps``, the empty periods inside its run, as the
        command line counts them."""
        raw = self._native.coverage(
            query,
            by,
            calendar,
            split if split is not None else "none",
            _query_args(None, date_from, date_to, None, False, False),
        )
        return _coverage_table(raw)

    def kwic(
        self,
        query: str,
        *,
        context: int = 40,
        lines: Optional[int] = 100,
        offset: int = 0,
        every: bool = False,
        sort: str = "rank",
        collapse: bool = True,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """Every place the query matches, in context (``fahras kwic``):
        ``context`` characters each side, at most ``lines`` lines (None:
        all) from the best-ranked articles, or from every matching article
        with ``every=True`` (copies of a story read once unless
        ``collapse=False``); ``sort``: rank, left, right, date or source;
        ``offset`` lines skipped first, in that order (a page)."""
        raw = self._native.kwic(
            query,
            _whole(context, "context"),
            None if lines is None else _whole(lines, "lines"),
            _whole(offset, "offset"),
            bool(every),
            sort,
            bool(collapse),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        columns = ("id", "rank", "date", "source", "left", "match", "right", "start", "end")
        return Table(columns, list(raw["lines"]), _meta(raw, "lines"), raw)

    def collocates(
        self,
        query: str,
        *,
        window: int = 5,
        min_freq: int = 5,
        by: str = "stem",
        measure: str = "logdice",
        limit: int = 50,
        stop_words: bool = False,
        collapse: bool = True,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """The words found within ``window`` words of the matches, scored
        (``measure``: logdice, mi or t): ``fahras collocates``."""
        raw = self._native.collocates(
            query,
            _whole(window, "window"),
            _whole(min_freq, "min_freq"),
            by,
            measure,
            _whole(limit, "limit"),
            bool(stop_words),
            bool(collapse),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        return Table(_COLLOCATE_COLUMNS, list(raw["collocates"]), _meta(raw, "collocates"), raw)

    def keywords(
        self,
        query: str,
        *,
        vs: Optional[str] = None,
        by: str = "stem",
        min_ll: float = 15.13,
        min_freq: int = 5,
        negative: bool = False,
        sort: str = "ll",
        smooth: float = 1.0,
        limit: int = 50,
        collapse: bool = True,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """The words the articles ``query`` matches use more often than
        those ``vs`` matches (by default, the rest of the archive), with
        their counts and per-million on both sides, log-likelihood ``ll``
        (Dunning 1993; rows under ``min_ll`` left out), ``log_ratio``
        (Hardie 2014) and ``simple_maths`` (Kilgarriff 2009, smoothing
        ``smooth``); ``negative=True`` lists the words ``query`` uses less;
        ``sort``: ll, ratio or simple. Copies of a story count once on each
        side unless ``collapse=False``: ``fahras keywords``. The two sides'
        sizes are in ``meta["focus"]`` and ``meta["reference"]``."""
        raw = self._native.keywords(
            query,
            vs,
            by,
            _number(min_ll, "min_ll"),
            _whole(min_freq, "min_freq"),
            bool(negative),
            sort,
            _number(smooth, "smooth"),
            _whole(limit, "limit"),
            bool(collapse),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        return Table(_KEYWORD_COLUMNS, list(raw["keywords"]), _meta(raw, "keywords"), raw)

    def words(
        self,
        query: str,
        *,
        ngrams: int = 1,
        by: str = "stem",
        min_freq: int = 2,
        stop_words: bool = False,
        limit: int = 50,
        collapse: bool = True,
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """The words (or, with ``ngrams`` 2 to 4, word sequences) of the
        articles ``query`` matches, the most frequent first, with their
        count, per million words and articles; stop words left out of word
        lists unless ``stop_words=True``, never at an n-gram's ends, and no
        n-gram across punctuation: ``fahras words``."""
        raw = self._native.words(
            query,
            _whole(ngrams, "ngrams"),
            by,
            _whole(min_freq, "min_freq"),
            bool(stop_words),
            _whole(limit, "limit"),
            bool(collapse),
            _query_args(fields, date_from, date_to, match, exact, fuzzy),
        )
        return Table(_WORD_COLUMNS, list(raw["rows"]), _meta(raw, "rows"), raw)

    def dispersion(
        self,
        query: str,
        *,
        by: str = "source",
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Table:
        """How evenly the places ``query`` matches spread over the
        archive's parts (``by``: source, category, year or month), each
        part's words and matches, with Gries's DP, DP_norm and Juilland's D
        in ``meta``, and by year or month its ``gaps``: the periods between
        the first and the last in which the archive holds no article (not
        parts with no match): ``fahras dispersion``."""
        raw = self._native.dispersion(
            query, by, _query_args(fields, date_from, date_to, match, exact, fuzzy)
        )
        return Table(_PART_COLUMNS, list(raw["parts"]), _meta(raw, "parts"), raw)

    def dups(self, *, min_size: int = 2, limit: int = 0) -> Table:
        """The stories with at least ``min_size`` articles (copies of one
        story), largest first; ``limit`` 0 lists them all: ``fahras dups``.
        ``sources`` is a list of ``[source, articles]`` pairs."""
        raw = self._native.dups(_whole(min_size, "min_size"), _whole(limit, "limit"))
        columns = ("story", "size", "first_date", "last_date", "sources", "title", "ids")
        return Table(columns, list(raw), {}, raw)

    def stats(self) -> Table:
        """The index: its articles per source and per category as rows;
        the rest (``articles``, ``first_date``, ``last_date``, ``stories``,
        ``manifest``) as attributes: ``fahras stats``."""
        raw = self._native.stats()
        rows: List[Row] = [
            {"facet": "source", "value": v, "articles": n} for v, n in raw["sources"].items()
        ]
        rows += [
            {"facet": "category", "value": v, "articles": n}
            for v, n in raw["categories"].items()
        ]
        meta = {k: v for k, v in raw.items() if k not in ("sources", "categories")}
        return Table(("facet", "value", "articles"), rows, meta, raw)

    def get(self, id: str) -> Optional[Dict[str, Any]]:
        """The article with this id, whole, or None."""
        found = self._native.get(id)
        if found is not None:
            found.pop("type", None)
        return found

    def export(
        self,
        query: str = "*",
        *,
        sort: str = "relevance",
        fields: Optional[Sequence[str]] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        match: Optional[str] = None,
        exact: bool = False,
        fuzzy: bool = False,
    ) -> Export:
        """Every matching article, whole, copies included, as ``fahras
        export`` writes them: an iterator of dicts, read as you go."""
        return Export(
            self._native.export(
                query, sort, _query_args(fields, date_from, date_to, match, exact, fuzzy)
            )
        )


# term: the stem (or form) counted; form: its most frequent written form
# near the matches; near: times within the window; archive: times in the
# whole archive; score: the measure's.
_COLLOCATE_COLUMNS = ("term", "form", "near", "archive", "score")
_KEYWORD_COLUMNS = (
    "word",
    "term",
    "focus",
    "reference",
    "focus_per_million",
    "reference_per_million",
    "focus_articles",
    "reference_articles",
    "ll",
    "log_ratio",
    "simple_maths",
)
_WORD_COLUMNS = ("word", "term", "freq", "per_million", "articles")
_PART_COLUMNS = (
    "part",
    "articles",
    "words",
    "matching",
    "matches",
    "per_million",
    "share_of_words",
    "share_of_matches",
)


def _whole(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRequestError(f"{name}={value!r}: expected a whole number, 0 or more")
    return value


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise InvalidRequestError(f"{name}={value!r}: expected a number, 0 or more")
    return float(value)


def _meta(raw: Mapping[str, Any], rows_key: str) -> Dict[str, Any]:
    return {k: v for k, v in raw.items() if k != rows_key}


def _timeline_table(raw: Mapping[str, Any]) -> Table:
    periods: List[str] = raw["periods"]
    names: List[str] = raw.get("names") or []
    cut = set(raw.get("cut") or [])
    several = len({s["query"] for s in raw["series"]}) > 1
    rows: List[Row] = []
    undated: Dict[str, int] = {}
    for series in raw["series"]:
        value = series.get("value")
        if value is None:
            name = series["query"]
        elif several:
            name = f"{series['query']} · {value}"
        else:
            name = value
        undated[name] = series["undated"]
        for k, period in enumerate(periods):
            count = series["counts"][k]
            articles = series["articles"][k]
            rows.append(
                {
                    "series": name,
                    "query": series["query"],
                    "value": value,
                    "period": period,
                    "name": names[k] if names else None,
                    "count": count,
                    "matching": series["matching"][k],
                    "articles": articles,
                    "gap": articles == 0,
                    "thin": count is None and articles > 0,
                    "cut": period in cut,
                }
            )
    columns = (
        "series",
        "query",
        "value",
        "period",
        "name",
        "count",
        "matching",
        "articles",
        "gap",
        "thin",
        "cut",
    )
    meta = _meta(raw, "series")
    # Matching articles without a date (on no period), per series.
    meta["undated"] = undated
    return Table(columns, rows, meta, raw)


def _coverage_table(raw: Mapping[str, Any]) -> Table:
    periods: List[str] = raw["periods"]
    rows: List[Row] = []
    for row in raw["rows"]:
        # The value's run: from its first period with an article to its
        # last (read from the counts, so in any calendar and period length).
        held = [k for k, n in enumerate(row["articles"]) if n]
        for k, period in enumerate(periods):
            n = row["articles"][k]
            inside = bool(held) and held[0] <= k <= held[-1]
            rows.append(
                {
                    "value": row["value"],
                    "period": period,
                    "articles": n,
                    "gap": n == 0,
                    "outside_run": not inside,
                }
            )
    meta = _meta(raw, "rows")
    meta["outlets"] = [{k: v for k, v in row.items() if k != "articles"} for row in raw["rows"]]
    return Table(("value", "period", "articles", "gap", "outside_run"), rows, meta, raw)


def analyze(text: str, analyzer: str = "stemmed") -> Table:
    """The terms Fahras makes of ``text`` (``analyzer``: stemmed, exact,
    snowball, or index): ``fahras analyze --json``, one row per term."""
    raw = _fahras.analyze(text, analyzer)
    columns = ("term", "original", "position", "from", "to")
    return Table(columns, list(raw), {"analyzer": analyzer}, raw)


class Problem:
    """A record indexing reported: rejected, or indexed without a date.

    ``file`` and ``line`` say where (for records given as Python objects,
    ``file`` is None and ``record`` is the record's place in what was
    given, from 0); ``reason`` says why; ``str()`` is the whole message as
    ``fahras index`` prints it.
    """

    __slots__ = ("file", "line", "record", "reason", "message")

    def __init__(self, raw: Mapping[str, Any], from_records: bool) -> None:
        self.reason: str = raw["reason"]
        if from_records:
            self.file: Optional[str] = None
            self.line: Optional[int] = None
            self.record: Optional[int] = raw["line"] - 1
            self.message: str = f"record {self.record}: {self.reason}"
        else:
            self.file = raw["file"]
            self.line = raw["line"]
            self.record = None
            self.message = raw["message"]

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"<Problem {visible(self.message)}>"


class IndexSummary:
    """What an indexing run did: ``indexed`` (of which ``replaced``: the id
    was there), ``unchanged``, ``rejected`` (each in ``rejects``), and
    ``undated`` (indexed without a date, each in ``undated_records``)."""

    def __init__(self, raw: Mapping[str, Any], from_records: bool) -> None:
        self.raw: Dict[str, Any] = dict(raw)
        self.created: bool = raw["created"]
        self.indexed: int = raw["indexed"]
        self.replaced: int = raw["replaced"]
        self.unchanged: int = raw["unchanged"]
        self.rejected: int = raw["rejected"]
        self.undated: int = raw["undated"]
        self.seconds: float = raw["seconds"]
        self.rejects: List[Problem] = [Problem(p, from_records) for p in raw["rejects"]]
        self.undated_records: List[Problem] = [
            Problem(p, from_records) for p in raw["undated_records"]
        ]

    def __repr__(self) -> str:
        return (
            f"<IndexSummary: {self.indexed} indexed ({self.replaced} replaced), "
            f"{self.unchanged} unchanged, {self.rejected} rejected, "
            f"{self.undated} without a date>"
        )


Records = Union[PathLike, Sequence[PathLike], Iterable[Mapping[str, Any]], Any]


def index(
    path: PathLike,
    source: Records,
    *,
    fields: Optional[Mapping[str, str]] = None,
    date_format: str = "iso",
    encoding: str = "utf-8",
    strict: bool = False,
    rejects: Optional[PathLike] = None,
    threads: Optional[int] = None,
) -> IndexSummary:
    """Adds articles to the index at ``path``, creating it when needed:
    ``fahras index``.

    ``source`` is a file or folder (or a list of them) in any format
    ``fahras index`` reads, or the records themselves: an iterable of dicts
    (``id``, ``title``, ``body``, and optionally ``date``, ``source``,
    ``category``, ``url``), or a pandas or polars DataFrame with those
    columns. ``fields`` maps a field to another key (``{"body": "text"}``).
    A record Fahras cannot index is rejected and reported in the summary's
    ``rejects`` (the rest are indexed); ``strict=True`` stops at the first.
    ``Problem.record`` counts the records given from 0, in order (not a
    DataFrame's index labels). A DataFrame's named index (``set_index("id")``)
    is read as a column. A naive ``datetime`` is indexed as its day; a
    missing value (None, NaN, NaT) as absent, except a missing title, which
    is indexed as an empty one. ``undated`` counts the dates that could not
    be read (each in ``undated_records``), not the records given without one.
    """
    if isinstance(source, (str, _os.PathLike)):
        return _index_files(path, [source], fields, date_format, encoding, strict, rejects, threads)
    if isinstance(source, (list, tuple)) and source and all(
        isinstance(s, (str, _os.PathLike)) for s in source
    ):
        return _index_files(path, list(source), fields, date_format, encoding, strict, rejects, threads)
    with _tempfile.TemporaryDirectory(prefix="fahras-records-") as folder:
        written = _os.path.join(folder, "records.jsonl")
        title_key = (fields or {}).get("title", "title")
        with open(written, "w", encoding="utf-8") as out:
            for record in _records_of(source):
                plain = _plain(record)
                # A missing headline (None, NaN) is an empty one, as a JSON
                # Lines archive may have: the article is kept.
                if title_key in record and title_key not in plain:
                    plain[title_key] = ""
                out.write(_json.dumps(plain, ensure_ascii=False, default=_json_default))
                out.write("\n")
        return _index_files(
            path, [written], fields, date_format, encoding, strict, rejects, threads, from_records=True
        )


def _index_files(
    path: PathLike,
    inputs: List[PathLike],
    fields: Optional[Mapping[str, str]],
    date_format: str,
    encoding: str,
    strict: bool,
    rejects: Optional[PathLike],
    threads: Optional[int],
    from_records: bool = False,
) -> IndexSummary:
    raw = _fahras.index_files(
        _os.fspath(path),
        [_os.fspath(i) for i in inputs],
        dict(fields or {}),
        date_format,
        encoding,
        bool(strict),
        None if rejects is None else _os.fspath(rejects),
        threads,
    )
    return IndexSummary(raw, from_records)


def _records_of(source: Any) -> Iterator[Mapping[str, Any]]:
    # A pandas DataFrame: its rows as dicts, a named index (`set_index("id")`)
    # as a column of its own.
    if hasattr(source, "to_dict") and hasattr(source, "columns") and hasattr(source, "iterrows"):
        if any(name is not None for name in getattr(source.index, "names", [None])):
            source = source.reset_index()
        yield from source.to_dict("records")
        return
    # A polars DataFrame.
    if hasattr(source, "iter_rows") and hasattr(source, "columns"):
        yield from source.iter_rows(named=True)
        return
    for n, record in enumerate(source):
        if not isinstance(record, Mapping):
            raise InvalidRequestError(
                f"record {n}: expected a dict (id, title, body, …), got {type(record).__name__}"
            )
        yield record


def _plain(record: Mapping[str, Any]) -> Dict[str, Any]:
    """The record with its missing values (NaN, NaT, pandas.NA) as absent."""
    out: Dict[str, Any] = {}
    for key, value in record.items():
        if value is None or _is_missing(value):
            continue
        out[str(key)] = value
    return out


def _is_missing(value: Any) -> bool:
    if isinstance(value, float):
        return _math.isnan(value)
    if isinstance(value, (str, bytes, int, list, dict, tuple)):
        return False
    try:
        return bool(value != value)  # NaT, numpy NaN
    except Exception:  # pandas.NA has no truth value
        return type(value).__name__ in ("NAType", "NaTType")


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.isoformat() if value.tzinfo is not None else value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)
