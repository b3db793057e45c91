"""Indexing from Python: records, files, DataFrames; bad records reported
as `fahras index` reports them; errors as exceptions."""

from __future__ import annotations

import datetime
import json
import subprocess
import threading

import pytest

import fahras


RECORDS = [
    {"id": "a1", "title": "الأمر التنفيذي الجديد", "body": "أصدرت الحكومة الأمر التنفيذي رقم 12.", "date": "2024-01-15"},
    {"id": "a2", "title": "أسعار الذهب", "body": "ارتفعت أسعار الذهب في الأسواق.", "date": datetime.date(2024, 2, 1)},
    {"id": "a3", "title": "بلا نص"},
    {"id": 4, "title": "مكتبة جديدة", "body": "افتتحت المدينة مكتبة رقمية.", "date": "قريبا", "source": None},
]


def test_records_are_indexed_and_found(tmp_path):
    path = tmp_path / "news.idx"
    summary = fahras.index(path, RECORDS)
    assert summary.created and summary.indexed == 3 and summary.rejected == 1
    (reject,) = summary.rejects
    assert reject.record == 2 and reject.file is None
    assert "body" in reject.reason and str(reject) == f"record 2: {reject.reason}"
    (undated,) = summary.undated_records
    assert undated.record == 3 and "قريبا" in undated.reason
    ix = fahras.Index(path)
    hits = ix.search("الامر التنفيذى")
    assert [h.id for h in hits] == ["a1"]
    assert hits[0].marked() == ["الأمر", "التنفيذي"]
    assert ix.get("a2")["date"] == "2024-02-01"
    assert ix.get("4")["date"] is None and ix.get("4")["source"] is None


def test_a_bad_record_is_reported_as_the_command_line_reports_it(tmp_path, fahras_bin):
    archive = tmp_path / "archive.jsonl"
    archive.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in RECORDS) + "\n",
        encoding="utf-8",
    )
    summary = fahras.index(tmp_path / "py.idx", archive)
    done = subprocess.run(
        [fahras_bin, "index", "--index", str(tmp_path / "cli.idx"), str(archive)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1
    (reject,) = summary.rejects
    assert reject.file == str(archive) and reject.line == 3
    # The command line prints the same message, FILE:LINE: reason.
    assert f"fahras: {reject.message}\n" in done.stderr
    assert reject.message == f"{archive}:3: {reject.reason}"


def test_an_index_is_followed_as_it_grows(tmp_path):
    path = tmp_path / "news.idx"
    fahras.index(path, RECORDS[:1])
    ix = fahras.Index(path)
    assert ix.count("*") == 1
    summary = fahras.index(path, RECORDS[1:2])
    assert not summary.created
    assert ix.count("*") == 2


def test_a_dataframe_is_indexed(tmp_path):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(
        {
            "id": ["d1", "d2"],
            "title": ["خبر أول", "خبر ثان"],
            "body": ["زار وفد قطر العاصمة.", "اجتمع المجلس البلدي."],
            "date": pandas.to_datetime(["2021-03-01", None]),
            "source": ["sahil", None],
        }
    )
    summary = fahras.index(tmp_path / "df.idx", frame)
    assert summary.indexed == 2 and summary.rejected == 0 and summary.undated == 0
    ix = fahras.Index(tmp_path / "df.idx")
    assert ix.get("d1")["date"] == "2021-03-01" and ix.get("d2")["date"] is None
    table = ix.search("قطر").to_pandas()
    assert list(table["id"]) == ["d1"]


def test_a_dataframe_indexed_by_id_and_with_missing_titles(tmp_path):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(
        {
            "id": ["e1", "e2"],
            "title": ["خبر", float("nan")],
            "body": ["زار وفد قطر العاصمة.", "اجتمع المجلس البلدي."],
        }
    ).set_index("id")
    summary = fahras.index(tmp_path / "e.idx", frame)
    assert (summary.indexed, summary.rejected) == (2, 0), summary.rejects
    assert fahras.Index(tmp_path / "e.idx").get("e2")["title"] == ""


def test_errors_are_exceptions_with_the_reason(tmp_path, generated):
    with pytest.raises(fahras.IndexNotFoundError, match="no-such.idx") as caught:
        fahras.Index(tmp_path / "no-such.idx")
    assert isinstance(caught.value, FileNotFoundError)
    ix = fahras.Index(generated)
    with pytest.raises(fahras.InvalidRequestError, match='by="fortnight"'):
        ix.timeline("قطر", by="fortnight")
    with pytest.raises(ValueError, match="fields"):
        ix.search("قطر", fields=["summary"])
    with pytest.raises(fahras.InvalidRequestError, match="limit"):
        ix.search("قطر", limit=-1)
    with pytest.raises(fahras.InvalidRequestError, match="record 1"):
        fahras.index(tmp_path / "x.idx", [RECORDS[0], "not a dict"])
    with pytest.raises(fahras.InputNotFoundError, match="missing.jsonl") as missing:
        fahras.index(tmp_path / "y.idx", tmp_path / "missing.jsonl")
    assert isinstance(missing.value, FileNotFoundError)
    assert repr(fahras.Index(generated).export("قطر")) == "<Export: 29 matching articles, read as you iterate>"
    assert not (tmp_path / "y.idx").exists()


def test_two_threads_search_one_index(generated):
    ix = fahras.Index(generated)
    expected = {q: [h.id for h in ix.search(q, 20)] for q in ("قطر", "الحكومة", "المجلس")}
    failures = []

    def work(query):
        for _ in range(20):
            got = [h.id for h in ix.search(query, 20)]
            if got != expected[query]:
                failures.append((query, got))

    threads = [threading.Thread(target=work, args=(q,)) for q in expected for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def test_tables_are_dataframe_ready(generated):
    pandas = pytest.importorskip("pandas")
    ix = fahras.Index(generated)
    frame = ix.timeline("قطر", split="source").to_pandas()
    wide = frame.pivot(index="period", columns="series", values="count")
    assert list(wide.columns) == ["nahar", "sahil", "wadi"] or set(wide.columns) == {"nahar", "sahil", "wadi"}
    # The gap is missing (NaN), not zero.
    assert pandas.isna(wide.loc["2020-03", "nahar"])
    assert wide.loc["2020-02", "nahar"] == 2
    kwic = ix.kwic("الحكومة").to_pandas()
    assert list(kwic.columns[:4]) == ["id", "rank", "date", "source"]
