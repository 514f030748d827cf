"""Timeline of offers: events on a time axis by sender or recipient, offers linked to their responses."""

import streamlit as st

from dashboard import charts, db, export, queries, ui

ctx = ui.context()
f = ctx.filters
LANES = {"sender": "By sender", "recipient": "By recipient"}
SIZES = {"fixed": "Same size", "mentions": "GDELT mentions"}

st.title("Timeline of offers")
page_opts = ui.validated_page_params("timeline", {"lane": list(LANES), "size": list(SIZES)})
ui.show_link_warning("timeline")

left, right = st.columns(2)
with left:
    lane = ui.url_choice(
        st.segmented_control,
        "Lanes",
        list(LANES),
        "lane",
        "sender",
        page_opts.get("lane"),
        format_func=LANES.get,
        required=True,
    )
with right:
    size = ui.url_choice(
        st.segmented_control,
        "Marker size",
        list(SIZES),
        "size",
        "fixed",
        page_opts.get("size"),
        format_func=SIZES.get,
        required=True,
        help="GDELT mentions: marker area follows how often GDELT saw the event in the news.",
    )

n = db.fetch(ctx.db_path, queries.count_dated, f)
undated = db.fetch(ctx.db_path, queries.count_events, f) - n
ui.match_count(n)
if undated:
    st.caption(f"{undated} undated event(s) cannot be placed on the time axis; see the Event explorer.")
if n == 0:
    ui.empty_state()
    st.stop()

events = db.fetch(ctx.db_path, queries.timeline_events, f, queries.TIMELINE_LIMIT)
if n > len(events):
    st.caption(f"Showing the latest {len(events)} of {n} events; narrow the dates to see the rest.")
onsets = db.fetch(ctx.db_path, queries.cases)
fig = charts.timeline_figure(events, lane=lane, colors=ctx.colors, names=ctx.names, onsets=onsets, size=size)
sized = "; marker area = GDELT mentions (a report of ours counts one)" if size == "mentions" else ""
st.caption(
    f"Colour = sender, symbol = event type{sized}; dotted lines join an offer to its response. "
    "Red dashed lines mark crisis onsets of the reference cases. Click a point for its evidence."
)
chosen = st.plotly_chart(
    fig,
    key="timeline_chart",
    on_select="rerun",
    selection_mode="points",
    theme=None,
    config=export.chart_config(f"timeline of offers by {lane}", f),
)

points = chosen.selection.points if chosen and chosen.selection else []
ids = [p["customdata"][0] for p in points if p.get("customdata")]
if ids:
    detail = db.fetch(ctx.db_path, queries.event_detail, str(ids[0]))
    if detail:
        with st.container(border=True):
            ui.evidence_block(detail, ctx.names)
else:
    st.info("Click a point on the timeline to see its evidence, source link, date precision and certainty.")
