"""Counts checked by hand on the generated archive (see conftest.py)."""

from __future__ import annotations

import datetime

import pytest

import fahras


def test_a_count_counts_the_articles_holding_all_the_words(generated):
    ix = fahras.Index(generated)
    qatar = ix.count("قطر")
    # k even: sahil 1 a month × 6, nahar 2 × 5, wadi 2 × 6, and the undated one.
    assert qatar == 29 and qatar.match == "all"
    assert isinstance(qatar, int) and qatar.articles == 29
    # Both words: k = 0 only (6 + 5 + 6); either word: 29 + 23 - 17.
    assert ix.count("الحكومة") == 23
    assert ix.count("قطر الحكومة") == 17
    assert ix.count("قطر الحكومة", match="any") == 35
    assert "17 articles holding all" in repr(ix.count("قطر الحكومة"))


def test_dates_and_filters_narrow_a_count(generated):
    ix = fahras.Index(generated)
    # February: sahil 1, nahar 2, wadi 2 mention قطر (March has 1 + 0 + 2).
    assert ix.count("قطر", date_from="2020-02", date_to="2020-02") == 5
    assert ix.count("قطر", date_from="2020-02", date_to="2020-03") == 8
    assert ix.count("قطر", date_from=datetime.date(2020, 2, 1), date_to="2020-03") == 8
    assert ix.count("قطر source:nahar") == 10
    with pytest.raises(fahras.InvalidRequestError, match="date_to"):
        ix.count("قطر", date_to="2020-13")


def test_a_month_the_archive_lacks_is_a_gap_not_a_zero(generated):
    ix = fahras.Index(generated)
    table = ix.timeline("قطر", split="source")
    rows = {(r["value"], r["period"]): r for r in table}
    gap = rows[("nahar", "2020-03")]
    assert gap["gap"] and gap["count"] is None and gap["articles"] == 0
    assert rows[("nahar", "2020-02")]["count"] == 2
    assert rows[("nahar", "2020-02")]["articles"] == 3
    assert rows[("sahil", "2020-03")]["count"] == 1
    # With shares, every period here has fewer than 30 articles: thin, not divided.
    shares = ix.timeline("قطر", split="source", share=True)
    thin = [r for r in shares if r["thin"]]
    assert thin and all(r["count"] is None for r in thin)
    # With a lower bar, a share is per 1,000 of the period's articles.
    shares = ix.timeline("قطر", split="source", share=True, min_articles=2)
    row = next(r for r in shares if r["value"] == "nahar" and r["period"] == "2020-02")
    assert row["count"] == pytest.approx(1000 * 2 / 3)
    assert table.undated["wadi"] == 1
    two = ix.timeline(["قطر", "الحكومة"], split="source")
    assert two.undated["قطر · wadi"] == 1 and two.undated["الحكومة · wadi"] == 0


def test_coverage_shows_the_gap_and_adds_up_to_the_archive(generated):
    ix = fahras.Index(generated)
    table = ix.coverage()
    assert sum(r["articles"] for r in table) == 53  # 54 less the undated one
    nahar = {r["period"]: r for r in table if r["value"] == "nahar"}
    assert nahar["2020-03"]["articles"] == 0 and nahar["2020-03"]["gap"]
    assert not nahar["2020-02"]["gap"]
    assert not any(r["outside_run"] for r in table)
    # A week table: the run is read from the counts, whatever the labels.
    weeks = ix.coverage(by="week", date_from="2020-01-01", date_to="2020-02-28")
    assert sum(r["articles"] for r in weeks) == 2 * (2 + 3 + 4)
    assert table.articles == 54 and table.undated == 1


def test_facets_and_stats_count_the_outlets(generated):
    ix = fahras.Index(generated)
    facets = {(r["facet"], r["value"]): r["count"] for r in ix.facets("قطر")}
    assert facets[("source", "sahil")] == 6
    assert facets[("source", "nahar")] == 10
    assert facets[("source", "wadi")] == 13
    stats = {(r["facet"], r["value"]): r["articles"] for r in ix.stats()}
    assert stats[("source", "sahil")] == 13 and stats[("source", "wadi")] == 26
    assert ix.stats().articles == 54


def test_copies_are_one_story(generated):
    ix = fahras.Index(generated)
    dups = ix.dups()
    assert len(dups) == 1
    assert sorted(dups[0]["ids"]) == ["sahil-copy", "wadi-copy"]
    results = ix.search("حملة تطعيم المدارس")
    assert results.total == 2 and results.stories == 1
    assert len(results) == 1 and len(results[0].copies) == 1
    every = ix.search("حملة تطعيم المدارس", collapse=False)
    assert len(every) == 2


def test_kwic_reads_every_match_in_context(generated):
    ix = fahras.Index(generated)
    lines = ix.kwic("الحكومة", lines=None, every=True, sort="date")
    assert len(lines) == 23
    assert all(line["match"] == "الحكومة" for line in lines)
    dates = [line["date"] for line in lines]
    assert dates == sorted(dates)


def test_export_yields_every_matching_article_whole(generated):
    ix = fahras.Index(generated)
    export = ix.export("قطر")
    assert export.total == 29
    articles = list(export)
    assert len(articles) == 29 and all("قطر" in a["body"] for a in articles)
    assert set(articles[0]) == {"id", "title", "body", "date", "source", "category", "url"}
    assert ix.get("undated-1")["date"] is None
    assert ix.get("no-such-id") is None


def test_dates_the_wrong_way_round_are_an_error_naming_the_arguments(generated):
    ix = fahras.Index(generated)
    for call in (ix.search, ix.count, ix.timeline, ix.kwic):
        with pytest.raises(fahras.InvalidRequestError, match="date_from=\"2020-05\" comes after date_to"):
            call("قطر", date_from="2020-05", date_to="2020-02")
    # A span inside the query is query text: searched, and noted.
    results = ix.search("قطر date:[2020-05 TO 2020-02]")
    assert results.total == 0 and results.notes


def test_coverage_gaps_are_timeline_gaps(generated):
    ix = fahras.Index(generated)
    coverage = {(r["value"], r["period"]): r for r in ix.coverage()}
    timeline = {(r["value"], r["period"]): r for r in ix.timeline("*", split="source")}
    for key, row in timeline.items():
        assert coverage[key]["gap"] == row["gap"], key
        assert coverage[key]["articles"] == row["articles"], key


def test_a_ranked_total_stops_at_ten_thousand_unless_asked(tmp_path):
    records = [
        {"id": f"m{i}", "title": "خبر", "body": f"زار وفد قطر المدينة رقم {i}", "date": "2020-01-01"}
        for i in range(10_050)
    ]
    path = tmp_path / "many.idx"
    assert fahras.index(path, records).indexed == 10_050
    ix = fahras.Index(path)
    ranked = ix.search("قطر")
    assert (ranked.total, ranked.total_relation) == (10_000, "gte")
    assert len(ranked) == 10
    exact = ix.search("قطر", exact_total=True)
    assert (exact.total, exact.total_relation) == (10_050, "eq")
    assert [h.id for h in exact] == [h.id for h in ranked]
    # A count is what researchers cite: exact whatever the size.
    assert ix.count("قطر") == 10_050
