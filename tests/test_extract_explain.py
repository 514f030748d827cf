"""`python -m etl parse --explain`: every event with its rule, trigger, role spans, date and hedge."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.cli import main

ARTICLE = """---
id: explain-1
title: Aid offer
url: https://example.test/explain
outlet: Test Wire
published: 2024-03-18
language: en
summary: true
---
Chile offered tents and blankets to Peru on Friday, its foreign ministry said.
"""


def test_parse_explain_prints_rule_trigger_spans_date_and_hedge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "2024-03-18-explain.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["parse", "--explain", "--quiet", str(path)]) == 0
    out = capsys.readouterr().out
    assert "offer_aid CHL -> PER  2024-03-15  [rule offer]" in out
    assert 'trigger:   "offered"' in out
    assert 'sender:    "Chile" (subject)' in out
    assert 'recipient: "Peru" (to)' in out
    assert 'date:      "Friday" (in the trigger\'s clause)' in out
    assert "hedge:     stated" in out
