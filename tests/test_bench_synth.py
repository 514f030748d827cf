"""The synthetic benchmark database goes through the real schema, loader and derive step like real data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import duckdb
import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A synthetic database of 3,000 events built by bench/synth.py."""
    spec = importlib.util.spec_from_file_location("bench_synth", BENCH / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = synth
    spec.loader.exec_module(synth)
    path = tmp_path_factory.mktemp("synth") / "synth.duckdb"
    return path, synth.build(path, 3_000)


def test_synthetic_database_has_exactly_the_events_asked_for(synth_db):
    path, figures = synth_db
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(3_000,)]
    assert figures["events"] == 3_000
    assert con.execute("SELECT count(*) FROM cases").fetchall()[0][0] >= 2


def test_reports_of_one_act_are_grouped_into_incidents_by_the_derive_step(synth_db):
    path, figures = synth_db
    con = duckdb.connect(str(path), read_only=True)
    unlinked, multi, sources = con.execute(
        "SELECT (SELECT count(*) FROM events WHERE incident_id IS NULL), "
        "count(*) FILTER (WHERE n_events > 1), count(*) FILTER (WHERE sources LIKE '%gdelt%') FROM incidents"
    ).fetchall()[0]
    assert unlinked == 0
    assert 0 < figures["incidents"] < figures["events"]
    assert multi > 0 and sources > 0


def test_a_few_dyads_dominate_and_every_actor_has_a_name(synth_db):
    path, _ = synth_db
    con = duckdb.connect(str(path), read_only=True)
    top_share = con.execute(
        "SELECT sum(n) FILTER (WHERE rank <= 10) / sum(n) FROM (SELECT count(*) AS n, "
        "row_number() OVER (ORDER BY count(*) DESC) AS rank FROM events GROUP BY sender, recipient)"
    ).fetchall()[0][0]
    assert top_share > 0.2
    nameless = con.execute(
        "SELECT count(*) FROM events e LEFT JOIN actors a ON a.code = e.sender WHERE a.code IS NULL"
    ).fetchall()[0][0]
    assert nameless == 0
