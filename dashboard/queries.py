"""Every SQL question the dashboard asks, one function each: values bound, identifiers from whitelists.

Each function takes a DuckDB cursor first, so it runs the same in tests and behind the cache in
`dashboard.db`. Aggregation happens in DuckDB; row-level queries are bounded by a LIMIT.
Filters are on events columns only, so queries filter `events` and join article metadata (outlet,
title) for the rows they return, not for every event. Counts of acts are counts of incidents (one act
reported by several sources counts once); an incident matches the filters when any of its reports does.
Row-level views (explorer, timeline) list every report.
"""

from __future__ import annotations

import io
from typing import Any

import duckdb
import pandas as pd
import pyarrow.csv as pacsv

from dashboard.filters import RESPONSE_TYPES, Filters
from etl.load import CASE_FIELDS, CASE_TEXTS
from etl.load import CASE_LANGS as TRANSLATED_CASE_LANGS

Cursor = duckdb.DuckDBPyConnection

TIMELINE_LIMIT = 2_000
EXPLORER_LIMIT = 1_000
CASE_LIMIT = 2_000

# Identifier whitelists: the only column names and orderings ever formatted into SQL.
LANES: dict[str, str] = {"sender": "sender", "recipient": "recipient"}
SORTS: dict[str, str] = {
    "newest": "event_date DESC NULLS LAST, event_id",
    "oldest": "event_date ASC NULLS LAST, event_id",
    "sender": "sender NULLS LAST, event_date DESC NULLS LAST, event_id",
    "type": "event_type, event_date DESC NULLS LAST, event_id",
}
# The language of a case's texts -> the suffix of its columns (`title_id` holds the Indonesian title).
CASE_LANGS: dict[str, str] = {"en": "", **{lang: f"_{lang}" for lang in TRANSLATED_CASE_LANGS}}
FILTER_COLUMNS: dict[str, str] = {
    "senders": "sender",
    "recipients": "recipient",
    "types": "event_type",
    "aids": "aid_type",
    "sources": "source",
}

EVENT_FIELDS = (
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "cameo_code",
    "sender",
    "sender_name",
    "recipient",
    "recipient_name",
    "aid_type",
    "response",
    "certainty",
    "evidence",
    "source_url",
    "outlet",
    "article_title",
    "is_summary",
    "needs_review",
    "confidence",
    "source",
    "incident_id",
)
EVENT_COLUMNS = ", ".join(EVENT_FIELDS)
# EVENT_FIELDS of events rows `p` joined to their article `a`: row queries pick their rows on `events`
# (every filter is an events column) and join article metadata for those rows only.
_ARTICLE_FIELDS = {
    "outlet": "a.outlet AS outlet",
    "article_title": "a.title AS article_title",
    "is_summary": "coalesce(a.summary, FALSE) AS is_summary",
}
PICKED_COLUMNS = ", ".join(_ARTICLE_FIELDS.get(c, f"p.{c}") for c in EVENT_FIELDS)
# Row queries choose their rows by rowid (sorting only the sort keys), then read the whole rows of those:
# at a million events that is 5x cheaper than sorting whole rows.
# An offer's status and the day of the answer, for rows `p` joined to offer_outcomes `o` (null for others).
OFFER_STATUS = (
    "CASE WHEN p.event_type = 'offer_aid' THEN coalesce(o.outcome, 'no response yet') END AS outcome, "
    "o.reply_date"
)
EXPORT_COLUMNS = (
    "event_id, event_date, date_precision, event_type, cameo_code, sender, sender_name, recipient, "
    "recipient_name, aid_type, response, certainty, evidence, source_url, outlet, article_title, "
    "published, language, is_summary, needs_review, confidence, source, incident_id"
)


def identifier(name: str, allowed: dict[str, str]) -> str:
    """Return the SQL text whitelisted for `name`; raise ValueError for anything else."""
    if name not in allowed:
        raise ValueError(f"not an allowed identifier: {name!r}")
    return allowed[name]


