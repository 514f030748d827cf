"""GDELT Events export files (1.0 and 2.0, CSV or Parquet) to aid events: read, filter and map in DuckDB SQL.

An import keeps the aid-related rows of each source file in a Parquet file of the store beside the
database (`data/gdelt/` for `data/events.duckdb`), then rebuilds the database from its previous rows
and the whole store. `build` reads the same store, so a rebuild keeps every imported row.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

import duckdb
import pycountry

from etl.load import DERIVE_PATH, derive, new_database, temp_path_for
from etl.models import Reject, stable_hash
from etl.names import actor_rows

Progress = Callable[[int, int, str], None]

# The aid-related CAMEO codes kept by default, as code prefixes: 07 keeps 070-075.
DEFAULT_CODES = ("018", "023", "033", "057", "07", "0863", "103", "122")
# Event type of each CAMEO code prefix a user may choose with --codes; the longest prefix wins.
# 103 "demand material aid" is a forceful request: request_aid, its sender the one who demands.
CODE_TYPES = {
    "018": "express_sympathy",
    "023": "request_aid",
    "033": "offer_aid",
    "04": "meet",
    "051": "express_gratitude",
    "057": "sign_agreement",
    "07": "provide_aid",
    "0863": "accept_aid",
    "103": "request_aid",
    "122": "decline_aid",
}
# The digit after an aid family's prefix says the kind of aid (CAMEO: 1 economic, 2 military,
# 3 humanitarian, 4 military protection or peacekeeping; 075 grants asylum).
AID_FAMILIES = ("023", "033", "07", "103", "122")
AID_DIGITS = {"1": "financial", "2": "military", "3": "humanitarian", "4": "military", "5": "humanitarian"}
# CAMEO known-group codes of organisations our own extraction names, to our organisation codes
# (etl/aliases.toml). CAMEO's IRC is the Red Cross movement as a whole; we file it under the ICRC.
# UN agencies without a code of their own here (FAO, IOM) file under the UN, as in aliases.toml.
KNOWN_GROUPS = {
    "UNO": "UN",
    "FAO": "UN",
    "IOM": "UN",
    "WHO": "WHO",
    "WFP": "WFP",
    "EEC": "EU",
    "IRC": "ICRC",
    "NAT": "NATO",
    "ASN": "ASEAN",
    "IMF": "IMF",
    "WBK": "WB",
    "ADB": "ADB",
    "OIC": "OIC",
    "GCC": "GCC",
}
# Country codes CAMEO kept after ISO 3166 changed them.
LEGACY_COUNTRIES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}

ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
    "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
EVENT_FIELDS = (
    ("IsRootEvent", "VARCHAR"),
    ("EventCode", "VARCHAR"),
    ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"),
    ("QuadClass", "VARCHAR"),
    ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"),
    ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
)
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def layout(width: int) -> dict[str, str]:
    """Column names and types of a GDELT Events export row: 57 (1.0 history), 58 (1.0 daily) or 61 (2.0).

    Only the columns the importer keeps are typed; the rest stay VARCHAR, read but never cast.
    Geo columns carry FIPS country codes, which the importer never takes for actors.
    """
    columns = {"GLOBALEVENTID": "BIGINT", "SQLDATE": "DATE", "MonthYear": "VARCHAR", "Year": "VARCHAR"}
    columns["FractionDate"] = "VARCHAR"
    for actor in ("Actor1", "Actor2"):
        columns |= {f"{actor}{f}": "VARCHAR" for f in ACTOR_FIELDS}
    columns |= dict(EVENT_FIELDS)
    geo = GEO_FIELDS if width == 61 else tuple(f for f in GEO_FIELDS if f != "ADM2Code")
    for block in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        columns |= {f"{block}_{f}": "VARCHAR" for f in geo}
    columns["DATEADDED"] = "BIGINT"
    if width != 57:
        columns["SOURCEURL"] = "VARCHAR"
    return columns


WIDTHS = (57, 58, 61)
# The GDELT columns the store keeps, by their GDELT names; their types are those of `layout`.
STORE_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "EventCode", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
STORE_TYPES = {c: layout(61)[c] for c in STORE_COLUMNS}
REQUIRED_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "EventCode")
SUFFIXES = (".csv", ".tsv", ".zip", ".parquet")
CSV_OPTIONS = (
    "delim='\t', header=false, quote='', escape='', auto_detect=false, dateformat='%Y%m%d', "
    "columns=$columns, ignore_errors=true, store_rejects=true"
)


@dataclass(frozen=True)
class Filters:
    """Which rows an import keeps: CAMEO code prefixes and an optional SQLDATE window."""

    codes: tuple[str, ...] = DEFAULT_CODES
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: files read, aid rows kept from them, rejects, GDELT events in the database."""

    files: int
    kept: int
    kept_by_type: tuple[tuple[str, int], ...]
    rejects: tuple[Reject, ...]
    gdelt_events: int
    db_path: Path
    store_dir: Path
    seconds: float


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> int:
    """The integer a one-row, one-column query returns (fetched whole, so the connection is free)."""
    return int(con.execute(sql, params or {}).fetchall()[0][0])


