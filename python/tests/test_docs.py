"""Runs every ```python block of docs/python.md, in order, in one
namespace, from a folder holding the clone's corpus/: each block's printed
lines must be those its `# → ` comments show."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from conftest import REPO

DOC = REPO / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def blocks():
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_doc_has_examples():
    assert len(blocks()) >= 8


def test_every_example_in_the_python_doc_runs_and_prints_what_it_shows(tmp_path):
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    (tmp_path / "corpus").symlink_to(REPO / "corpus")
    namespace: dict = {}
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        for n, code in enumerate(blocks()):
            shown = [
                line.split("# → ", 1)[1]
                for line in code.splitlines()
                if line.lstrip().startswith("# → ")
            ]
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, f"{DOC}:block {n + 1}", "exec"), namespace)
            printed = out.getvalue().splitlines()
            assert printed == shown, f"block {n + 1}:\n{code}"
    finally:
        os.chdir(old)
    assert (tmp_path / "timeline.png").stat().st_size > 1000