def _like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with LIKE wildcards in the text escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where(f: Filters, *, prefix: str = "") -> tuple[str, list[Any]]:
    """Build a WHERE clause (always starting with WHERE) and its bound parameters from filters."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if f.start is not None:
        clauses.append(f"{prefix}event_date >= ?")
        params.append(f.start)
    if f.end is not None:
        clauses.append(f"{prefix}event_date <= ?")
        params.append(f.end)
    for attr, column in FILTER_COLUMNS.items():
        values = getattr(f, attr)
        if values:
            clauses.append(f"list_contains(?::VARCHAR[], {prefix}{column})")
            params.append(list(values))
    if f.search:
        clauses.append(f"{prefix}evidence ILIKE ? ESCAPE '\\'")
        params.append(_like_pattern(f.search))
    return "WHERE " + " AND ".join(clauses), params


def _one(con: Cursor, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
    """Run a query expected to return exactly one row."""
    row = con.execute(sql, params or []).fetchone()
    return row if row is not None else ()


def _frame(con: Cursor, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    """Run a query and return a DataFrame."""
    return con.execute(sql, params or []).df()


# ---------------------------------------------------------------- options and metadata


def country_names(con: Cursor) -> dict[str, str]:
    """Map every actor code to its display name (filled by the ETL from CLDR)."""
    return dict(con.execute("SELECT code, name FROM actors ORDER BY code").fetchall())


def actor_options(con: Cursor) -> dict[str, list[str]]:
    """Distinct senders and recipients present in the data, for the filter widgets."""
    senders = con.execute("SELECT DISTINCT sender FROM events WHERE sender IS NOT NULL ORDER BY 1").fetchall()
    recipients = con.execute(
        "SELECT DISTINCT recipient FROM events WHERE recipient IS NOT NULL ORDER BY 1"
    ).fetchall()
    return {"sender": [r[0] for r in senders], "recipient": [r[0] for r in recipients]}


def date_bounds(con: Cursor) -> tuple[Any, Any]:
    """Earliest and latest event dates."""
    row = _one(con, "SELECT min(event_date), max(event_date) FROM events")
    return (row[0], row[1]) if row else (None, None)


def schema_version(con: Cursor) -> str | None:
    """The layout version the database was built with (None for a file older than versions)."""
    try:
        row = con.execute("SELECT max(version) FROM schema_info").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def data_as_of(con: Cursor) -> dict[str, Any] | None:
    """The last ETL run (finished time, events, articles), or None before any run."""
    row = con.execute(
        "SELECT finished, events, articles, rejects, version FROM etl_runs ORDER BY finished DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("finished", "events", "articles", "rejects", "version"), row, strict=True))


def case_columns(lang: str = "en", prefix: str = "") -> str:
    """The cases table's columns with its texts in `lang` under their usual names (English where the
    case has no translation); `lang` is whitelisted, as every identifier formatted into SQL."""
    suffix = identifier(lang, CASE_LANGS)

    def text(column: str) -> str:
        own = f"{prefix}{column}"
        return f"coalesce({own}{suffix}, {own}) AS {column}" if suffix else own

    return ", ".join(text(c) if c in CASE_TEXTS else f"{prefix}{c}" for c in CASE_FIELDS)


def cases(con: Cursor, lang: str = "en") -> pd.DataFrame:
    """All reference cases from the cases table, oldest onset first; titles and texts in `lang`."""
    return _frame(con, f"SELECT {case_columns(lang)} FROM cases ORDER BY onset, id")


# ---------------------------------------------------------------- counts and overview


def count_events(con: Cursor, f: Filters) -> int:
    """Number of events matching the filters."""
    clause, params = where(f)
    return int(_one(con, f"SELECT count(*) FROM events {clause}", params)[0])


def headline(con: Cursor, f: Filters) -> dict[str, int]:
    """Overview counts: incidents (offers, aid provided, responses) and the reports and sources behind them.
    Offers and aid provided are counted apart: an offer is not a delivery."""
    # A source is an outlet; a report without one (an article with no outlet, a feed row) is its own source.
    clause, params = where(f)
    # An incident has one type, so distinct incidents per type add up (cheaper than several DISTINCTs).
    sql = f"""
        WITH report AS (SELECT * FROM events {clause}),
        by_type AS (SELECT event_type, count(DISTINCT incident_id) AS n FROM report GROUP BY event_type),
        -- outlets of the reporting articles only: the join touches distinct articles, not every report
        cited AS (SELECT DISTINCT article_id FROM report WHERE article_id IS NOT NULL),
        outlets AS (
            SELECT count(DISTINCT a.outlet) + count(*) FILTER (WHERE a.outlet IS NULL) AS n
            FROM cited c LEFT JOIN articles a ON a.id = c.article_id
        )
        SELECT (SELECT sum(n) FROM by_type),
               count(*),
               (SELECT n FROM outlets) + count(*) FILTER (WHERE article_id IS NULL),
               (SELECT sum(n) FROM by_type WHERE event_type = 'offer_aid'),
               (SELECT sum(n) FROM by_type WHERE event_type = 'provide_aid'),
               (SELECT sum(n) FROM by_type WHERE list_contains(?::VARCHAR[], event_type)),
               count(DISTINCT sender),
               count(DISTINCT recipient),
               count(DISTINCT (sender, recipient))
                   FILTER (WHERE sender IS NOT NULL AND recipient IS NOT NULL),
               count(*) FILTER (WHERE event_date IS NULL OR needs_review)
        FROM report
    """
    row = _one(con, sql, [*params, list(RESPONSE_TYPES)])
    keys = (
        "incidents",
        "events",
        "sources",
        "offers",
        "provided",
        "responses",
        "senders",
        "recipients",
        "dyads",
        "review",
    )
    return {k: int(v or 0) for k, v in zip(keys, row, strict=True)}


def latest_offers(con: Cursor, f: Filters, limit: int = 8) -> pd.DataFrame:
    """The most recent offer incidents matching the filters: the answer and its day, the lead report, how
    many sources."""
    clause, params = where(f)
    sql = f"""
        WITH hit AS (
            SELECT DISTINCT incident_id FROM events {clause} AND event_type = 'offer_aid'
        ),
        latest AS (
            SELECT i.* FROM offer_incidents i JOIN hit ON hit.incident_id = i.incident_id
            ORDER BY i.event_date DESC NULLS LAST, i.incident_id
            LIMIT ?
        )
        SELECT i.incident_id, d.event_id, i.event_date, i.sender, d.sender_name, i.recipient,
               d.recipient_name, d.aid_type, i.outcome, i.reply_date, d.evidence, a.outlet,
               coalesce(a.summary, FALSE) AS is_summary, d.source_url, i.n_reports, i.n_outlets
        FROM latest i
        JOIN events d ON d.event_id = i.lead_event_id
        LEFT JOIN articles a ON a.id = d.article_id
        ORDER BY i.event_date DESC NULLS LAST, i.incident_id
    """
    return _frame(con, sql, [*params, int(limit)])


# ---------------------------------------------------------------- timeline


def timeline_events(con: Cursor, f: Filters, limit: int = TIMELINE_LIMIT) -> pd.DataFrame:
    """Dated events for the timeline (the latest `limit`), with each offer's outcome and reply."""
    clause, params = where(f)
    sql = f"""
        WITH picked AS (
            SELECT d.event_id, d.event_date, d.date_precision, d.event_type, d.sender, d.sender_name,
                   d.recipient, d.recipient_name, d.aid_type, d.certainty, d.evidence, d.article_id,
                   d.source, d.num_mentions
            FROM events d
            WHERE rowid IN (
                SELECT rowid FROM events {clause} AND event_date IS NOT NULL
                ORDER BY event_date DESC, event_id LIMIT ?
            )
        )
        SELECT p.* EXCLUDE (article_id), a.outlet, coalesce(a.summary, FALSE) AS is_summary,
               {OFFER_STATUS}, o.reply_id
        FROM picked p
        LEFT JOIN articles a ON a.id = p.article_id
        LEFT JOIN offer_outcomes o ON o.event_id = p.event_id
        ORDER BY p.event_date, p.event_id
    """
    return _frame(con, sql, [*params, int(limit)])


