"""Case comparison: two crises side by side, aligned on days since onset, with North Korea's role reversal."""

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import charts, db, export, queries, report, tables, ui
from dashboard.filters import country_label, describe

ctx = ui.context()
tx = ctx.tx
f = ctx.filters
DEFAULTS = ("prk-chn-2020", "rus-prk-2024")
ROLE_CHARTS = 4  # role-reversal charts drawn (busiest first); the rest are named in a caption
# Each case card's metrics, two to a row: offers beside aid provided (an offer is not a delivery).
METRICS = (("offers", "provided"), ("first_offer", "responses"))
POINTS = (
    "crisis",
    "onset",
    "direction",
    "sender",
    "recipient",
    "channel",
    "offered",
    "status",
    "replies",
    "senders",
    "agreements",
    "alleged",
    "context",
)

st.title(tx("common.nav.compare"))
cases = db.fetch(ctx.db_path, queries.cases, tx.lang)
ids = list(cases["id"])
page_opts = ui.validated_page_params("compare", {"a": ids, "b": ids})
ui.show_link_warning("compare")
if len(ids) < 2:
    st.info(tx("compare.need_two"))
    ui.stop()

titles = dict(zip(cases["id"], cases["title"], strict=True))
default_a = DEFAULTS[0] if DEFAULTS[0] in ids else ids[0]
left, right = st.columns(2)
with left:
    a = ui.url_choice(
        st.selectbox, tx("compare.case_a"), ids, "a", default_a, page_opts.get("a"), format_func=titles.get
    )
default_b = DEFAULTS[1] if DEFAULTS[1] in ids and DEFAULTS[1] != a else next(i for i in ids if i != a)
with right:
    b = ui.url_choice(
        st.selectbox, tx("compare.case_b"), ids, "b", default_b, page_opts.get("b"), format_func=titles.get
    )
pair = (a, b) if a != b else (a,)
pair_words = tx("compare.file.pair", a=a, b=b) if a != b else a  # for file names

n = db.fetch(ctx.db_path, queries.count_case_events, pair, f)
ui.match_count(n, what=tx("compare.what"))
if a == b:
    st.warning(tx("compare.same_case"))


def label(code: object) -> str:
    """Country label for a code in this page's texts ('Korea Utara (PRK)')."""
    return country_label(str(code), ctx.names) if code else "—"


def metric_values(m: Mapping[str, Any]) -> dict[str, str]:
    """The values of one case's metric cards, formatted for the language."""
    first = m["days_to_first_offer"]
    none = first is None or pd.isna(first)
    return {
        "offers": tx.number(m["offers"]),
        "provided": tx.number(m["provided"]),
        "first_offer": tx("compare.metric.none") if none else tx("compare.metric.day", day=tx.number(first)),
        "responses": tx.number(m["responses"]),
    }


def across(draw: Callable[[str], None]) -> None:
    """One row of the case cards: the same part of each case side by side, so the parts line up."""
    for col, case_id in zip(st.columns(2), pair, strict=False):
        with col:
            draw(case_id)


def metric_row(case_id: str, row: tuple[str, str]) -> None:
    """Two metric cards of one case."""
    values = metric_values(metrics[case_id])
    for cell, name in zip(st.columns(2), row, strict=True):
        cell.metric(
            tx(f"compare.metric.{name}"), values[name], help=tx(f"compare.metric.{name}_help"), border=True
        )


def card_notes(case_id: str) -> None:
    """The crisis and its onset, and what the metrics are counted from."""
    case, m = case_rows[case_id], metrics[case_id]
    source = ui.safe_text(case.get("onset_source"), 160)
    onset = tx("compare.card.onset", date=tx.date(case.get("onset")))
    st.caption(" · ".join(part for part in (ui.safe_text(case.get("crisis")), onset, source) if part))
    counts = {
        "offers": tx("compare.card.offers", n=int(m["offers"])),
        "senders": tx("compare.card.senders", n=int(m["senders"])),
        "sources": tx("compare.card.sources", n=int(m["offer_sources"])),
        "incidents": tx("compare.card.incidents", n=int(m["incidents"])),
        "reports": tx("compare.card.reports", n=int(m["events"])),
    }
    st.caption(tx("compare.card.counted", **counts))


case_rows = {c: db.fetch(ctx.db_path, queries.case_row, c, tx.lang) or {} for c in pair}
metrics = {c: db.fetch(ctx.db_path, queries.case_metrics, c, f) for c in pair}
across(lambda c: st.markdown(f"### {ui.safe_text(case_rows[c].get('title'))}"))
for metric_names in METRICS:
    across(lambda c, names=metric_names: metric_row(c, names))
across(card_notes)

if n == 0:
    ui.empty_state(tx("compare.widen"))
    ui.stop()

