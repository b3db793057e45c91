"""Fixtures: a generated archive and the bundled sample, each indexed once
by the package, and the command line to compare the package with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, List

import pytest

import fahras

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "sample" / "fahras-sample.jsonl"

OUTLETS = ("sahil", "nahar", "wadi")
MONTHS = ("2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06")


def generated_records() -> List[dict]:
    """A small archive whose counts are known by construction: three
    outlets over six months; nahar has nothing in 2020-03 (a gap); each
    outlet's article k of a month mentions قطر when k is even and the
    government when k is a multiple of 3; one story is copied by two
    outlets; one article has no date."""
    records = []
    for o, outlet in enumerate(OUTLETS):
        for m, month in enumerate(MONTHS):
            if outlet == "nahar" and month == "2020-03":
                continue
            for k in range(o + 2):
                words = ["اجتمع", "المجلس", "البلدي", "لمناقشة", "الميزانية", f"رقم{m}{k}"]
                if k % 2 == 0:
                    words += ["وزار", "وفد", "قطر", "العاصمة"]
                if k % 3 == 0:
                    words += ["وقالت", "الحكومة", "إن", "الخطة", "جاهزة"]
                records.append(
                    {
                        "id": f"{outlet}-{month}-{k}",
                        "title": f"خبر {outlet} {month} {k}",
                        "body": " ".join(words) + ".",
                        "date": f"{month}-{10 + k:02d}",
                        "source": outlet,
                        "category": "politics" if k % 2 == 0 else "economy",
                    }
                )
    story = "أعلنت وزارة الصحة عن حملة تطعيم جديدة تشمل جميع المدارس في البلاد ابتداء من الأسبوع المقبل وتستمر شهرا كاملا."
    for outlet in ("sahil", "wadi"):
        records.append(
            {
                "id": f"{outlet}-copy",
                "title": "حملة تطعيم جديدة في المدارس",
                "body": story,
                "date": "2020-04-20",
                "source": outlet,
            }
        )
    records.append({"id": "undated-1", "title": "خبر بلا تاريخ", "body": "زار وفد قطر المدينة.", "source": "wadi"})
    return records


@pytest.fixture(scope="session")
def fahras_bin() -> str:
    """The `fahras` program the package is compared with: FAHRAS_BIN, else
    the workspace's build. Without one, the comparisons are skipped, and
    say so."""
    given = os.environ.get("FAHRAS_BIN")
    if given:
        assert Path(given).is_file(), f"FAHRAS_BIN={given} is not a file"
        return given
    for profile in ("release", "debug"):
        found = REPO / "target" / profile / "fahras"
        if found.is_file():
            return str(found)
    found = shutil.which("fahras")
    if found:
        return found
    pytest.skip("no fahras program to compare with: build it (cargo build) or set FAHRAS_BIN")


@pytest.fixture(scope="session")
def cli(fahras_bin: str):
    """Runs `fahras ARGS` and gives its stdout parsed as JSON (one value,
    or a list for JSON Lines)."""

    def run(*args: str, lines: bool = False) -> Any:
        done = subprocess.run(
            [fahras_bin, *args], capture_output=True, text=True, check=False, timeout=120
        )
        assert done.returncode in (0, 1), done.stderr
        if lines:
            return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        return json.loads(done.stdout)

    return run


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    path = folder / "news.idx"
    summary = fahras.index(path, generated_records())
    assert summary.rejected == 0, summary.rejects
    return path


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    assert SAMPLE.is_file(), SAMPLE
    path = tmp_path_factory.mktemp("sample") / "sample.idx"
    summary = fahras.index(path, SAMPLE)
    assert summary.indexed == 50 and summary.rejected == 0
    return path
