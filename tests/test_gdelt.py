"""GDELT import: fixture export files written here (57, 58 and 61 columns, zipped or not, Parquet), counted
independently by splitting lines in Python, imported into real DuckDB files."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.build import build_database
from etl.cli import main
from etl.gdelt import DEFAULT_CODES, Filters, export_parquet, import_gdelt, layout, store_dir_for

SHARED_SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "gdelt" / "gdelt1-sample-events.tsv"
EVENT_CODE_FIELD = 26  # 0-based: the 27th column in every GDELT Events layout
AID = re.compile(r"^(018|023|033|057|07|0863|103|122)")


def gdelt_row(
    width: int,
    event_id: int,
    code: str,
    *,
    day: str = "20230910",
    actor1: tuple[str, str, str, str] = ("FRAGOV", "FRANCE", "FRA", ""),
    actor2: tuple[str, str, str, str] = ("MAR", "MOROCCO", "MAR", ""),
    geo_country: str = "MO",
    mentions: str = "6",
    url: str = "https://news.example/quake-aid",
) -> str:
    """One export line written from the published GDELT column list, independent of etl.gdelt."""
    actor_tail = ["", "", "", "", "", ""]  # ethnic, religion 1-2, type 1-3
    fields = [str(event_id), day, day[:6], day[:4], f"{day[:4]}.6900"]
    fields += [*actor1, *actor_tail, *actor2, *actor_tail]
    fields += ["1", code, code[:3], code[:2], "2", "7.0", mentions, "2", mentions, "-3.25"]
    adm2 = [""] if width == 61 else []
    geo = ["4", "Al Haouz, Morocco", geo_country, f"{geo_country}01", *adm2, "31.1", "-8.0", "-2"]
    fields += geo * 3  # Actor1Geo, Actor2Geo, ActionGeo: FIPS country codes, never actors
    fields.append("20230911" if width != 61 else "20230911063000")
    if width != 57:
        fields.append(url)
    assert len(fields) == width
    return "\t".join(fields)


CODES = [
    "0331",
    "033",
    "018",
    "051",
    "0863",
    "0862",
    "070",
    "073",
    "1031",
    "1224",
    "0233",
    "057",
    "042",
    "190",
]


def write_export(path: Path, width: int, rows: int = 28) -> list[str]:
    """A fixture export file of `rows` lines cycling through CODES; returns its lines."""
    lines = [gdelt_row(width, 1000 + n, CODES[n % len(CODES)]) for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def zipped(path: Path) -> Path:
    """Zip a file the way GDELT publishes it (name.CSV.zip holding name.CSV)."""
    target = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, path.name)
    path.unlink()
    return target


def expected_codes(lines: list[str], widths: tuple[int, ...] = (57, 58, 61)) -> Counter[str]:
    """Independent count: the aid codes of well-formed lines, one per event id."""
    seen: dict[str, str] = {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) in widths and AID.match(fields[EVENT_CODE_FIELD]):
            seen.setdefault(fields[0], fields[EVENT_CODE_FIELD])
    return Counter(seen.values())


def query(db: Path, sql: str) -> list[tuple]:
    """Rows of a query on a database, opened read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def gdelt_codes(db: Path) -> Counter[str]:
    """CAMEO codes of the GDELT events in a database."""
    return Counter(c for (c,) in query(db, "SELECT cameo_code FROM events WHERE source = 'gdelt'"))


