"""Case comparison: two crises side by side, aligned on days since onset, with North Korea's role reversal."""

import pandas as pd
import streamlit as st

from dashboard import charts, db, export, queries, report, ui
from dashboard.filters import aid_label, country_label, describe, type_label

ctx = ui.context()
f = ctx.filters
DEFAULTS = ("prk-chn-2020", "rus-prk-2024")
ROLE_CHARTS = 4  # role-reversal charts drawn (busiest first); the rest are named in a caption

st.title("Case comparison")
cases = db.fetch(ctx.db_path, queries.cases)
ids = list(cases["id"])
page_opts = ui.validated_page_params("compare", {"a": ids, "b": ids})
ui.show_link_warning("compare")
if len(ids) < 2:
    st.info("Two cases are needed. Add [[case]] tables to data/cases.toml and rebuild the database.")
    st.stop()

titles = dict(zip(cases["id"], cases["title"], strict=True))
default_a = DEFAULTS[0] if DEFAULTS[0] in ids else ids[0]
left, right = st.columns(2)
with left:
    a = ui.url_choice(st.selectbox, "Case A", ids, "a", default_a, page_opts.get("a"), format_func=titles.get)
default_b = DEFAULTS[1] if DEFAULTS[1] in ids and DEFAULTS[1] != a else next(i for i in ids if i != a)
with right:
    b = ui.url_choice(st.selectbox, "Case B", ids, "b", default_b, page_opts.get("b"), format_func=titles.get)
pair = (a, b) if a != b else (a,)

n = db.fetch(ctx.db_path, queries.count_case_events, pair, f)
ui.match_count(n, what="inside the two cases' windows")
if a == b:
    st.warning("Case A and case B are the same case; pick two different cases to compare.")


def label(code: object) -> str:
    """Country label for a code in this page's tables."""
    return country_label(str(code), ctx.names) if code else "—"


def days(value: object) -> str:
    """Days from onset to the first offer, as shown on a metric card."""
    return "no offer" if value is None or pd.isna(value) else f"{int(value)} days"


cols = st.columns(2)
for col, case_id in zip(cols, pair, strict=False):
    case = db.fetch(ctx.db_path, queries.case_row, case_id) or {}
    m = db.fetch(ctx.db_path, queries.case_metrics, case_id, f)
    with col.container(border=True):
        st.markdown(f"### {ui.safe_text(case.get('title'))}")
        source = ui.safe_text(case.get("onset_source"), 160)
        st.caption(f"{ui.safe_text(case.get('crisis'))} · onset {case['onset']:%d %b %Y} · {source}")
        c1, c2, c3, c4 = st.columns(4)
        c1.metric(
            "Days to 1st offer",
            days(m["days_to_first_offer"]),
            help="Days from the crisis onset to the first offer of aid",
        )
        c2.metric(
            "Offers",
            int(m["offers"]),
            help="Offer incidents: an offer reported by several sources counts once",
        )
        c3.metric("Distinct senders", int(m["senders"]))
        c4.metric("Responses", int(m["responses"]), help="Acceptance, refusal, deferral and thanks incidents")
        st.caption(
            f"{int(m['offers'])} offer incident(s), reported by {int(m['offer_sources'])} source(s); "
            f"{int(m['incidents'])} incidents from {int(m['events'])} reports in the window."
        )

if n == 0:
    ui.empty_state("or pick other cases")
    st.stop()

st.subheader("Aligned timeline: days since the crisis onset")
events = db.fetch(ctx.db_path, queries.case_timeline, pair, f, queries.CASE_LIMIT)
st.plotly_chart(
    charts.compare_figure(events, titles=titles, colors=ctx.colors, names=ctx.names),
    key="compare_chart",
    theme=None,
    config=export.chart_config("case comparison " + " vs ".join(pair), f),
)

roles = db.fetch(ctx.db_path, queries.roles, pair, f)
flips = charts.pivot_actors(roles, pair)
if flips:
    st.subheader("Role reversal")
    if len(flips) > ROLE_CHARTS:
        others = ui.safe_text(", ".join(label(a) for a in flips[ROLE_CHARTS:]), 600)
        st.caption(
            f"The {ROLE_CHARTS} busiest of {len(flips)} actors that switch roles; the others: {others}."
        )
    for actor in flips[:ROLE_CHARTS]:
        part = roles[roles["actor"] == actor].set_index("case_id")
        said = [
            f"{'giver' if part.loc[c, 'given'] >= part.loc[c, 'received'] else 'receiver'} in {titles[c]}"
            for c in pair
            if c in part.index
        ]
        st.markdown(
            f"**{ui.safe_text(label(actor))}** is the " + ui.safe_text(", and the ".join(said), 400) + "."
        )
        st.plotly_chart(
            charts.roles_figure(roles, actor, titles=titles, names=ctx.names),
            key=f"roles_{actor}",
            theme=None,
            config=export.chart_config(f"role reversal {actor} " + " vs ".join(pair), f),
        )


def point_column(case_id: str) -> list[str]:
    """The point-by-point values of one case, from the case row and its aggregated events."""
    p = db.fetch(ctx.db_path, queries.case_points, case_id, f)
    types = lambda s: ", ".join(type_label(t.strip()) for t in s.split(",")) if s else "—"  # noqa: E731
    aids = ", ".join(aid_label(x.strip()) for x in (p.get("offered") or "").split(",") if x.strip()) or "—"
    senders = (
        ", ".join(label(x.strip()) for x in (p.get("offer_senders") or "").split(",") if x.strip()) or "—"
    )
    return [
        p.get("crisis") or "—",
        f"{label(p.get('focus_sender'))} → {label(p.get('focus_recipient'))}",
        label(p.get("focus_sender")),
        label(p.get("focus_recipient")),
        types(p.get("channels")),
        aids,
        p.get("outcomes") or "no offer recorded",
        types(p.get("replies")),
        senders,
        p.get("agreements") or "—",
        p.get("alleged") or "—",
        p.get("context") or "—",
    ]


ROWS = [
    "Crisis",
    "Direction",
    "Sender",
    "Recipient",
    "Channel (contacts sender → recipient)",
    "What was offered",
    "Response to the offer",
    "Recipient's replies",
    "All senders of offers",
    "Agreements in the window",
    "Alleged or hinted",
    "Context",
]
st.subheader("Point by point")
table = pd.DataFrame({"": ROWS, **{titles[c]: point_column(c) for c in pair}})
st.dataframe(
    table, hide_index=True, row_height=60, column_config={"": st.column_config.TextColumn(width="small")}
)
st.caption(
    "Built from the cases file and the events inside each case's window; nothing here is typed by hand."
)
st.download_button(
    "Download this comparison as an HTML report",
    data=lambda: report.compare_html(
        report.CompareView(
            titles={c: titles[c] for c in pair},
            filters=describe(f, ctx.names),
            data_as_of=db.fetch(ctx.db_path, queries.data_as_of),
            metrics={c: db.fetch(ctx.db_path, queries.case_metrics, c, f) for c in pair},
            events=events,
            roles=roles,
            flips=flips[:ROLE_CHARTS],
            points=table,
            sources=db.fetch(ctx.db_path, queries.case_sources, pair, f, queries.CASE_LIMIT),
            colors=ctx.colors,
            names=ctx.names,
        )
    ),
    file_name=export.file_name("case comparison " + " vs ".join(pair), f) + ".html",
    mime="text/html",
    icon=":material/download:",
    on_click="ignore",
    help="One HTML file with the charts, the point-by-point table, the filters and every source link; "
    "it opens from disk without a network connection.",
)