def store_dir_for(db_path: Path) -> Path:
    """The GDELT store of a database: the `gdelt` folder beside it."""
    return Path(db_path).parent / "gdelt"


def check_codes(codes: Sequence[str]) -> tuple[str, ...]:
    """Validate CAMEO code prefixes chosen by a user; raise ValueError naming a bad one."""
    for code in codes:
        if not re.fullmatch(r"\d{2,4}", code):
            raise ValueError(f"CAMEO code {code!r} is not 2 to 4 digits")
        if type_of(code) is None:
            known = ", ".join(sorted(CODE_TYPES))
            raise ValueError(f"CAMEO code {code} has no event type here; codes start with one of: {known}")
    return tuple(dict.fromkeys(codes))


def type_of(code: str) -> str | None:
    """The event type of a CAMEO code: that of its longest known prefix."""
    for prefix in sorted(CODE_TYPES, key=len, reverse=True):
        if code.startswith(prefix):
            return CODE_TYPES[prefix]
    return None


def code_filter(codes: Sequence[str], column: str = "EventCode") -> str:
    """A SQL condition keeping rows whose code starts with one of the (validated, digits-only) codes."""
    return "(" + " OR ".join(f"starts_with({column}, '{c}')" for c in check_codes(codes)) + ")"


def row_filter(filters: Filters) -> str:
    """The WHERE condition of an import: codes, and the date window bound as $since and $until."""
    dates = "($since IS NULL OR SQLDATE >= $since) AND ($until IS NULL OR SQLDATE <= $until)"
    return f"{code_filter(filters.codes)} AND {dates}"


def list_inputs(inputs: Sequence[Path], store: Path) -> tuple[list[Path], list[Reject]]:
    """Every GDELT file among the inputs (folders recursively, minus the store); a Reject per missing path."""
    files: list[Path] = []
    rejects: list[Reject] = []
    for path in map(Path, inputs):
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            files += sorted(p for p in found if not p.resolve().is_relative_to(store.resolve()))
        elif path.is_file():
            files.append(path)
        else:
            rejects.append(Reject(str(path), "no such file or folder"))
    return files, rejects


def sniff_width(fp: IO[bytes], lines: int = 20) -> int:
    """Fields per row of a tab-separated file: the commonest known width in its first lines, else line 1's."""
    widths = [line.count(b"\t") + 1 for line in (fp.readline(1 << 20) for _ in range(lines)) if line.strip()]
    known = Counter(w for w in widths if w in WIDTHS)
    return known.most_common(1)[0][0] if known else (widths[0] if widths else 0)