def count_dated(con: Cursor, f: Filters) -> int:
    """Number of matching events that have a date (the timeline can only place those)."""
    clause, params = where(f)
    return int(_one(con, f"SELECT count(*) FROM events {clause} AND event_date IS NOT NULL", params)[0])


def event_detail(con: Cursor, event_id: str) -> dict[str, Any] | None:
    """One event with its article metadata and, for an offer, its outcome."""
    sql = f"""
        SELECT {", ".join("d." + c for c in EVENT_FIELDS)}, o.outcome, o.reply_id, o.reply_date,
               d.evidence_all, d.mentions, i.n_reports, i.n_outlets, d.num_mentions, d.num_sources,
               d.num_articles, d.goldstein_scale, d.avg_tone, d.date_added
        FROM event_details d
        LEFT JOIN offers o ON o.event_id = d.event_id
        LEFT JOIN incidents i ON i.incident_id = d.incident_id
        WHERE d.event_id = ?
        LIMIT 1
    """
    cur = con.execute(sql, [event_id])
    row = cur.fetchone()
    if row is None:
        return None
    names = [c[0] for c in cur.description]
    return dict(zip(names, row, strict=True))


# ---------------------------------------------------------------- flows


def flow_links(con: Cursor, f: Filters) -> pd.DataFrame:
    """Sender → recipient pairs with incident counts (and the reports behind them), aggregated in DuckDB."""
    clause, params = where(f)
    sql = f"""
        WITH by_type AS (
            SELECT sender, recipient, event_type, count(DISTINCT incident_id) AS n, count(*) AS reports
            FROM events {clause} AND sender IS NOT NULL AND recipient IS NOT NULL
            GROUP BY sender, recipient, event_type
        )
        SELECT sender, recipient, sum(n)::BIGINT AS incidents, sum(reports)::BIGINT AS events
        FROM by_type
        GROUP BY sender, recipient
        ORDER BY incidents DESC, events DESC, sender, recipient
    """
    return _frame(con, sql, params)


