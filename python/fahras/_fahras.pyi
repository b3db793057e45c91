"""Types of the native module; the documented API is `fahras` itself."""

from typing import Any, Dict, Iterator, List, Optional, TypedDict

__version__: str

class QueryArgs(TypedDict):
    fields: Optional[List[str]]
    date_from: Optional[str]
    date_to: Optional[str]
    rule: Optional[str]
    exact: bool
    fuzzy: bool

Json = Any

class Export(Iterator[Dict[str, Any]]):
    total: int
    def __iter__(self) -> "Export": ...
    def __next__(self) -> Dict[str, Any]: ...

class Index:
    path: str
    def __init__(self, path: str) -> None: ...
    def search(
        self,
        query: str,
        limit: int,
        offset: int,
        sort: str,
        snippet: int,
        collapse: bool,
        facets: Optional[str],
        exact_total: bool,
        args: QueryArgs,
    ) -> Dict[str, Any]: ...
    def count(self, query: str, collapse: bool, args: QueryArgs) -> Dict[str, Any]: ...
    def timeline(
        self,
        queries: List[str],
        by: str,
        calendar: str,
        share: bool,
        split: Optional[str],
        stories: bool,
        min_articles: int,
        args: QueryArgs,
    ) -> Dict[str, Any]: ...
    def facets(self, query: str, facets: str, stories: bool, args: QueryArgs) -> Dict[str, Any]: ...
    def coverage(
        self, query: str, by: str, calendar: str, split: Optional[str], args: QueryArgs
    ) -> Dict[str, Any]: ...
    def kwic(
        self,
        query: str,
        context: int,
        lines: Optional[int],
        offset: int,
        every: bool,
        sort: str,
        collapse: bool,
        args: QueryArgs,
    ) -> Dict[str, Any]: ...
    def collocates(
        self,
        query: str,
        window: int,
        min_freq: int,
        by: str,
        measure: str,
        limit: int,
        stop_words: bool,
        collapse: bool,
        args: QueryArgs,
    ) -> Dict[str, Any]: ...
    def keywords(
        self,
        query: str,
        vs: Optional[str],
        by: str,
        min_ll: float,
        min_freq: int,
        negative: bool,
        sort: str,
        smooth: float,
        limit: int,
        collapse: bool,
        args: QueryArgs,
    ) -> Dict[str, Any]: ...
    def words(
        self,
        query: str,
        ngrams: int,
        by: str,
        min_freq: int,
        stop_words: bool,
        limit: int,
        collapse: bool,
        args: QueryArgs,
    ) -> Dict[str, Any]: ...
    def dispersion(self, query: str, by: str, args: QueryArgs) -> Dict[str, Any]: ...
    def dups(self, min_size: int, limit: int) -> List[Dict[str, Any]]: ...
    def stats(self) -> Dict[str, Any]: ...
    def get(self, id: str) -> Optional[Dict[str, Any]]: ...
    def export(self, query: str, sort: str, args: QueryArgs) -> Export: ...

def analyze(text: str, analyzer: str) -> List[Dict[str, Any]]: ...
def index_files(
    path: str,
    inputs: List[str],
    fields: Dict[str, str],
    date_format: str,
    encoding: str,
    strict: bool,
    rejects: Optional[str],
    threads: Optional[int],
) -> Dict[str, Any]: ...
