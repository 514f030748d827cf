"""Timeline of offers: events on a time axis by sender or recipient, offers linked to their responses."""

import streamlit as st

from dashboard import charts, db, export, queries, ui

ctx = ui.context()
tx = ctx.tx
f = ctx.filters
LANES = ("sender", "recipient")
SIZES = ("fixed", "mentions")

st.title(tx("common.nav.timeline"))
page_opts = ui.validated_page_params("timeline", {"lane": list(LANES), "size": list(SIZES)})
ui.show_link_warning("timeline")

left, right = st.columns(2)
with left:
    lane = ui.url_choice(
        st.segmented_control,
        tx("timeline.lanes"),
        list(LANES),
        "lane",
        "sender",
        page_opts.get("lane"),
        format_func=lambda k: tx(f"timeline.lane.{k}"),
        required=True,
    )
with right:
    size = ui.url_choice(
        st.segmented_control,
        tx("timeline.size"),
        list(SIZES),
        "size",
        "fixed",
        page_opts.get("size"),
        format_func=lambda k: tx(f"timeline.marker.{k}"),
        required=True,
        help=tx("timeline.size_help"),
    )

n = db.fetch(ctx.db_path, queries.count_dated, f)
undated = db.fetch(ctx.db_path, queries.count_events, f) - n
ui.match_count(n)
if undated:
    st.caption(tx("timeline.undated", n=undated))
if undated and not ctx.present:  # presenting, the chart keeps the screen
    st.page_link(
        "pages/events.py",
        label=tx("timeline.to_explorer"),
        icon=":material/search:",
        query_params=ui.share_params(),
    )
if n == 0:
    if ctx.present:  # no sidebar and no chart: the filters and the data date on the page
        st.caption(ui.safe_text(ctx.note, 400))
    ui.empty_state()
    ui.stop()

events = db.fetch(ctx.db_path, queries.timeline_events, f, queries.TIMELINE_LIMIT)
if n > len(events):
    st.caption(tx("timeline.capped", shown=tx.number(len(events)), total=tx.number(n)))
onsets = db.fetch(ctx.db_path, queries.cases, tx.lang)
fig = charts.timeline_figure(
    events,
    lane=lane,
    colors=ctx.colors,
    names=ctx.names,
    onsets=onsets,
    size=size,
    tx=tx,
    note=ctx.note,
    present=ctx.present,
)
sized = tx("timeline.key_sized") if size == "mentions" else ""
st.caption(tx("timeline.key", sized=sized))
chosen = st.plotly_chart(
    fig,
    key="timeline_chart",
    on_select="rerun",
    selection_mode="points",
    theme=None,
    config=export.chart_config(tx(f"timeline.file.{lane}"), f, tx),
)

points = chosen.selection.points if chosen and chosen.selection else []
ids = [p["customdata"][0] for p in points if p.get("customdata")]
if ids:
    detail = db.fetch(ctx.db_path, queries.event_detail, str(ids[0]))
    if detail:
        with st.container(border=True):
            ui.evidence_block(detail, ctx.names)
else:
    st.info(tx("timeline.click"))
