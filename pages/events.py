"""Event explorer: a searchable table of the filtered reports, one event's detail, review flags, downloads."""

import streamlit as st

from dashboard import db, export, queries, review, tables, ui

ctx = ui.context()
tx = ctx.tx
SORTS = ("newest", "oldest", "sender", "type")
COLUMNS = (
    "flag",
    "event_date",
    "event_type",
    "sender",
    "recipient",
    "status",
    "aid_type",
    "certainty",
    "evidence",
    "evidence_kind",
    "reported_by",
    "outlet",
    "source_url",
)

st.title(tx("common.nav.events"))
page_opts = ui.validated_page_params("events", {"sort": list(SORTS)})
ui.show_link_warning("events")

left, right = st.columns([3, 1])
with left:
    q = st.text_input(
        tx("events.search.label"),
        key="q",
        bind="query-params",
        placeholder=tx("events.search.placeholder"),
        max_chars=200,
    )
with right:
    sort = ui.url_choice(
        st.selectbox,
        tx("events.sort.label"),
        list(SORTS),
        "sort",
        "newest",
        page_opts.get("sort"),
        format_func=lambda s: tx(f"events.sort.{s}"),
    )
f = ui.filters_with_search(ctx.filters, q or "")

n = db.fetch(ctx.db_path, queries.count_events, f)
ui.match_count(n)
if n == 0:
    ui.empty_state(tx("events.widen"))
    ui.stop()

rows = db.fetch(ctx.db_path, queries.explorer_rows, f, sort, queries.EXPLORER_LIMIT)
if n > len(rows):
    st.caption(tx("events.first_rows", shown=tx.number(len(rows)), n=n))
table = tables.explorer_table(rows, ctx.names, tx)
picked = st.dataframe(
    table[list(COLUMNS)],
    hide_index=True,
    placeholder="—",
    key="events_table",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "flag": tx("events.columns.flag"),
        # ISO dates: the same in both languages, and the grid sorts them as dates
        "event_date": st.column_config.DateColumn(tx("common.evidence.date"), format="YYYY-MM-DD"),
        "event_type": tx("events.columns.type"),
        "sender": tx("events.columns.sender"),
        "recipient": tx("events.columns.recipient"),
        "status": st.column_config.TextColumn(
            tx("events.columns.status"), help=tx("events.columns.status_help")
        ),
        "aid_type": tx("common.evidence.aid"),
        "certainty": tx("common.evidence.certainty"),
        "evidence": st.column_config.TextColumn(tx("events.columns.evidence"), width="large"),
        "evidence_kind": tx("events.columns.evidence_kind"),
        "reported_by": st.column_config.TextColumn(
            tx("events.columns.reported_by"), help=tx("events.columns.reported_by_help")
        ),
        "outlet": tx("events.columns.outlet"),
        "source_url": st.column_config.LinkColumn(
            tx("events.columns.source"), display_text=tx("events.columns.open")
        ),
    },
)

with st.container(horizontal=True):
    st.download_button(
        tx("events.download.csv", n=n),
        data=lambda: db.fetch_uncached(ctx.db_path, queries.events_csv, f),
        file_name="aid-events.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        help=tx("events.download.help"),
    )
    st.download_button(
        tx("events.download.excel", n=n)
        + (
            tx("events.download.excel_cut", shown=tx.number(export.EXCEL_MAX_ROWS))
            if n > export.EXCEL_MAX_ROWS
            else ""
        ),
        data=lambda: export.excel_bytes(
            db.fetch_uncached(ctx.db_path, queries.events_export, f, export.EXCEL_MAX_ROWS)
        ),
        file_name="aid-events.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        help=tx("events.download.help"),
    )

selected = picked.selection.rows if picked and picked.selection else []
if selected:
    detail = db.fetch(ctx.db_path, queries.event_detail, str(rows.iloc[selected[0]]["event_id"]))
    if detail:
        with st.container(border=True):
            ui.evidence_block(detail, ctx.names)
            st.caption(
                tx(
                    "events.detail.reports",
                    reported_by=tables.reported_by(detail["n_outlets"], tx),
                    reports=tx("events.detail.n_reports", n=int(detail["n_reports"] or 0)),
                )
            )
            for sentence in tables.other_mentions(detail):
                st.caption(tx("events.detail.also", sentence=ui.safe_text(sentence, 400)))
else:
    st.info(tx("events.select_hint"))

flagged = db.fetch(ctx.db_path, queries.review_rows, f, 200)
if not flagged.empty:
    st.subheader(tx("events.review.heading", n=len(flagged)))
    st.caption(tx("events.review.caption"))
    st.dataframe(
        review.flagged_table(flagged, ctx.names, tx),
        hide_index=True,
        placeholder="—",
        column_order=(
            "event_id",
            "event_type",
            "sender",
            "recipient",
            "evidence",
            "outlet",
            "date_precision",
        ),
        column_config={
            "event_id": st.column_config.TextColumn(
                tx("events.review.event_id"), help=tx("events.review.event_id_help")
            ),
            "event_type": tx("events.columns.type"),
            "sender": tx("events.columns.sender"),
            "recipient": tx("events.columns.recipient"),
            "evidence": st.column_config.TextColumn(tx("events.columns.evidence"), width="large"),
            "outlet": tx("events.columns.outlet"),
            "date_precision": tx("common.evidence.precision"),
        },
    )