def dyad_table(con: Cursor, f: Filters) -> pd.DataFrame:
    """One row per sender → recipient pair: incidents by type, reports, first/last date, and the offers'
    outcomes as a list of {outcome, n} (codes; the page labels them in its language)."""
    clause, params = where(f)
    sql = f"""
        WITH report AS (
            SELECT * FROM events {clause} AND sender IS NOT NULL AND recipient IS NOT NULL
        ),
        by_type AS (
            SELECT sender, recipient, event_type, count(DISTINCT incident_id) AS n, count(*) AS reports,
                   min(event_date) AS first_date, max(event_date) AS last_date
            FROM report
            GROUP BY sender, recipient, event_type
        ),
        base AS (
            SELECT sender, recipient,
                   sum(n)::BIGINT AS incidents,
                   sum(reports)::BIGINT AS reports,
                   coalesce(sum(n) FILTER (WHERE event_type = 'offer_aid'), 0)::BIGINT AS offers,
                   coalesce(sum(n) FILTER (WHERE event_type = 'provide_aid'), 0)::BIGINT AS deliveries,
                   coalesce(sum(n) FILTER (WHERE event_type = 'accept_aid'), 0)::BIGINT AS acceptances,
                   coalesce(sum(n) FILTER (WHERE event_type = 'decline_aid'), 0)::BIGINT
                       AS refusals_or_deferrals,
                   coalesce(sum(n) FILTER (WHERE event_type = 'express_gratitude'), 0)::BIGINT AS thanks,
                   coalesce(sum(n) FILTER (WHERE event_type NOT IN
                       ('offer_aid', 'provide_aid', 'accept_aid', 'decline_aid', 'express_gratitude')),
                       0)::BIGINT AS other,
                   min(first_date) AS first_date,
                   max(last_date) AS last_date
            FROM by_type
            GROUP BY sender, recipient
        ),
        outcomes AS (
            SELECT sender, recipient,
                   list(struct_pack(outcome, n) ORDER BY n DESC, outcome) AS outcomes
            FROM (
                SELECT i.sender, i.recipient, i.outcome, count(*) AS n
                FROM offer_incidents i
                WHERE i.incident_id IN (SELECT incident_id FROM report WHERE event_type = 'offer_aid')
                GROUP BY ALL
            ) GROUP BY sender, recipient
        )
        SELECT b.*, coalesce(o.outcomes, []) AS offer_outcomes
        FROM base b LEFT JOIN outcomes o USING (sender, recipient)
        ORDER BY b.incidents DESC, b.sender, b.recipient
    """
    return _frame(con, sql, params)


