"""Overview: headline counts, the latest offers, the reference cases and when the data was built."""

import streamlit as st

from dashboard import db, queries, tables, ui
from dashboard.filters import describe

ctx = ui.context()
f = ctx.filters
INCIDENT_HELP = "Acts: reports of the same act (type, sender, recipient, within a day) count once"

st.title("Aid Diplomacy Monitor")
st.caption(
    "Who offers aid to whom, how the offer is answered, and how two crises compare, from news reports."
)
ui.show_link_warning("")

run = db.fetch(ctx.db_path, queries.data_as_of)
if run:
    st.caption(
        f"Data as of {run['finished']:%d %b %Y, %H:%M} (last ETL run: {run['events']} events from "
        f"{run['articles']} articles, version {ui.safe_text(run['version'])})."
    )
else:
    st.caption("Data as of: no ETL run recorded in this database.")

new = db.fetch(ctx.db_path, queries.new_since_previous_build)
if new and new["count"]:
    since = f"{new['since']:%d %b %H:%M}" if new["since"] else "the previous build"
    st.markdown(f"**{new['count']} new incident{'s' * (new['count'] != 1)} since {since}**")
    st.dataframe(
        new["incidents"],
        hide_index=True,
        column_order=("event_date", "event_type", "sender_name", "recipient_name", "outlet", "source_url"),
        column_config={
            "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "event_type": "Type",
            "sender_name": "Sender",
            "recipient_name": "Recipient",
            "outlet": "Outlet",
            "source_url": st.column_config.LinkColumn("Source", display_text="open"),
        },
    )

counts = db.fetch(ctx.db_path, queries.headline, f)
ui.match_count(counts["events"])
st.caption(f"Filters: {ui.safe_text(describe(f, ctx.names), 300)}")
if counts["events"] == 0:
    ui.empty_state()
else:
    cols = st.columns(5)
    cols[0].metric("Incidents", counts["incidents"], border=True, help=INCIDENT_HELP)
    cols[1].metric("Offers of aid", counts["offers"], border=True, help="Offer incidents")
    cols[2].metric(
        "Responses",
        counts["responses"],
        border=True,
        help="Acceptance, refusal, deferral and thanks incidents",
    )
    cols[3].metric("Sender → recipient pairs", counts["dyads"], border=True)
    cols[4].metric(
        "Flagged for review", counts["review"], border=True, help="Reports undated or marked needs_review"
    )
    st.caption(
        f"{counts['incidents']} incidents, reported by {counts['sources']} sources in {counts['events']} "
        "reports. One act reported by several outlets counts once; the Event explorer lists every report."
    )

    st.subheader("Latest offers")
    offers = db.fetch(ctx.db_path, queries.latest_offers, f, 8)
    if offers.empty:
        st.info(
            "No offers of aid among the matching events. Add *Offer of aid* to the event types to see some."
        )
    else:
        table = tables.offers_table(offers, ctx.names)
        st.dataframe(
            table[
                [
                    "event_date",
                    "sender",
                    "recipient",
                    "aid_type",
                    "outcome",
                    "reported_by",
                    "evidence",
                    "outlet",
                ]
            ],
            hide_index=True,
            column_config={
                "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
                "sender": "Sender",
                "recipient": "Recipient",
                "aid_type": "Aid",
                "outcome": "Response",
                "evidence": st.column_config.TextColumn("Evidence", width="large"),
                "outlet": "Outlet",
                "reported_by": "Sources",
            },
        )
        st.caption("Rows marked [our summary] give our summary of the cited report, not a quotation.")
        st.page_link(
            "pages/timeline.py",
            label="See them on the timeline",
            icon=":material/timeline:",
            query_params=ui.share_params(),
        )

st.subheader("Reference cases")
cases = db.fetch(ctx.db_path, queries.cases)
if cases.empty:
    st.info("No cases in the database. Add a [[case]] to data/cases.toml and rebuild the database.")
else:
    ids = list(cases["id"])
    cols = st.columns(min(len(ids), 3))
    for i, case in enumerate(cases.itertuples(index=False)):
        with cols[i % len(cols)].container(border=True):
            st.markdown(f"**{ui.safe_text(case.title)}**")
            st.caption(f"{ui.safe_text(case.crisis)} · onset {case.onset:%d %b %Y}")
            st.text(case.context or "")
            other = next((x for x in ids if x != case.id), case.id)
            pair = {"a": case.id, "b": other} if i % 2 == 0 else {"a": other, "b": case.id}
            st.page_link(
                "pages/compare.py",
                label="Compare side by side",
                icon=":material/compare:",
                query_params=ui.share_params(pair),
            )