def test_layouts_have_the_published_widths_and_positions() -> None:
    for width in (57, 58, 61):
        columns = list(layout(width))
        assert len(columns) == width
        assert columns[EVENT_CODE_FIELD] == "EventCode"
        assert columns[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert list(layout(57))[-1] == "DATEADDED"
    assert list(layout(58))[-2:] == ["DATEADDED", "SOURCEURL"]
    assert "ActionGeo_ADM2Code" in layout(61) and "ActionGeo_ADM2Code" not in layout(58)


@pytest.mark.parametrize("width", [57, 58, 61])
@pytest.mark.parametrize("zip_it", [False, True])
def test_import_keeps_exactly_the_aid_rows_of_each_layout(tmp_path: Path, width: int, zip_it: bool) -> None:
    source = tmp_path / "20230911.export.CSV"
    lines = write_export(source, width)
    if zip_it:
        source = zipped(source)
    summary = import_gdelt(tmp_path / "events.duckdb", [source])
    expected = expected_codes(lines)
    assert summary.rejects == ()
    assert summary.kept == sum(expected.values())
    assert gdelt_codes(tmp_path / "events.duckdb") == expected
    assert {"0331", "0863", "0233"} <= set(expected)  # leading zeros kept
    assert not {"051", "0862", "042"} & set(expected)


def test_codes_map_to_event_types_and_aid_types(tmp_path: Path) -> None:
    source = tmp_path / "day.CSV"
    write_export(source, 61)
    import_gdelt(tmp_path / "events.duckdb", [source])
    rows = set(query(tmp_path / "events.duckdb", "SELECT cameo_code, event_type, aid_type FROM events"))
    assert rows == {
        ("0331", "offer_aid", "financial"),
        ("033", "offer_aid", "unspecified"),
        ("018", "express_sympathy", None),
        ("0863", "accept_aid", "humanitarian"),
        ("070", "provide_aid", "unspecified"),
        ("073", "provide_aid", "humanitarian"),
        ("1031", "request_aid", "financial"),
        ("1224", "decline_aid", "military"),
        ("0233", "request_aid", "humanitarian"),
        ("057", "sign_agreement", None),
    }


def test_gdelt_columns_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "one.CSV"
    source.write_text(gdelt_row(61, 7, "0331", mentions="12") + "\n")
    import_gdelt(tmp_path / "events.duckdb", [source])
    row = query(
        tmp_path / "events.duckdb",
        "SELECT event_id, event_date, date_precision, num_mentions, num_sources, num_articles, "
        "goldstein_scale, avg_tone, date_added, source_url, source, certainty FROM events",
    )[0]
    assert row[:8] == ("gdelt-7", date(2023, 9, 10), "day", 12, 2, 12, 7.0, -3.25)
    assert row[8].isoformat() == "2023-09-11T06:30:00"
    assert row[9:] == ("https://news.example/quake-aid", "gdelt", "reported")


def test_actors_come_from_cameo_codes_never_from_fips_geo_codes(tmp_path: Path) -> None:
    rows = [
        gdelt_row(58, 1, "0331", actor1=("IGOUNOWFP", "UNITED NATIONS", "", "UNO"), geo_country="US"),
        gdelt_row(58, 2, "0331", actor1=("IGOEUREEC", "EUROPEAN UNION", "EUR", "EEC")),
        gdelt_row(58, 3, "070", actor1=("CVL", "VILLAGERS", "", ""), geo_country="AS"),
        gdelt_row(58, 4, "070", actor1=("ROMGOV", "ROMANIA", "ROM", ""), actor2=("AFR", "AFRICA", "AFR", "")),
        gdelt_row(58, 5, "018", actor1=("IDNGOV", "JAKARTA", "IDN", ""), actor2=("", "", "", "")),
    ]
    source = tmp_path / "actors.CSV"
    source.write_text("\n".join(rows) + "\n")
    import_gdelt(tmp_path / "events.duckdb", [source])
    got = query(tmp_path / "events.duckdb", "SELECT event_id, sender, recipient FROM events ORDER BY 1")
    assert got == [
        ("gdelt-1", "UN", "MAR"),
        ("gdelt-2", "EU", "MAR"),
        ("gdelt-3", None, "MAR"),  # geo country AS (FIPS: Australia) is not an actor
        ("gdelt-4", "ROU", None),  # CAMEO's legacy ROM is Romania; AFR is a region
        ("gdelt-5", "IDN", None),
    ]
    names = dict(query(tmp_path / "events.duckdb", "SELECT code, name FROM actors"))
    assert names["MAR"] == "Morocco" and names["UN"] == "UN"


def test_same_named_files_from_two_folders_both_stay_in_the_store(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    for year, event_id in (("2023", 1), ("2024", 2)):
        export = tmp_path / year / "000000000000.CSV"
        export.parent.mkdir()
        export.write_text(gdelt_row(61, event_id, "073", day=f"{year}0301") + "\n")
        import_gdelt(db, [export])
    assert len(list(store_dir_for(db).iterdir())) == 2
    build_database(db, [], cases_path=None)
    assert query(db, "SELECT event_id FROM events ORDER BY 1") == [("gdelt-1",), ("gdelt-2",)]


def test_importing_the_folder_that_holds_the_store_leaves_the_store_out(tmp_path: Path) -> None:
    write_export(tmp_path / "day.CSV", 58)
    db = tmp_path / "events.duckdb"
    first = import_gdelt(db, [tmp_path])
    second = import_gdelt(db, [tmp_path])
    assert second.files == first.files == 1
    assert len(list(store_dir_for(db).iterdir())) == 1


def test_duplicate_ids_load_once_and_a_second_import_changes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "dups.CSV"
    lines = [gdelt_row(58, 42, "0331"), gdelt_row(58, 42, "0331"), gdelt_row(58, 43, "073")]
    source.write_text("\n".join(lines) + "\n")
    db = tmp_path / "events.duckdb"
    import_gdelt(db, [source])
    first = query(db, "SELECT * FROM events ORDER BY event_id")
    assert [r[0] for r in first] == ["gdelt-42", "gdelt-43"]
    import_gdelt(db, [source])
    assert query(db, "SELECT * FROM events ORDER BY event_id") == first
    assert query(db, "SELECT count(*) FROM rejects") == [(0,)]


def test_malformed_rows_are_rejected_with_their_line_and_the_rest_loads(tmp_path: Path) -> None:
    good = [gdelt_row(58, n, "0331") for n in range(1, 9)]
    lines = list(good)
    lines[2] = gdelt_row(58, 3, "0331", day="2023x910")  # line 3: SQLDATE is not a date
    lines[4] = "\t".join(good[4].split("\t")[:40])  # line 5: cut short
    lines[6] = gdelt_row(58, 7, "0331", mentions="many")  # line 7: NumMentions is not a number
    source = tmp_path / "bad.CSV"
    source.write_text("\n".join(lines) + "\n")
    db = tmp_path / "events.duckdb"
    summary = import_gdelt(db, [source])
    assert [r.input for r in summary.rejects] == [f"{source}:3", f"{source}:5", f"{source}:7"]
    assert all(r.reason.startswith("malformed GDELT row") for r in summary.rejects)
    assert summary.kept == 5
    assert query(db, "SELECT count(*) FROM rejects WHERE input LIKE '%bad.CSV:%'") == [(3,)]
    import_gdelt(db, [source])  # the same rejects are not recorded twice
    assert query(db, "SELECT count(*) FROM rejects WHERE input LIKE '%bad.CSV:%'") == [(3,)]


def test_a_file_mixing_57_and_58_column_rows_loads_both(tmp_path: Path) -> None:
    lines = ["\t".join(["0"] * 12)]  # line 1: a torn first line does not decide the layout
    lines += [gdelt_row(58, n, "0331") for n in range(2, 6)] + [gdelt_row(57, n, "073") for n in range(6, 10)]
    lines.append("\t".join(["10"] * 30))  # line 10 fits neither
    lines.append(gdelt_row(57, 11, "073", mentions="lots"))  # line 11: a 57-column row with a bad count
    source = tmp_path / "mixed.tsv"
    source.write_text("\n".join(lines) + "\n")
    summary = import_gdelt(tmp_path / "events.duckdb", [source])
    assert (
        gdelt_codes(tmp_path / "events.duckdb")
        == expected_codes(lines[:-1])
        == Counter({"0331": 4, "073": 4})
    )
    assert [r.input for r in summary.rejects] == [f"{source}:1", f"{source}:10", f"{source}:11"]
    urls = query(tmp_path / "events.duckdb", "SELECT cameo_code, count(source_url) FROM events GROUP BY 1")
    assert sorted(urls) == [("0331", 4), ("073", 0)]


def test_files_that_are_not_events_exports_are_rejected_whole(tmp_path: Path) -> None:
    mentions = tmp_path / "20230911.mentions.CSV"
    mentions.write_text("\t".join(["1"] * 16) + "\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    no_csv = tmp_path / "notes.zip"
    with zipfile.ZipFile(no_csv, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really a zip")
    good = tmp_path / "good.CSV"
    write_export(good, 58)
    summary = import_gdelt(tmp_path / "events.duckdb", [tmp_path, tmp_path / "missing"])
    reasons = {Path(r.input).name: r.reason for r in summary.rejects}
    assert "16" in reasons["20230911.mentions.CSV"] and "empty" in reasons["empty.csv"]
    assert "no .csv" in reasons["notes.zip"] and "cannot read" in reasons["broken.zip"]
    assert reasons["missing"] == "no such file or folder"
    assert summary.kept == sum(expected_codes(good.read_text().splitlines()).values())


def test_since_until_and_codes_narrow_the_import(tmp_path: Path) -> None:
    lines = [gdelt_row(61, n, "0331", day=f"202309{n:02d}") for n in range(1, 11)]
    lines += [gdelt_row(61, 100, "051"), gdelt_row(61, 101, "0863")]
    source = tmp_path / "days.CSV"
    source.write_text("\n".join(lines) + "\n")
    window = Filters(since=date(2023, 9, 3), until=date(2023, 9, 5))
    assert import_gdelt(tmp_path / "a.duckdb", [source], filters=window).kept == 3
    thanks = Filters(codes=("051",))
    assert import_gdelt(tmp_path / "b" / "b.duckdb", [source], filters=thanks).kept_by_type == (
        ("express_gratitude", 1),
    )
    with pytest.raises(ValueError, match="no event type"):
        import_gdelt(tmp_path / "c.duckdb", [source], filters=Filters(codes=("19",)))


def test_a_rebuild_keeps_imported_rows_and_their_actors(tmp_path: Path) -> None:
    source = tmp_path / "in" / "day.CSV"
    source.parent.mkdir()
    lines = write_export(source, 58)
    db = tmp_path / "data" / "events.duckdb"
    import_gdelt(db, [source])
    assert [p.name[:8] for p in store_dir_for(db).iterdir()] == ["day.CSV-"]
    before = query(db, "SELECT * FROM events ORDER BY event_id")
    source.unlink()  # the store, not the download, carries the rows
    summary = build_database(db, [], cases_path=None)
    assert summary.gdelt_events == len(before) == sum(expected_codes(lines).values())
    assert query(db, "SELECT * FROM events ORDER BY event_id") == before
    assert query(db, "SELECT count(*) FROM actors WHERE code = 'MAR'") == [(1,)]


def test_a_stray_or_broken_file_in_the_store_is_rejected_and_the_build_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "day.CSV"
    lines = write_export(source, 58)
    db = tmp_path / "events.duckdb"
    import_gdelt(db, [source])
    (store_dir_for(db) / "broken.parquet").write_bytes(b"PAR1 torn")
    duckdb.connect().execute(f"COPY (SELECT 1 AS x) TO '{store_dir_for(db) / 'other.parquet'}'")
    summary = build_database(db, [], cases_path=None)
    assert summary.gdelt_events == sum(expected_codes(lines).values())
    reasons = {Path(r.input).name: r.reason for r in summary.rejects}
    assert reasons["broken.parquet"] == "cannot read GDELT store file"
    assert reasons["other.parquet"].startswith("not a GDELT store file")


def test_parquet_rows_from_a_bigquery_export_import_like_csv(tmp_path: Path) -> None:
    export = tmp_path / "bq.parquet"
    con = duckdb.connect()
    con.execute(
        f"""COPY (SELECT * FROM (VALUES
              (11, 20240105, 'USA', 'UNITED STATES', 'USA', NULL, 'TUR', 'TURKEY', 'TUR', NULL, '0233',
               3.4, 5, 2, 5, -2.0, 20240105120000, 'https://news.example/a'),
              (12, 20240106, 'JPN', 'JAPAN', 'JPN', NULL, 'TUR', 'TURKEY', 'TUR', NULL, '073',
               7.4, 9, 3, 9, 1.5, 20240106120000, 'https://news.example/b'),
              (13, 20240107, 'JPN', 'JAPAN', 'JPN', NULL, 'TUR', 'TURKEY', 'TUR', NULL, '190',
               -10, 1, 1, 1, -9.0, 20240107120000, 'https://news.example/c'),
              (NULL, 20240107, 'JPN', 'JAPAN', 'JPN', NULL, 'TUR', 'TURKEY', 'TUR', NULL, '073',
               7.4, 1, 1, 1, 1.0, 20240107120000, 'https://news.example/d'))
            t(GLOBALEVENTID, SQLDATE, Actor1Code, Actor1Name, Actor1CountryCode, Actor1KnownGroupCode,
              Actor2Code, Actor2Name, Actor2CountryCode, Actor2KnownGroupCode, EventCode, GoldsteinScale,
              NumMentions, NumSources, NumArticles, AvgTone, DATEADDED, SOURCEURL))
            TO '{export}' (FORMAT parquet)"""
    )
    as_integer = tmp_path / "lost-zeros.parquet"
    con.execute(f"COPY (SELECT 1 AS GLOBALEVENTID, 20240101 AS SQLDATE, 33 AS EventCode) TO '{as_integer}'")
    con.close()
    summary = import_gdelt(tmp_path / "events.duckdb", [export, as_integer])
    assert summary.kept_by_type == (("provide_aid", 1), ("request_aid", 1))
    assert [r.input for r in summary.rejects] == [f"{export}:row 4", str(as_integer)]
    assert "leading zeros" in summary.rejects[1].reason
    got = query(
        tmp_path / "events.duckdb", "SELECT event_id, sender, recipient, event_date FROM events ORDER BY 1"
    )
    assert got == [("gdelt-11", "USA", "TUR", date(2024, 1, 5)), ("gdelt-12", "JPN", "TUR", date(2024, 1, 6))]


def test_export_parquet_writes_one_folder_per_year(tmp_path: Path) -> None:
    source = tmp_path / "years.CSV"
    source.write_text("\n".join(gdelt_row(58, n, "073", day=f"{2019 + n}0601") for n in range(3)) + "\n")
    db = tmp_path / "events.duckdb"
    import_gdelt(db, [source])
    assert export_parquet(db, tmp_path / "out") == 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["year=2019", "year=2020", "year=2021"]
    back = (
        duckdb.connect()
        .execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/out/*/*.parquet')")
        .fetchall()
    )
    assert back == [(3,)]
    with pytest.raises(FileExistsError, match="not empty"):
        export_parquet(db, tmp_path / "out")


def test_cli_import_prints_a_summary_and_exit_codes_say_what_happened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cli.CSV"
    lines = write_export(source, 61)
    db = str(tmp_path / "events.duckdb")
    assert main(["import-gdelt", "--quiet", "--db", db, str(source)]) == 0
    out = capsys.readouterr().out
    assert f"{sum(expected_codes(lines).values())} aid rows kept" in out and "0 rejected" in out
    assert main(["import-gdelt", "--quiet", "--strict", "--db", db, str(tmp_path / "nope.CSV")]) == 1
    assert main(["import-gdelt", "--quiet", "--db", db, "--codes", "x1", "--", str(source)]) == 2
    assert main(["export-parquet", "--db", db, str(tmp_path / "pq")]) == 0
    assert "one folder per year" in capsys.readouterr().out
    assert main(["export-parquet", "--db", db, str(tmp_path / "pq")]) == 1
    assert "not empty" in capsys.readouterr().err


def test_default_codes_are_the_aid_related_set() -> None:
    assert DEFAULT_CODES == ("018", "023", "033", "057", "07", "0863", "103", "122")


def test_shared_gdelt_sample_yields_exactly_its_aid_rows(tmp_path: Path) -> None:
    if not SHARED_SAMPLE.exists():
        pytest.skip("../shared/gdelt is not here (only CI and developers have the shared sample)")
    lines = SHARED_SAMPLE.read_text(encoding="utf-8").splitlines()
    assert {len(line.split("\t")) for line in lines} == {57, 58}  # the sample mixes 1.0 widths
    summary = import_gdelt(tmp_path / "events.duckdb", [SHARED_SAMPLE])
    assert summary.rejects == ()
    assert gdelt_codes(tmp_path / "events.duckdb") == expected_codes(lines)
    for _code, sender in query(tmp_path / "events.duckdb", "SELECT cameo_code, sender FROM events"):
        assert sender is None or len(sender) == 3


def test_gdelt_rows_join_the_incident_of_our_own_report_of_the_same_act(tmp_path: Path) -> None:
    article = tmp_path / "articles" / "jpn-tur.md"
    article.parent.mkdir()
    article.write_text(
        "---\nid: gx-jpn-tur\ntitle: Japan offers quake aid\noutlet: Example Times\n"
        "published: 2023-02-07\nlanguage: en\n---\nJapan on Monday offered emergency relief supplies "
        "to Turkey after the earthquake, the foreign ministry in Tokyo said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "events.duckdb"
    build_database(db, [article.parent], cases_path=None)
    japan, turkey = ("JPNGOV", "JAPAN", "JPN", ""), ("TUR", "TURKEY", "TUR", "")
    rows = [
        gdelt_row(58, 501, "033", day="20230206", actor1=japan, actor2=turkey, mentions="12"),
        gdelt_row(58, 502, "0333", day="20230206", actor1=japan, actor2=turkey, mentions="3"),
    ]
    source = tmp_path / "20230206.export.CSV"
    source.write_text("\n".join(rows) + "\n")
    import_gdelt(db, [source])
    incidents = query(
        db,
        "SELECT n_events, n_reports, n_outlets, sources FROM incidents "
        "WHERE sender = 'JPN' AND recipient = 'TUR'",
    )
    assert incidents == [(3, 1 + 12 + 3, 1 + 2 + 2, "article, gdelt")]


def test_an_import_into_a_database_of_an_older_schema_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE events (event_id VARCHAR PRIMARY KEY, article_id VARCHAR, event_type VARCHAR NOT NULL, "
        "cameo_code VARCHAR NOT NULL, sender VARCHAR, recipient VARCHAR, event_date DATE, "
        "certainty VARCHAR NOT NULL, source VARCHAR NOT NULL, retired_column VARCHAR)"
    )
    con.execute(
        "INSERT INTO events VALUES ('old-1', 'a1', 'offer_aid', '033', 'JPN', 'TUR', DATE '2023-02-06', "
        "'stated', 'article', 'x')"
    )
    con.execute("CREATE TABLE notes_from_before (x INTEGER)")
    con.close()
    source = tmp_path / "day.CSV"
    source.write_text(gdelt_row(58, 9, "073") + "\n")
    import_gdelt(db, [source])
    assert query(db, "SELECT event_id, source FROM events ORDER BY 1") == [
        ("gdelt-9", "gdelt"),
        ("old-1", "article"),
    ]