@contextlib.contextmanager
def csv_members(path: Path) -> Iterator[list[tuple[str, Path, int]]]:
    """Yield (label, plain file, width) for a CSV/TSV file, or for each CSV/TSV inside a zip (unpacked)."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as fp:
            yield [(str(path), path, sniff_width(fp))]
        return
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory(prefix="gdelt-") as tmp:
        members = [m for m in archive.namelist() if m.lower().endswith((".csv", ".tsv"))]
        unpacked = []
        for number, member in enumerate(members):
            target = Path(tmp) / f"{number}.csv"
            with archive.open(member) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            with target.open("rb") as fp:
                unpacked.append((f"{path}!{member}", target, sniff_width(fp)))
        yield unpacked


WIDTH = "len(string_split(csv_line, chr(9)))"  # the fields of a rejected line, as written in the file


def _errors(con: duckdb.DuckDBPyConnection, table: str, skip: str) -> list[tuple]:
    """One (line, kind, message, text) per rejected line of a scan, leaving out errors matching `skip`."""
    return con.execute(
        f"""
        SELECT line, any_value(error_type), any_value(error_message), any_value(csv_line)
        FROM {table}
        WHERE NOT coalesce({skip}, FALSE)
        GROUP BY line ORDER BY line
        """
    ).fetchall()


def _scan_csv(con: duckdb.DuckDBPyConnection, path: Path, width: int, filters: Filters, tag: str) -> str:
    """Append the kept rows of a CSV read with the layout of `width` to _gdelt_new; name its errors table."""
    errors = f"_gdelt_errors_{tag}"
    con.execute(
        f"""
        INSERT INTO _gdelt_new
        SELECT {", ".join(STORE_COLUMNS[:-1])}, {"SOURCEURL" if width != 57 else "NULL"}
        FROM read_csv($path, {CSV_OPTIONS}, rejects_table='{errors}', rejects_scan='_gdelt_scans_{tag}')
        WHERE {row_filter(filters)}
        """,
        {"path": str(path), "columns": layout(width), "since": filters.since, "until": filters.until},
    )
    return errors


def read_csv_file(
    con: duckdb.DuckDBPyConnection, label: str, path: Path, width: int, filters: Filters
) -> list[Reject]:
    """Add the kept rows of one export file to _gdelt_new; return its malformed rows as rejects.

    The commonest width among the first lines picks the layout. GDELT 1.0 rows of 57 and 58 columns
    differ only by the trailing SOURCEURL, so a file mixing them is read again with the other layout.
    """
    if width not in WIDTHS:
        found = "it is empty" if width == 0 else f"its first lines have {width}"
        reason = f"not a GDELT Events export: expected 57, 58 or 61 tab-separated columns, {found}"
        return [Reject(label, reason)]
    tables = [(_scan_csv(con, path, width, filters, "a"), "FALSE")]
    if width in (57, 58):
        other = 57 + 58 - width
        other_rows = f"{WIDTH} = {other}"
        if scalar(con, f"SELECT count(*) FROM {tables[0][0]} WHERE {other_rows}"):
            second = _scan_csv(con, path, other, filters, "b")
            tables = [(tables[0][0], other_rows), (second, f"{WIDTH} <> {other}")]
    rejects = []
    for table, skip in tables:
        for line, kind, message, text in _errors(con, table, skip):
            detail = f"{message}: {' '.join((text or '').split())[:160]}"
            rejects.append(Reject(f"{label}:{line}", f"malformed GDELT row ({kind.lower()})", detail))
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP TABLE IF EXISTS _gdelt_scans_a; DROP TABLE IF EXISTS _gdelt_scans_b")
    return sorted(rejects, key=lambda r: int(r.input.rsplit(":", 1)[1]))


def _parquet_column(name: str, found: dict[str, tuple[str, str]]) -> str:
    """SQL for one store column from a Parquet file's columns (matched case-insensitively); NULL if absent."""
    if name.lower() not in found:
        return f"CAST(NULL AS {STORE_TYPES[name]}) AS {name}"
    real, kind = found[name.lower()]
    if name == "SQLDATE" and kind != "DATE":
        return f"try_strptime(CAST(\"{real}\" AS VARCHAR), '%Y%m%d')::DATE AS {name}"
    return f'TRY_CAST("{real}" AS {STORE_TYPES[name]}) AS {name}'


