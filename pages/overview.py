"""Overview: headline counts (offers and aid provided apart), the latest offers with their status, the
reference cases and when the data was built."""

from typing import Any

import streamlit as st

from dashboard import db, queries, tables, ui
from dashboard.filters import describe, type_label

ctx = ui.context()
tx = ctx.tx
f = ctx.filters


def data_as_of() -> None:
    """When the database was built and from how much."""
    run = db.fetch(ctx.db_path, queries.data_as_of)
    if not run:
        st.caption(tx("overview.data_as_of.none"))
        return
    st.caption(
        tx(
            "overview.data_as_of.run",
            when=tx.datetime(run["finished"]),
            events=tx("overview.data_as_of.events", n=run["events"]),
            articles=tx("overview.data_as_of.articles", n=run["articles"]),
            version=ui.safe_text(run["version"]),
        )
    )


def shared_columns() -> dict[str, str]:
    """Headers of the columns both overview tables show."""
    return {
        "event_date": tx("common.evidence.date"),
        "sender": tx("overview.columns.sender"),
        "recipient": tx("overview.columns.recipient"),
        "outlet": tx("overview.columns.outlet"),
    }


def new_incidents() -> None:
    """The incidents the last build added (if it replaced an earlier one)."""
    new = db.fetch(ctx.db_path, queries.new_since_previous_build)
    if not new or not new["count"]:
        return
    since = tx.datetime(new["since"]) if new["since"] else tx("overview.new.previous_build")
    st.markdown(f"**{tx('overview.new.heading', n=new['count'], since=since)}**")
    st.dataframe(
        tables.new_incidents_table(new["incidents"], ctx.names, tx),
        hide_index=True,
        column_order=("event_date", "event_type", "sender", "recipient", "outlet", "source_url"),
        column_config={
            **shared_columns(),
            "event_type": tx("overview.columns.type"),
            "source_url": st.column_config.LinkColumn(
                tx("overview.columns.source"), display_text=tx("overview.new.open")
            ),
        },
    )


def metric(col: Any, name: str, value: int) -> None:
    """One bordered metric card with its label and help from the catalogue."""
    col.metric(
        tx(f"overview.metric.{name}"), tx.number(value), border=True, help=tx(f"overview.metric.{name}_help")
    )


def headline(counts: dict[str, int]) -> None:
    """Offers and aid provided apart, then the responses; the totals and the review count below."""
    for row in (("offers", "provided", "responses"), ("incidents", "dyads", "review")):
        for col, name in zip(st.columns(3), row, strict=True):
            metric(col, name, counts[name])
    st.caption(
        tx(
            "overview.sources.caption",
            incidents=tx("overview.sources.incidents", n=counts["incidents"]),
            sources=tx("overview.sources.sources", n=counts["sources"]),
            reports=tx("overview.sources.reports", n=counts["events"]),
        )
    )


def latest_offers() -> None:
    """The latest offers, each with its status and the day of the answer."""
    st.subheader(tx("overview.offers.heading"))
    offers = db.fetch(ctx.db_path, queries.latest_offers, f, 8)
    if offers.empty:
        hint = "" if ctx.present else " " + tx("overview.offers.none_hint", type=type_label("offer_aid", tx))
        st.info(tx("overview.offers.none") + hint)
        return
    table = tables.offers_table(offers, ctx.names, tx)
    st.dataframe(
        table.assign(event_date=[tx.date(d) or tx("common.evidence.undated") for d in table["event_date"]]),
        hide_index=True,
        column_order=(
            "event_date",
            "sender",
            "recipient",
            "outcome",
            "evidence",
            "aid_type",
            "reported_by",
            "outlet",
        ),
        column_config={
            **shared_columns(),
            "aid_type": tx("common.evidence.aid"),
            "outcome": st.column_config.TextColumn(
                tx("overview.columns.status"), help=tx("overview.offers.status_help")
            ),
            "reported_by": st.column_config.TextColumn(
                tx("overview.columns.sources"), help=tx("overview.offers.sources_help")
            ),
            "evidence": st.column_config.TextColumn(tx("overview.columns.evidence"), width="large"),
        },
    )
    st.caption(tx("overview.offers.summary_note", mark=tx("tables.our_summary")))
    st.page_link(
        "pages/timeline.py",
        label=tx("overview.offers.to_timeline"),
        icon=":material/timeline:",
        query_params=ui.share_params(),
    )


def case_cards() -> None:
    """A card per reference case, linking to its comparison with another case."""
    st.subheader(tx("overview.cases.heading"))
    cases = db.fetch(ctx.db_path, queries.cases, tx.lang)
    if cases.empty:
        st.info(tx("overview.cases.none"))
        return
    ids = list(cases["id"])
    cols = st.columns(min(len(ids), 3))
    for i, case in enumerate(cases.itertuples(index=False)):
        with cols[i % len(cols)].container(border=True):
            st.markdown(f"**{ui.safe_text(case.title)}**")
            st.caption(tx("overview.cases.onset", crisis=ui.safe_text(case.crisis), date=tx.date(case.onset)))
            st.text(case.context or "")
            other = next((x for x in ids if x != case.id), case.id)
            pair = {"a": case.id, "b": other} if i % 2 == 0 else {"a": other, "b": case.id}
            st.page_link(
                "pages/compare.py",
                label=tx("overview.cases.compare"),
                icon=":material/compare:",
                query_params=ui.share_params(pair),
            )


st.title(tx("common.app_title"))
st.caption(tx("overview.tagline"))
ui.show_link_warning("")
data_as_of()
new_incidents()

counts = db.fetch(ctx.db_path, queries.headline, f)
ui.match_count(counts["events"])
st.caption(tx("overview.filters", summary=ui.safe_text(describe(f, ctx.names, tx), 300)))
if counts["events"] == 0:
    ui.empty_state()
else:
    headline(counts)
    latest_offers()
case_cards()
