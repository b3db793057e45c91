"""Each call gives the numbers the command line gives: its table's `raw`
is the command's `--json` for the same query."""

from __future__ import annotations

import pytest

import fahras


@pytest.fixture(params=["generated", "sample"])
def archive(request):
    return request.getfixturevalue(request.param)


def without_time(summary):
    return {k: v for k, v in summary.items() if k not in ("elapsed_ms", "steps_ms")}


QUERIES = ["قطر", "الحكومة", "قطر الحكومة", '"المجلس البلدي"', "وزارة -قطر"]


@pytest.mark.parametrize("query", QUERIES)
def test_search_and_count(archive, cli, query):
    ix = fahras.Index(archive)
    results = ix.search(query, 5)
    lines = cli("search", "--index", str(archive), "--json", "-n", "5", "--", query, lines=True)
    assert [h for h in lines if h["type"] == "hit"] == results.raw["hits"]
    assert without_time(lines[-1]) == without_time(results.raw["summary"])
    count = ix.count(query)
    (summary,) = cli("search", "--index", str(archive), "--count", "--json", "--", query, lines=True)
    assert without_time(summary) == without_time(count.raw)
    assert count == summary["total"]


@pytest.mark.parametrize("query", QUERIES[:3])
def test_timeline_facets_coverage(archive, cli, query):
    ix = fahras.Index(archive)
    path = str(archive)
    assert ix.timeline(query).raw == cli("timeline", "--index", path, "--json", "--", query)
    assert ix.timeline([query, "المجلس"], by="week", split="source", share=True, min_articles=2).raw == cli(
        "timeline", "--index", path, "--json", "--by", "week", "--split", "source",
        "--share", "--min-articles", "2", "--", query, "المجلس",
    )
    assert ix.facets(query).raw == cli("facets", "--index", path, "--json", "--", query)
    assert ix.coverage().raw == cli("coverage", "--index", path, "--json")
    assert ix.coverage(by="year", split="category").raw == cli(
        "coverage", "--index", path, "--json", "--by", "year", "--split", "category"
    )


@pytest.mark.parametrize("query", QUERIES[:3])
def test_kwic_collocates(archive, cli, query):
    ix = fahras.Index(archive)
    path = str(archive)
    assert ix.kwic(query, sort="left").raw == cli(
        "kwic", "--index", path, "--json", "--sort", "left", "--", query
    )
    assert ix.collocates(query, min_freq=1).raw == cli(
        "collocates", "--index", path, "--json", "--min-freq", "1", "--", query
    )


def test_dups_stats_export(archive, cli):
    ix = fahras.Index(archive)
    path = str(archive)
    assert ix.dups().raw == cli("dups", "--index", path, "--json", lines=True)
    assert ix.stats().raw == cli("stats", "--index", path, "--json")
    assert list(ix.export("*", sort="date")) == cli(
        "export", "--index", path, "--sort", "date", "*", lines=True
    )


def test_analyze(cli):
    text = "وزارة الخارجية لمجلس الأمن"
    assert fahras.analyze(text).raw == cli("analyze", "--json", text)


@pytest.mark.parametrize("query", QUERIES[:2])
def test_keywords_words_dispersion(archive, cli, query):
    ix = fahras.Index(archive)
    path = str(archive)
    got = ix.keywords(query, min_ll=0, min_freq=1)
    assert got.raw == cli(
        "keywords", "--index", path, "--json", "--min-ll", "0", "--min-freq", "1", "--", query
    )
    assert len(got) > 0 and got.columns[0] == "word"
    assert got.meta["focus"]["articles"] + got.meta["reference"]["articles"] >= got.meta["focus"]["articles"]
    against = ix.keywords(query, vs="*", negative=True, min_ll=0, sort="ratio", by="exact")
    assert against.raw == cli(
        "keywords", "--index", path, "--json", "--vs", "*", "--negative", "--min-ll", "0",
        "--sort", "ratio", "--by", "exact", "--", query,
    )
    assert ix.words(query, ngrams=2, min_freq=1).raw == cli(
        "words", "--index", path, "--json", "--ngrams", "2", "--min-freq", "1", "--", query
    )
    assert ix.dispersion(query, by="year").raw == cli(
        "dispersion", "--index", path, "--json", "--by", "year", "--", query
    )


def test_comparison_arguments_are_checked(generated):
    ix = fahras.Index(generated)
    with pytest.raises(fahras.InvalidRequestError, match="ngrams=5"):
        ix.words("*", ngrams=5)
    with pytest.raises(fahras.InvalidRequestError, match="min_ll"):
        ix.keywords("*", min_ll=-1)
    with pytest.raises(fahras.InvalidRequestError, match="by="):
        ix.dispersion("*", by="colour")