def read_parquet_file(con: duckdb.DuckDBPyConnection, path: Path, filters: Filters) -> list[Reject]:
    """Add the kept rows of a Parquet file of GDELT rows (a BigQuery export) to _gdelt_new.

    Columns are matched by GDELT name; a kept row without an id or a valid SQLDATE is a reject.
    """
    described = con.execute("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(path)}).fetchall()
    found = {str(name).lower(): (str(name), str(kind)) for name, kind, *_ in described}
    missing = [c for c in REQUIRED_COLUMNS if c.lower() not in found]
    if missing:
        return [Reject(str(path), f"not GDELT Events rows: no column {', '.join(missing)}")]
    if found["eventcode"][1] != "VARCHAR":
        kind = found["eventcode"][1]
        return [Reject(str(path), f"EventCode is {kind}, so its leading zeros are lost: export it as STRING")]
    select = ", ".join(_parquet_column(c, found) for c in STORE_COLUMNS)
    codes = code_filter(filters.codes, f'"{found["eventcode"][0]}"')
    con.execute(
        f"CREATE TEMP TABLE _gdelt_parquet AS SELECT file_row_number, {select} "
        f"FROM read_parquet($path, file_row_number = true) WHERE {codes}",
        {"path": str(path)},
    )
    try:
        bad = con.execute(
            "SELECT file_row_number FROM _gdelt_parquet "
            "WHERE GLOBALEVENTID IS NULL OR SQLDATE IS NULL ORDER BY 1"
        ).fetchall()
        con.execute(
            f"INSERT INTO _gdelt_new SELECT {', '.join(STORE_COLUMNS)} FROM _gdelt_parquet "
            f"WHERE {row_filter(filters)} AND GLOBALEVENTID IS NOT NULL",
            {"since": filters.since, "until": filters.until},
        )
    finally:
        con.execute("DROP TABLE _gdelt_parquet")
    reason = "malformed GDELT row: no GLOBALEVENTID or no valid SQLDATE"
    return [Reject(f"{path}:row {n + 1}", reason) for (n,) in bad]


def read_file(con: duckdb.DuckDBPyConnection, path: Path, filters: Filters) -> list[Reject]:
    """Add the kept rows of one input file (CSV, TSV, zip or Parquet) to _gdelt_new; return rejects."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return [Reject(str(path), f"not a GDELT export file ({', '.join(SUFFIXES)})")]
    try:
        if suffix == ".parquet":
            return read_parquet_file(con, path, filters)
        rejects: list[Reject] = []
        with csv_members(path) as members:
            if not members:
                return [Reject(str(path), "zip file holds no .csv or .tsv file")]
            for label, plain, width in members:
                rejects += read_csv_file(con, label, plain, width, filters)
        return rejects
    except (OSError, zipfile.BadZipFile, duckdb.Error) as err:
        return [Reject(str(path), "cannot read GDELT file", str(err).splitlines()[0])]


def _lookup_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the actor lookups: ISO alpha-3 countries (plus CAMEO's legacy codes) and known groups."""
    countries = {c.alpha_3: c.alpha_3 for c in pycountry.countries} | LEGACY_COUNTRIES
    for name, table in (("_gdelt_countries", countries), ("_gdelt_groups", KNOWN_GROUPS)):
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT unnest($codes) AS code, unnest($actors) AS actor",
            {"codes": list(table), "actors": list(table.values())},
        )


def _type_case() -> str:
    """SQL CASE giving the event type of EventCode by its longest known prefix."""
    ordered = sorted(CODE_TYPES, key=len, reverse=True)
    whens = " ".join(f"WHEN starts_with(g.EventCode, '{p}') THEN '{CODE_TYPES[p]}'" for p in ordered)
    return f"CASE {whens} END"


