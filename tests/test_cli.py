"""`python -m etl`: help texts, exit codes, the summary, and `parse` output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.cli import main
from etl.load import EVENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
ARTICLES = FIXTURES / "articles"
CASES = FIXTURES / "cases.toml"
EVENT_KEYS = set(EVENT_COLUMNS)  # parse prints the columns of the events table


def run_etl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m etl` in a real subprocess."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )


@pytest.mark.parametrize(
    "command", [[], ["build"], ["parse"], ["evaluate"], ["import-gdelt"], ["export-parquet"]]
)
def test_every_command_has_help_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Example:" in out
    assert "python -m etl" in out


def test_build_prints_a_summary_and_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "out.duckdb"
    code = main(["build", "--db", str(db), "--cases", str(CASES), "--quiet", str(ARTICLES)])
    out = capsys.readouterr().out
    assert code == 0
    assert db.exists()
    assert "Read 5 files: 7 articles" in out
    assert "Events by type:" in out
    assert f"Wrote {db}" in out


def test_build_with_a_bad_file_lists_it_and_strict_exits_one(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    db = tmp_path / "out.duckdb"
    lenient = run_etl(
        "build", "--db", str(db), "--cases", str(CASES), str(ARTICLES), str(tmp_path / "empty.txt")
    )
    assert lenient.returncode == 0, lenient.stderr
    assert f"{tmp_path / 'empty.txt'}: empty file" in lenient.stdout
    strict = run_etl("build", "--strict", "--db", str(db), "--cases", str(CASES), str(tmp_path / "empty.txt"))
    assert strict.returncode == 1
    assert "1 rejected" in strict.stdout


def test_bad_arguments_exit_two(tmp_path: Path) -> None:
    assert run_etl("build", "--no-such-option").returncode == 2
    assert run_etl("parse").returncode == 2
    assert run_etl("frobnicate").returncode == 2


def test_a_build_that_cannot_write_exits_one_with_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_etl("build", "--quiet", "--db", str(blocker / "x.duckdb"), str(ARTICLES))
    assert result.returncode == 1
    assert result.stderr.startswith("error:")


def test_parse_prints_events_as_json_lines_and_creates_no_database(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("{oops}\n")
    result = run_etl(
        "parse", str(ARTICLES / "laporan-fixture.jsonl"), str(tmp_path / "bad.jsonl"), cwd=tmp_path
    )
    assert result.returncode == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    for event in events:
        assert set(event) == EVENT_KEYS
        assert event["event_date"] is None or len(event["event_date"]) == 10
    assert {e["article_id"] for e in events} <= {"fx-chn-prk-2022", "fx-rus-prk-treaty"} | {
        e["article_id"] for e in events if e["article_id"] and len(e["article_id"]) == 16
    }
    assert "bad.jsonl:1: malformed JSON" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_parse_strict_exits_one_on_rejects(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    assert run_etl("parse", "--strict", str(tmp_path / "bad.txt")).returncode == 1


def test_quiet_build_draws_no_progress_bar(tmp_path: Path) -> None:
    for n in range(8):
        (tmp_path / f"a{n}.txt").write_text(
            f"Article {n}: Russia offered North Korea humanitarian aid after floods."
        )
    loud = run_etl("build", "--db", str(tmp_path / "a.duckdb"), "--cases", str(CASES), str(tmp_path))
    quiet = run_etl(
        "build", "--quiet", "--db", str(tmp_path / "b.duckdb"), "--cases", str(CASES), str(tmp_path)
    )
    assert "file/s" in loud.stderr or "8/8" in loud.stderr
    assert quiet.stderr == ""
    assert "Read 8 files: 8 articles" in quiet.stdout


def test_the_etl_imports_neither_the_dashboard_nor_streamlit() -> None:
    code = (
        "import sys, etl.cli, etl.build, etl.evaluate, etl.load; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dashboard', 'streamlit')))"
    )
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