st.subheader(tx("compare.timeline"))
events = db.fetch(ctx.db_path, queries.case_timeline, pair, f, queries.CASE_LIMIT)
st.plotly_chart(
    charts.compare_figure(
        events, titles=titles, colors=ctx.colors, names=ctx.names, tx=tx, note=ctx.note, present=ctx.present
    ),
    key="compare_chart",
    theme=None,
    config=export.chart_config(tx("compare.file.timeline", pair=pair_words), f, tx),
)

roles = db.fetch(ctx.db_path, queries.roles, pair, f)
flips = charts.pivot_actors(roles, pair)


def role_sentence(actor: str) -> str:
    """'**North Korea (PRK)** is the giver in “…”, and the receiver in “…”.' in the language."""
    part = roles[roles["actor"] == actor].set_index("case_id")
    said = [
        tx(
            "compare.roles.giver"
            if part.loc[c, "given"] >= part.loc[c, "received"]
            else "compare.roles.receiver",
            case=titles[c],
        )
        for c in pair
        if c in part.index
    ]
    joined = ui.safe_text(tx("compare.roles.joiner").join(said), 400)
    return tx("compare.roles.sentence", actor=f"**{ui.safe_text(label(actor))}**", roles=joined)


if flips:
    st.subheader(tx("compare.roles.heading"))
    if len(flips) > ROLE_CHARTS:
        others = ui.safe_text(", ".join(label(x) for x in flips[ROLE_CHARTS:]), 600)
        st.caption(tx("compare.roles.others", shown=tx.number(ROLE_CHARTS), n=len(flips), others=others))
    for actor in flips[:ROLE_CHARTS]:
        st.markdown(role_sentence(actor))
        st.plotly_chart(
            charts.roles_figure(
                roles, actor, titles=titles, names=ctx.names, tx=tx, note=ctx.note, present=ctx.present
            ),
            key=f"roles_{actor}",
            theme=None,
            config=export.chart_config(tx("compare.file.roles", actor=actor, pair=pair_words), f, tx),
        )


def actors(codes: object) -> str:
    """A comma list of actor codes as country labels."""
    return ", ".join(label(c.strip()) for c in str(codes or "").split(",") if c.strip())


def offer_status(offers: Any) -> str:
    """Each focus offer with its status and the day of the answer ('offer of 3 Aug 2024: deferred on …')."""
    said = []
    for offer in list(offers) if offers is not None else []:
        status = tables.status(offer["outcome"], offer.get("reply_date"), tx)
        said.append(tx("compare.points.offer_status", date=tx.date(offer["event_date"]), status=status))
    return "; ".join(said) or tx("compare.points.no_offer")


def point_column(case_id: str) -> list[str]:
    """The point-by-point values of one case, from the case row and its aggregated events."""
    p = db.fetch(ctx.db_path, queries.case_points, case_id, f, tx.lang)
    onset = tx.date(p.get("onset"))
    values = {
        "crisis": p.get("crisis"),
        "onset": tx("compare.points.onset_value", date=onset, source=p["onset_source"])
        if p.get("onset_source")
        else onset,
        "direction": f"{label(p.get('focus_sender'))} → {label(p.get('focus_recipient'))}",
        "sender": label(p.get("focus_sender")),
        "recipient": label(p.get("focus_recipient")),
        "channel": tx.labels("event_type", p.get("channels")),
        "offered": tx.labels("aid_type", p.get("offered")),
        "status": offer_status(p.get("focus_offers")),
        "replies": tx.labels("event_type", p.get("replies")),
        "senders": actors(p.get("offer_senders")),
        "agreements": p.get("agreements"),
        "alleged": p.get("alleged"),
        "context": p.get("context"),
    }
    return [values[k] or "—" for k in POINTS]


st.subheader(tx("compare.points.heading"))
table = pd.DataFrame(
    {"": [tx(f"compare.points.row.{k}") for k in POINTS], **{titles[c]: point_column(c) for c in pair}}
)
st.table(table.set_index(""), border="horizontal")  # a static table: every long text shown whole, wrapped
st.caption(tx("compare.points.caption"))
st.download_button(
    tx("compare.report.button"),
    data=lambda: report.compare_html(
        report.CompareView(
            titles={c: titles[c] for c in pair},
            filters=describe(f, ctx.names, tx),
            data_as_of=db.fetch(ctx.db_path, queries.data_as_of),
            metrics=metrics,
            events=events,
            roles=roles,
            flips=flips[:ROLE_CHARTS],
            points=table,
            sources=db.fetch(ctx.db_path, queries.case_sources, pair, f, queries.CASE_LIMIT),
            colors=ctx.colors,
            names=ctx.names,
            tx=tx,
            note=ctx.note,
        )
    ),
    file_name=export.file_name(tx("compare.file.report", pair=pair_words), f, tx) + ".html",
    mime="text/html",
    icon=":material/download:",
    on_click="ignore",
    help=tx("compare.report.help"),
)