def _aid_case() -> str:
    """SQL CASE giving the aid type from the digit after an aid family's prefix (unspecified without one)."""
    digits = " ".join(f"WHEN '{d}' THEN '{kind}'" for d, kind in AID_DIGITS.items())
    whens = " ".join(
        f"WHEN starts_with(g.EventCode, '{p}') THEN CASE substr(g.EventCode, {len(p) + 1}, 1) {digits} "
        "ELSE 'unspecified' END"
        for p in sorted(AID_FAMILIES, key=len, reverse=True)
    )
    return f"CASE WHEN starts_with(g.EventCode, '0863') THEN 'humanitarian' {whens} END"


def _actor(number: int) -> str:
    """SQL for an actor's code: a known group (UN, EU...), else the ISO country of its CAMEO code."""
    return f"coalesce(o{number}.actor, c{number}.actor)"


def _actor_joins(number: int) -> str:
    """The joins _actor(number) reads: groups by KnownGroupCode, countries by the code's country part."""
    country = f"coalesce(nullif(g.Actor{number}CountryCode, ''), left(g.Actor{number}Code, 3))"
    return (
        f"LEFT JOIN _gdelt_groups o{number} ON o{number}.code = g.Actor{number}KnownGroupCode "
        f"LEFT JOIN _gdelt_countries c{number} ON c{number}.code = {country}"
    )


# The store files bound as $files; each GLOBALEVENTID keeps its latest-added row, ties broken by file
# and row, choosing through narrow keys (cheaper than ranking whole rows).
STORE_ROWS = """
    WITH src AS (
        SELECT * FROM read_parquet($files, union_by_name = true, filename = true, file_row_number = true)
    ),
    keep AS (
        SELECT arg_max(filename, (DATEADDED, filename, file_row_number)) AS file,
               arg_max(file_row_number, (DATEADDED, filename, file_row_number)) AS row_number
        FROM src GROUP BY GLOBALEVENTID
    )
    SELECT src.* FROM src JOIN keep ON src.filename = keep.file AND src.file_row_number = keep.row_number
"""


def events_sql() -> str:
    """SELECT of events-table rows from the GDELT rows of the store files $files, one per GLOBALEVENTID."""
    return f"""
        SELECT 'gdelt-' || g.GLOBALEVENTID AS event_id, NULL AS article_id,
               {_type_case()} AS event_type, g.EventCode AS cameo_code,
               {_actor(1)} AS sender, nullif(g.Actor1Name, '') AS sender_name,
               {_actor(2)} AS recipient, nullif(g.Actor2Name, '') AS recipient_name,
               g.SQLDATE AS event_date, 'day' AS date_precision, {_aid_case()} AS aid_type,
               CASE WHEN starts_with(g.EventCode, '122') THEN 'refused' END AS response,
               'reported' AS certainty, NULL AS evidence, nullif(g.SOURCEURL, '') AS source_url,
               'gdelt' AS source, 0.5 AS confidence, FALSE AS needs_review,
               g.NumMentions AS num_mentions, g.NumSources AS num_sources, g.NumArticles AS num_articles,
               g.GoldsteinScale AS goldstein_scale, g.AvgTone AS avg_tone,
               CASE WHEN g.DATEADDED >= 10000000000000
                    THEN try_strptime(CAST(g.DATEADDED AS VARCHAR), '%Y%m%d%H%M%S')
                    ELSE try_strptime(CAST(g.DATEADDED AS VARCHAR), '%Y%m%d') END AS date_added
        FROM ({STORE_ROWS}) g {_actor_joins(1)} {_actor_joins(2)}
        WHERE {code_filter(tuple(CODE_TYPES), "g.EventCode")}
    """


def store_files(store_dir: Path) -> list[Path]:
    """The Parquet files of a GDELT store, sorted by name."""
    return sorted(Path(store_dir).glob("*.parquet")) if Path(store_dir).is_dir() else []


