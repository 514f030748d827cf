"""Actor display names: CLDR English names for states, acronyms for organisations, one row per code."""

import duckdb
import pytest

from etl.actors import IGO, gazetteer
from etl.names import actor_rows, display_name


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("PRK", "North Korea"),
        ("KOR", "South Korea"),
        ("RUS", "Russia"),
        ("SYR", "Syria"),
        ("UNICEF", "UNICEF"),
        ("IFRC", "IFRC"),
        ("WB", "World Bank"),
        ("AU", "African Union"),
        ("PSE", "Palestinian Territories"),
        ("TWN", "Taiwan"),
    ],
)
def test_display_name_uses_cldr_english_names_and_keeps_igo_acronyms(code, name):
    assert display_name(code) == name


def test_gazetteer_organisations_show_a_known_acronym_or_their_full_name():
    codes = {code for code, kind in gazetteer().names.values() if kind == IGO}
    assert {"UN", "WFP", "UNHCR", "IFRC", "ICRC", "ASEAN", "NATO", "IMF", "WB", "EU"} <= codes
    assert display_name("WB") == "World Bank" and display_name("NATO") == "NATO"


def test_actor_rows_are_distinct_sorted_and_skip_missing_codes():
    assert actor_rows(["RUS", None, "PRK", "RUS", ""]) == [("PRK", "North Korea"), ("RUS", "Russia")]


def test_built_database_names_every_actor_in_events(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    unnamed = con.execute(
        """SELECT DISTINCT code FROM (SELECT sender AS code FROM events UNION SELECT recipient FROM events)
           WHERE code IS NOT NULL AND code NOT IN (SELECT code FROM actors)"""
    ).fetchall()
    assert unnamed == []
    assert con.execute("SELECT name FROM actors WHERE code = 'RUS'").fetchone() == ("Russia",)