# ---------------------------------------------------------------- case comparison


def case_row(con: Cursor, case_id: str, lang: str = "en") -> dict[str, Any] | None:
    """One case from the cases table with its texts in `lang`, or None if the id is unknown."""
    cur = con.execute(f"SELECT {case_columns(lang)} FROM cases WHERE id = ?", [case_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def case_timeline(
    con: Cursor, case_ids: tuple[str, ...], f: Filters, limit: int = CASE_LIMIT
) -> pd.DataFrame:
    """Events of the given cases with days since onset (bounded), for the aligned timeline."""
    clause, params = where(f)
    sql = f"""
        SELECT case_id, event_id, event_date, day_offset, event_type, sender, sender_name, recipient,
               recipient_name, aid_type, certainty, evidence, outlet, is_summary
        FROM case_events {clause} AND list_contains(?::VARCHAR[], case_id)
        ORDER BY case_id, day_offset, event_id
        LIMIT ?
    """
    return _frame(con, sql, [*params, list(case_ids), int(limit)])


def count_case_events(con: Cursor, case_ids: tuple[str, ...], f: Filters) -> int:
    """Number of events inside the given cases' windows that match the filters."""
    clause, params = where(f)
    sql = f"SELECT count(*) FROM case_events {clause} AND list_contains(?::VARCHAR[], case_id)"
    return int(_one(con, sql, [*params, list(case_ids)])[0])


def case_metrics(con: Cursor, case_id: str, f: Filters) -> dict[str, Any]:
    """Metric cards for one case: days to first offer, offer incidents and sources, senders, aid provided,
    responses."""
    clause, params = where(f)
    sql = f"""
        WITH e AS (
            SELECT *, event_type = 'offer_aid' AS offer FROM case_events {clause} AND case_id = ?
        )
        SELECT min(day_offset) FILTER (WHERE offer AND day_offset >= 0),
               count(DISTINCT incident_id) FILTER (WHERE offer),
               count(DISTINCT outlet) FILTER (WHERE offer)
                   + count(DISTINCT article_id) FILTER (WHERE offer AND outlet IS NULL)
                   + count(*) FILTER (WHERE offer AND outlet IS NULL AND article_id IS NULL),
               count(DISTINCT sender) FILTER (WHERE offer),
               count(DISTINCT incident_id) FILTER (WHERE event_type = 'provide_aid'),
               count(DISTINCT incident_id) FILTER (WHERE list_contains(?::VARCHAR[], event_type)),
               count(DISTINCT incident_id),
               count(*)
        FROM e
    """
    row = _one(con, sql, [*params, case_id, list(RESPONSE_TYPES)])
    keys = (
        "days_to_first_offer",
        "offers",
        "offer_sources",
        "senders",
        "provided",
        "responses",
        "incidents",
        "events",
    )
    return dict(zip(keys, row, strict=True))


def case_points(con: Cursor, case_id: str, f: Filters, lang: str = "en") -> dict[str, Any]:
    """The facts of one case for the point-by-point table, aggregated from the case row (texts in `lang`)
    and its events. `focus_offers` lists each offer incident of the focus dyad with its status and the day
    of the answer: [{event_date, outcome, reply_date}], earliest first."""
    clause, params = where(f, prefix="e.")
    sql = f"""
        WITH c AS (SELECT {case_columns(lang)} FROM cases WHERE id = ?),
        e AS (SELECT e.* FROM case_events e {clause} AND e.case_id = ?),
        focus AS (
            SELECT e.* FROM e, c
            WHERE e.sender = c.focus_sender AND e.recipient = c.focus_recipient
        ),
        focus_offers AS (
            SELECT i.incident_id, i.event_date, i.outcome, i.reply_date FROM offer_incidents i
            WHERE i.incident_id IN (SELECT incident_id FROM focus WHERE event_type = 'offer_aid')
        ),
        first_report AS (
            SELECT incident_id, any_value(event_type) AS event_type, any_value(certainty) AS certainty,
                   arg_min(evidence, (event_date, event_id)) AS evidence, min(event_date) AS event_date
            FROM e GROUP BY incident_id
        )
        SELECT c.title, c.crisis, c.onset, c.onset_source, c.focus_sender, c.focus_recipient, c.context,
            (SELECT string_agg(DISTINCT event_type, ', ' ORDER BY event_type) FROM focus) AS channels,
            (SELECT string_agg(DISTINCT coalesce(aid_type, 'unspecified'), ', ' ORDER BY 1)
               FROM focus WHERE event_type IN ('offer_aid', 'provide_aid')) AS offered,
            (SELECT string_agg(DISTINCT outcome, ', ' ORDER BY outcome) FROM focus_offers) AS outcomes,
            (SELECT coalesce(list(struct_pack(event_date, outcome, reply_date)
                                  ORDER BY event_date NULLS LAST, incident_id), [])
               FROM focus_offers) AS focus_offers,
            (SELECT string_agg(DISTINCT event_type, ', ' ORDER BY event_type) FROM e
               WHERE e.sender = c.focus_recipient AND e.recipient = c.focus_sender) AS replies,
            (SELECT string_agg(evidence, ' | ' ORDER BY event_date, incident_id) FROM first_report
               WHERE event_type = 'sign_agreement') AS agreements,
            (SELECT string_agg(evidence, ' | ' ORDER BY event_date, event_id) FROM e
               WHERE e.certainty IN ('alleged', 'hinted')) AS alleged,
            (SELECT string_agg(DISTINCT sender, ', ' ORDER BY sender) FROM e
               WHERE e.event_type = 'offer_aid') AS offer_senders
        FROM c
    """
    cur = con.execute(sql, [case_id, *params, case_id])
    row = cur.fetchone()
    if row is None:
        return {}
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def roles(con: Cursor, case_ids: tuple[str, ...], f: Filters) -> pd.DataFrame:
    """For each case and actor: offer incidents made and received (shows role reversals)."""
    clause, params = where(f)
    sql = f"""
        WITH e AS (
            SELECT DISTINCT case_id, incident_id, sender, recipient FROM case_events {clause}
              AND list_contains(?::VARCHAR[], case_id) AND event_type = 'offer_aid'
        )
        SELECT case_id, actor, sum(given)::INTEGER AS given, sum(received)::INTEGER AS received
        FROM (
            SELECT case_id, sender AS actor, 1 AS given, 0 AS received FROM e WHERE sender IS NOT NULL
            UNION ALL
            SELECT case_id, recipient, 0, 1 FROM e WHERE recipient IS NOT NULL
        ) GROUP BY case_id, actor
        ORDER BY case_id, actor
    """
    return _frame(con, sql, [*params, list(case_ids)])


# ---------------------------------------------------------------- event explorer


def explorer_rows(con: Cursor, f: Filters, sort: str = "newest", limit: int = EXPLORER_LIMIT) -> pd.DataFrame:
    """The filtered reports as table rows (bounded, whitelisted order), each with its act's source count and,
    for an offer, its status and the day of the answer."""
    clause, params = where(f)
    order = identifier(sort, SORTS)
    sql = f"""
        WITH picked AS (
            SELECT * FROM events
            WHERE rowid IN (SELECT rowid FROM events {clause} ORDER BY {order} LIMIT ?)
        ),
        joined AS (
            SELECT {PICKED_COLUMNS}, i.n_outlets, {OFFER_STATUS} FROM picked p
            LEFT JOIN articles a ON a.id = p.article_id
            LEFT JOIN incidents i ON i.incident_id = p.incident_id
            LEFT JOIN offer_outcomes o ON o.event_id = p.event_id
        )
        SELECT * FROM joined ORDER BY {order}
    """
    return _frame(con, sql, [*params, int(limit)])


def review_rows(con: Cursor, f: Filters, limit: int = 200) -> pd.DataFrame:
    """Matching events flagged for review: undated or marked needs_review."""
    clause, params = where(f)
    sql = f"""
        WITH picked AS (
            SELECT * FROM events WHERE rowid IN (
                SELECT rowid FROM events {clause} AND (event_date IS NULL OR needs_review)
                ORDER BY event_date NULLS FIRST, event_id LIMIT ?
            )
        )
        SELECT {PICKED_COLUMNS} FROM picked p LEFT JOIN articles a ON a.id = p.article_id
        ORDER BY p.event_date NULLS FIRST, p.event_id
    """
    return _frame(con, sql, [*params, int(limit)])


def export_sql(f: Filters) -> tuple[str, list[Any]]:
    """The SELECT behind the CSV download: exactly the filtered rows, in the table's order, each offer with
    its status (`outcome`) and the day of the answer (`reply_date`)."""
    clause, params = where(f)
    sql = f"""
        SELECT {EXPORT_COLUMNS}, {OFFER_STATUS}
        FROM (SELECT * FROM event_details {clause}) p
        LEFT JOIN offer_outcomes o USING (event_id)
        ORDER BY {SORTS["newest"]}
    """
    return sql, params


def events_csv(con: Cursor, f: Filters) -> bytes:
    """CSV bytes of every event matching the filters (streamed through Arrow, not pandas)."""
    sql, params = export_sql(f)
    table = con.sql(sql, params=params).to_arrow_table()
    out = io.BytesIO()
    pacsv.write_csv(table, out)
    return out.getvalue()


# ---------------------------------------------------------------- review queue, report sources, exports

REVIEW_CONFIDENCE = 0.6  # below this the extraction's own confidence asks for a second look
REVIEW_CERTAINTIES = ("alleged", "hinted", "conditional", "reported")
REVIEW_LIMIT = 50  # a batch an analyst works through; each one is drawn with its evidence and three lines


def _review_clause(f: Filters, max_confidence: float) -> tuple[str, list[Any]]:
    """WHERE clause and parameters of the events an analyst should check (undated, doubtful, hedged)."""
    clause, params = where(f)
    wanted = """ AND (event_date IS NULL OR needs_review OR confidence < ?
                     OR list_contains(?::VARCHAR[], certainty))"""
    return clause + wanted, [*params, float(max_confidence), list(REVIEW_CERTAINTIES)]


def count_review(con: Cursor, f: Filters, max_confidence: float = REVIEW_CONFIDENCE) -> int:
    """Number of matching events in the review queue."""
    clause, params = _review_clause(f, max_confidence)
    return int(_one(con, f"SELECT count(*) FROM events {clause}", params)[0])


def review_queue(
    con: Cursor, f: Filters, max_confidence: float = REVIEW_CONFIDENCE, limit: int = REVIEW_LIMIT
) -> pd.DataFrame:
    """The review queue: undated first, then alleged/hinted/conditional, low confidence, reported."""
    clause, params = _review_clause(f, max_confidence)
    order = """CASE WHEN event_date IS NULL OR needs_review THEN 0
                    WHEN certainty IN ('alleged', 'hinted', 'conditional') THEN 1
                    WHEN confidence < ? THEN 2 ELSE 3 END,
               event_date DESC NULLS FIRST, event_id"""
    sql = f"""
        WITH picked AS (SELECT * FROM events {clause} ORDER BY {order} LIMIT ?)
        SELECT {PICKED_COLUMNS}, p.article_id, a.published
        FROM picked p LEFT JOIN articles a ON a.id = p.article_id
        ORDER BY {order}
    """
    return _frame(con, sql, [*params, float(max_confidence), int(limit), float(max_confidence)])


def case_sources(con: Cursor, case_ids: tuple[str, ...], f: Filters, limit: int = CASE_LIMIT) -> pd.DataFrame:
    """Every report inside the cases' windows with its source link, for the comparison report."""
    clause, params = where(f)
    sql = f"""
        SELECT case_id, event_date, event_type, sender, recipient, certainty, outlet, article_title,
               is_summary, source, source_url, evidence
        FROM case_events {clause} AND list_contains(?::VARCHAR[], case_id)
        ORDER BY case_id, event_date, event_id
        LIMIT ?
    """
    return _frame(con, sql, [*params, list(case_ids), int(limit)])


def events_export(con: Cursor, f: Filters, limit: int = 1_048_575) -> pd.DataFrame:
    """The CSV download's rows and columns as a frame (for the Excel download), at most `limit` rows."""
    sql, params = export_sql(f)
    return _frame(con, f"{sql} LIMIT ?", [*params, int(limit)])


# ---------------------------------------------------------------- what the last build added

NEW_INCIDENTS = """
    WITH touched AS (
        SELECT DISTINCT e.incident_id FROM new_events n JOIN events e ON e.event_id = n.event_id
    ), fresh AS (  -- incidents all of whose reports are new: none was in the replaced build
        SELECT t.incident_id FROM touched t
        WHERE NOT EXISTS (
            SELECT 1 FROM events o ANTI JOIN new_events n ON n.event_id = o.event_id
            WHERE o.incident_id = t.incident_id
        )
    )
"""


def new_since_previous_build(con: Cursor, limit: int = 10) -> dict[str, Any] | None:
    """Incidents the last build added, with when the build it replaced was made; None without one.

    Returns {"since", "count", "incidents"}: one row per new incident (its earliest report with a source
    link first), newest first, at most `limit`. None for a first build or a database built before
    builds recorded what they added.
    """
    try:
        since = con.execute("SELECT finished FROM previous_build").fetchone()
    except duckdb.CatalogException:
        return None
    if since is None:
        return None
    total = _one(con, f"{NEW_INCIDENTS} SELECT count(*) FROM fresh")[0]
    rows = _frame(
        con,
        f"""{NEW_INCIDENTS}
        SELECT d.incident_id, d.event_date, d.event_type, d.sender, d.recipient, d.sender_name,
               d.recipient_name, d.outlet,
               d.source_url
        FROM event_details d JOIN fresh USING (incident_id)
        QUALIFY row_number() OVER (
            PARTITION BY d.incident_id ORDER BY d.source_url IS NULL, d.event_date NULLS LAST, d.event_id
        ) = 1
        ORDER BY d.event_date DESC NULLS LAST, d.incident_id
        LIMIT ?
        """,
        [int(limit)],
    )
    return {"since": since[0], "count": int(total), "incidents": rows}
