"""Settings read once from the environment: where the database and the bundled data live.

Shared by the ETL and the dashboard (the dashboard imports the ETL, never the other way round).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    """Paths the ETL and the dashboard need; built once by `load_settings`."""

    db_path: Path
    articles_dir: Path
    annotations_path: Path
    cases_path: Path


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read AID_DB (default data/events.duckdb, relative to the project) into a Settings object."""
    env = os.environ if environ is None else environ
    db = Path(env.get("AID_DB") or ROOT / "data" / "events.duckdb")
    return Settings(
        db_path=db if db.is_absolute() else (Path.cwd() / db),
        articles_dir=ROOT / "data" / "articles",
        annotations_path=ROOT / "data" / "annotations.csv",
        cases_path=ROOT / "data" / "cases.toml",
    )
