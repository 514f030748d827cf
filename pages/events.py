"""Event explorer: a filterable, searchable table, one event's detail, review flags and a CSV download."""

import streamlit as st

from dashboard import db, export, queries, tables, ui

ctx = ui.context()
SORTS = {"newest": "Newest first", "oldest": "Oldest first", "sender": "By sender", "type": "By event type"}

st.title("Event explorer")
page_opts = ui.validated_page_params("events", {"sort": list(SORTS)})
ui.show_link_warning("events")

left, right = st.columns([3, 1])
with left:
    q = st.text_input(
        "Search the evidence text",
        key="q",
        bind="query-params",
        placeholder="e.g. flood, letter, vaccine",
        max_chars=200,
    )
with right:
    sort = ui.url_choice(
        st.selectbox, "Order", list(SORTS), "sort", "newest", page_opts.get("sort"), format_func=SORTS.get
    )
f = ui.filters_with_search(ctx.filters, q or "")

n = db.fetch(ctx.db_path, queries.count_events, f)
ui.match_count(n)
if n == 0:
    ui.empty_state("or clear the search text")
    st.stop()

rows = db.fetch(ctx.db_path, queries.explorer_rows, f, sort, queries.EXPLORER_LIMIT)
if n > len(rows):
    st.caption(f"Showing the first {len(rows)} of {n} rows; the CSV download has all {n}.")
table = tables.explorer_table(rows, ctx.names)
picked = st.dataframe(
    table[
        [
            "flag",
            "event_date",
            "event_type",
            "sender",
            "recipient",
            "aid_type",
            "certainty",
            "evidence",
            "evidence_kind",
            "reported_by",
            "outlet",
            "source_url",
        ]
    ],
    hide_index=True,
    key="events_table",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "flag": st.column_config.TextColumn("Review", width="small"),
        "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
        "event_type": "Type",
        "sender": "Sender",
        "recipient": "Recipient",
        "aid_type": "Aid",
        "certainty": "Certainty",
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "evidence_kind": "Evidence is",
        "reported_by": st.column_config.TextColumn(
            "Act", help="How many sources reported this act (incident)"
        ),
        "outlet": "Outlet",
        "source_url": st.column_config.LinkColumn("Source", display_text="open"),
    },
)

with st.container(horizontal=True):
    st.download_button(
        f"Download these {n} events as CSV",
        data=lambda: db.fetch_uncached(ctx.db_path, queries.events_csv, f),
        file_name="aid-events.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    st.download_button(
        f"Download these {n} events as Excel"
        + (f" (the first {export.EXCEL_MAX_ROWS:,}; the CSV has all)" if n > export.EXCEL_MAX_ROWS else ""),
        data=lambda: export.excel_bytes(
            db.fetch_uncached(ctx.db_path, queries.events_export, f, export.EXCEL_MAX_ROWS)
        ),
        file_name="aid-events.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
    )

selected = picked.selection.rows if picked and picked.selection else []
if selected:
    detail = db.fetch(ctx.db_path, queries.event_detail, str(rows.iloc[selected[0]]["event_id"]))
    if detail:
        with st.container(border=True):
            ui.evidence_block(detail, ctx.names)
            st.caption(
                f"This act was {tables.reported_by(detail['n_outlets'])} in {detail['n_reports']} report(s); "
                "the table lists every report separately."
            )
            for sentence in tables.other_mentions(detail):
                st.caption(f"Also in this report: {ui.safe_text(sentence, 400)}")
else:
    st.info(
        "Select a row (the box at its left) to see the event's evidence, source link, "
        "date precision and certainty."
    )

review = db.fetch(ctx.db_path, queries.review_rows, f, 200)
if not review.empty:
    st.subheader(f"Flagged for review ({len(review)})")
    st.caption("Undated events or events the ETL marked for a second look; fix them with an annotation.")
    st.dataframe(
        review[["event_id", "event_type", "sender", "recipient", "evidence", "outlet", "date_precision"]],
        hide_index=True,
    )