def load_store(con: duckdb.DuckDBPyConnection, store_dir: Path) -> tuple[int, list[Reject]]:
    """Insert the events of all store files into `events`; return how many, and rejects of unread files."""
    files, rejects = [], []
    for path in store_files(store_dir):
        try:
            names = {
                row[0] for row in con.execute(f"DESCRIBE FROM read_parquet('{_quoted(path)}')").fetchall()
            }
        except duckdb.Error as err:
            rejects.append(Reject(str(path), "cannot read GDELT store file", str(err).splitlines()[0]))
            continue
        missing = [c for c in STORE_COLUMNS if c not in names]
        if missing:
            rejects.append(Reject(str(path), f"not a GDELT store file: no column {', '.join(missing[:3])}"))
        else:
            files.append(str(path))
    if not files:
        return 0, rejects
    _lookup_tables(con)
    try:
        sql = f"INSERT INTO events BY NAME {events_sql()}"  # store files come in date order
        return scalar(con, sql, {"files": files}), rejects
    finally:
        con.execute("DROP TABLE _gdelt_countries; DROP TABLE _gdelt_groups")


def _count_gdelt(con: duckdb.DuckDBPyConnection) -> int:
    """Number of GDELT events in the database."""
    return scalar(con, "SELECT count(*) FROM events WHERE source = 'gdelt'")


def name_new_actors(con: duckdb.DuckDBPyConnection) -> None:
    """Add a display name for every actor code in events that the actors table lacks."""
    codes = con.execute(
        "SELECT code FROM (SELECT sender AS code FROM events UNION SELECT recipient FROM events) "
        "WHERE code IS NOT NULL AND code NOT IN (SELECT code FROM actors)"
    ).fetchall()
    rows = actor_rows(c for (c,) in codes)
    if rows:
        con.executemany("INSERT INTO actors VALUES (?, ?)", rows)


def store_name(path: Path) -> str:
    """The store file of a source file: its name plus a hash of its full path; a re-import replaces it."""
    # The hash keeps apart same-named files of two folders, like BigQuery's 000000000000.parquet.
    return f"{path.name}-{stable_hash(str(path.resolve()), length=8)}.parquet"


