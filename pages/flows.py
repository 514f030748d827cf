"""Sender → recipient: a Sankey of who reaches out to whom, a matrix heatmap and a table of pairs, counting
all acts, offers, aid provided or responses (an offer is not a delivery)."""

import streamlit as st

from dashboard import charts, db, export, queries, tables, ui
from dashboard.filters import RESPONSE_TYPES

ctx = ui.context()
tx = ctx.tx
# count= in the link -> the event types it counts (none: every type)
COUNTS: dict[str, tuple[str, ...]] = {
    "all": (),
    "offers": ("offer_aid",),
    "provided": ("provide_aid",),
    "responses": RESPONSE_TYPES,
}
# the pair table's counts that mean something for each choice (an offer is not a delivery)
COLUMNS: dict[str, tuple[str, ...]] = {
    "all": (
        "incidents",
        "offers",
        "offer_outcomes",
        "deliveries",
        "acceptances",
        "refusals_or_deferrals",
        "thanks",
        "other",
    ),
    "offers": ("offers", "offer_outcomes"),
    "provided": ("deliveries",),
    "responses": ("incidents", "acceptances", "refusals_or_deferrals", "thanks"),
}

st.title(tx("common.nav.flows"))
page_opts = ui.validated_page_params("flows", {"count": list(COUNTS)})
ui.show_link_warning("flows")

count = ui.url_choice(
    st.segmented_control,
    tx("flows.count_label"),
    list(COUNTS),
    "count",
    "all",
    page_opts.get("count"),
    format_func=lambda k: tx(f"flows.count.{k}"),
    required=True,
    help=tx("flows.count_help"),
)
wanted = COUNTS[count]
f = ctx.filters
if wanted:
    f = f.with_types([t for t in wanted if not f.types or t in f.types] or ["__none__"])

links = db.fetch(ctx.db_path, queries.flow_links, f)
ui.match_count(int(links["events"].sum()) if not links.empty else 0)
if links.empty:
    st.caption(tx(f"flows.counted.{count}"))
    if ctx.present:  # no sidebar and no chart: the filters and the data date on the page
        st.caption(ui.safe_text(ctx.note, 400))
    ui.empty_state(tx("flows.widen", all=tx("flows.count.all")))
    ui.stop()
narrowed = f" {tx('flows.narrowed')}" if ctx.filters.types and not ctx.present else ""
st.caption(
    f"{tx(f'flows.counted.{count}')} {tx('flows.incidents', n=int(links['incidents'].sum()))}{narrowed}"
)

counted = tx(f"flows.file_counted.{count}")
st.subheader(tx("flows.sankey"))
st.plotly_chart(
    charts.sankey_figure(
        links,
        colors=ctx.colors,
        names=ctx.names,
        value="incidents",
        tx=tx,
        note=ctx.note,
        present=ctx.present,
    ),
    key="sankey",
    theme=None,
    config=export.chart_config(tx("flows.file.sankey", counted=counted), f, tx),
)
st.subheader(tx("flows.matrix"))
st.plotly_chart(
    charts.heatmap_figure(
        links, names=ctx.names, value="incidents", tx=tx, note=ctx.note, present=ctx.present
    ),
    key="heatmap",
    theme=None,
    config=export.chart_config(tx("flows.file.matrix", counted=counted), f, tx),
)

st.subheader(tx("flows.dyads"))
dyads = db.fetch(ctx.db_path, queries.dyad_table, f)
st.dataframe(
    tables.dyads_table(dyads, ctx.names, tx),
    hide_index=True,
    column_order=("sender", "recipient", *COLUMNS[count], "first_date", "last_date"),
    column_config={
        "sender": tx("flows.columns.sender"),
        "recipient": tx("flows.columns.recipient"),
        "incidents": st.column_config.NumberColumn(
            tx("flows.columns.incidents"), help=tx("flows.columns.incidents_help")
        ),
        "offers": tx("flows.columns.offers"),
        "offer_outcomes": st.column_config.TextColumn(
            tx("flows.columns.offer_outcomes"), help=tx("flows.columns.offer_outcomes_help"), width="large"
        ),
        "deliveries": tx("flows.columns.provided"),
        "acceptances": tx("flows.columns.accepted"),
        "refusals_or_deferrals": tx("flows.columns.refused"),
        "thanks": tx("flows.columns.thanks"),
        "other": tx("flows.columns.other"),
        "first_date": st.column_config.DateColumn(tx("flows.columns.first"), format="YYYY-MM-DD"),
        "last_date": st.column_config.DateColumn(tx("flows.columns.last"), format="YYYY-MM-DD"),
    },
)
