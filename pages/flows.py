"""Sender → recipient: a Sankey of who offers to whom, a matrix heatmap and a dyad table."""

import streamlit as st

from dashboard import charts, db, export, queries, tables, ui
from dashboard.filters import RESPONSE_TYPES

ctx = ui.context()
COUNTS = {
    "all": ("All events", ()),
    "offers": ("Offers only", ("offer_aid",)),
    "aid": ("Offers and deliveries", ("offer_aid", "provide_aid")),
    "responses": ("Responses only", RESPONSE_TYPES),
}

st.title("Sender → recipient")
page_opts = ui.validated_page_params("flows", {"count": list(COUNTS)})
ui.show_link_warning("flows")

count = ui.url_choice(
    st.segmented_control,
    "Which events count",
    list(COUNTS),
    "count",
    "all",
    page_opts.get("count"),
    format_func=lambda k: COUNTS[k][0],
    required=True,
)
wanted = COUNTS[count][1]
f = ctx.filters
if wanted:
    f = f.with_types([t for t in wanted if not f.types or t in f.types] or ["__none__"])

links = db.fetch(ctx.db_path, queries.flow_links, f)
ui.match_count(int(links["events"].sum()) if not links.empty else 0)
if links.empty:
    ui.empty_state("or choose *All events* above")
    st.stop()
st.caption(
    f"{int(links['incidents'].sum())} incidents with both a sender and a recipient: an act counts once "
    "however many sources reported it. The sidebar's event types narrow this further."
)

st.subheader("Who reaches out to whom")
st.plotly_chart(
    charts.sankey_figure(links, colors=ctx.colors, names=ctx.names, value="incidents"),
    key="sankey",
    theme=None,
    config=export.chart_config("sender-recipient sankey", f),
)
st.subheader("Sender × recipient matrix")
st.plotly_chart(
    charts.heatmap_figure(links, names=ctx.names, value="incidents"),
    key="heatmap",
    theme=None,
    config=export.chart_config("sender-recipient matrix", f),
)

st.subheader("Dyads")
dyads = db.fetch(ctx.db_path, queries.dyad_table, f)
st.dataframe(
    tables.dyads_table(dyads, ctx.names),
    hide_index=True,
    column_order=(
        "sender",
        "recipient",
        "incidents",
        "offers",
        "offer_outcomes",
        "deliveries",
        "acceptances",
        "refusals_or_deferrals",
        "thanks",
        "other",
        "first_date",
        "last_date",
    ),
    column_config={
        "sender": "Sender",
        "recipient": "Recipient",
        "incidents": st.column_config.NumberColumn("Incidents", help="Acts, each counted once"),
        "offers": "Offers",
        "offer_outcomes": st.column_config.TextColumn("Outcome of offers", width="medium"),
        "deliveries": "Deliveries",
        "acceptances": "Accepted",
        "refusals_or_deferrals": "Refused/deferred",
        "thanks": "Thanks",
        "other": "Other",
        "first_date": st.column_config.DateColumn("First", format="YYYY-MM-DD"),
        "last_date": st.column_config.DateColumn("Last", format="YYYY-MM-DD"),
    },
)