def write_store_file(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Write _gdelt_new to a store file, atomically (temporary name, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        con.execute(f"COPY _gdelt_new TO '{_quoted(temp)}' (FORMAT parquet)")
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _quoted(path: Path) -> str:
    """A path as the body of a SQL string literal (COPY TO takes no bound parameter)."""
    return str(path).replace("'", "''")


def _new_rows_table(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the empty temp table that collects the kept rows of one source file."""
    columns = ", ".join(f"{c} {STORE_TYPES[c]}" for c in STORE_COLUMNS)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _gdelt_new ({columns})")


def stage_file(
    con: duckdb.DuckDBPyConnection, path: Path, store_dir: Path, filters: Filters
) -> tuple[Counter[str], list[Reject]]:
    """Read one source file and write its kept rows to its store file; return kept rows by type, rejects."""
    _new_rows_table(con)
    rejects = read_file(con, path, filters)
    if any(r.input == str(path) for r in rejects):  # the whole file failed: keep its old store file
        return Counter(), rejects
    kept = con.execute(f"SELECT {_type_case()}, count(*) FROM _gdelt_new g GROUP BY 1").fetchall()
    write_store_file(con, store_dir / store_name(path))
    return Counter({str(t): int(n) for t, n in kept}), rejects


def derived_tables() -> tuple[str, ...]:
    """The tables derive.sql fills; a copied database leaves them empty for derive to refill."""
    sql = DERIVE_PATH.read_text(encoding="utf-8")
    return tuple(dict.fromkeys(re.findall(r"INSERT\s+INTO\s+(\w+)", sql, re.IGNORECASE)))


# Columns each table has in both the previous database and the new one, in the previous order.
SHARED_COLUMNS = """
    SELECT p.table_name, list(p.column_name ORDER BY p.column_index)
    FROM duckdb_columns() p
    JOIN duckdb_columns() n ON n.table_name = p.table_name AND n.column_name = p.column_name
    JOIN duckdb_tables() pt ON pt.database_name = p.database_name AND pt.table_name = p.table_name
    JOIN duckdb_tables() nt ON nt.database_name = n.database_name AND nt.table_name = n.table_name
    WHERE p.database_name = 'previous' AND n.database_name = current_database() AND NOT nt.temporary
    GROUP BY p.table_name
"""


def copy_previous(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Copy the existing database into `con`, except GDELT events and derived tables.

    Only tables and columns both schemas have are copied, so a database built by an older version
    still imports.
    """
    if not Path(db_path).exists():
        return
    con.execute("ATTACH $p AS previous (READ_ONLY)", {"p": str(db_path)})
    try:
        skip = {*derived_tables(), "schema_info"}  # the new file's layout, not the copied one's
        for table, columns in con.execute(SHARED_COLUMNS).fetchall():
            if table in skip:
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            where = " WHERE source <> 'gdelt'" if table == "events" else ""
            con.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM previous."{table}"{where}')
    finally:
        con.execute("DETACH previous")


def replace_rejects(
    con: duckdb.DuckDBPyConnection, sources: Sequence[str], rejects: Sequence[Reject]
) -> None:
    """Drop the rejects an earlier import recorded for these sources, then record the new ones."""
    con.execute(
        "DELETE FROM rejects WHERE EXISTS (SELECT 1 FROM unnest($sources) s(p) "
        "WHERE input = p OR starts_with(input, p || ':') OR starts_with(input, p || '!'))",
        {"sources": list(sources)},
    )
    columns = {"inputs": [r.input for r in rejects], "reasons": [r.reason for r in rejects]}
    columns["details"] = [r.detail for r in rejects]
    con.execute(  # one statement however many rows were rejected
        "INSERT INTO rejects (input, reason, detail) "
        "SELECT unnest($inputs), unnest($reasons), unnest($details)",
        columns,
    )


def import_gdelt(
    db_path: Path,
    inputs: Sequence[Path],
    *,
    filters: Filters = Filters(),
    store_dir: Path | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import GDELT export files: keep their aid rows in the store, then swap in a database with them.

    The new database holds the previous one's rows, every store file's events (deduplicated by
    GLOBALEVENTID) and freshly derived tables; it replaces db_path atomically.
    """
    clock = time.perf_counter()
    check_codes(filters.codes)
    store = Path(store_dir) if store_dir is not None else store_dir_for(db_path)
    files, rejects = list_inputs(inputs, store)
    kept: Counter[str] = Counter()
    with new_database(Path(db_path)) as con:
        copy_previous(con, Path(db_path))
        for done, path in enumerate(files, 1):
            file_kept, file_rejects = stage_file(con, path, store, filters)
            kept += file_kept
            rejects += file_rejects
            if progress is not None:
                progress(done, len(files), path.name)
        con.execute("DROP TABLE IF EXISTS _gdelt_new")
        _, store_rejects = load_store(con, store)
        rejects += store_rejects
        sources = [*map(Path, inputs), *files, *store_files(store)]
        replace_rejects(con, [str(p) for p in sources], rejects)
        name_new_actors(con)
        derive(con)
        total = _count_gdelt(con)
    return ImportSummary(
        files=len(files),
        kept=kept.total(),
        kept_by_type=tuple(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))),
        rejects=tuple(rejects),
        gdelt_events=total,
        db_path=Path(db_path),
        store_dir=store,
        seconds=round(time.perf_counter() - clock, 3),
    )


def export_parquet(db_path: Path, out_dir: Path) -> int:
    """Write the events of a database as Parquet partitioned by year into a new or empty folder.

    A folder that already holds files is refused (FileExistsError): stale partitions would mix in.
    """
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty; export into a new or empty folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute(
            "COPY (SELECT *, year(event_date) AS year FROM events ORDER BY event_date, event_id) "
            f"TO '{_quoted(out_dir)}' (FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE, "
            "COMPRESSION zstd)"
        )
        return scalar(con, "SELECT count(*) FROM events")
    finally:
        con.close()
