"""Review queue: undated, doubtful and hedged events, each with its evidence and ready annotation lines."""

import streamlit as st

from dashboard import db, queries, review, ui

ctx = ui.context()
f = ctx.filters

st.title("Review queue")
ui.show_link_warning("review")
st.caption(
    "Events an analyst should check: undated or flagged by the extraction, alleged, hinted, conditional "
    f"or only reported, or coded with a confidence under {queries.REVIEW_CONFIDENCE}. Copy a line into "
    "data/annotations.csv and rebuild: confirm keeps the event as coded, correct replaces it with the "
    "fields you edit, suppress removes it."
)
n = db.fetch(ctx.db_path, queries.count_review, f, queries.REVIEW_CONFIDENCE)
ui.match_count(n, what="the review criteria")
if f.start or f.end:
    st.caption("A date filter is set, so undated events are not listed; clear From/To to see them.")
if n == 0:
    st.success("Nothing to review for these filters.")
    st.stop()

rows = db.fetch(ctx.db_path, queries.review_queue, f, queries.REVIEW_CONFIDENCE, queries.REVIEW_LIMIT)
if n > len(rows):
    st.caption(f"Showing the first {len(rows)} of {n}; narrow the filters to see the others.")
for row in review.records(rows):
    with st.container(border=True, key=f"review_{row['event_id']}"):
        ui.evidence_block(row, ctx.names)
        st.markdown(f"**Why:** {ui.safe_text(', '.join(review.reasons(row)), 200)}")
        for line in review.annotation_lines(row):
            if line.text:
                st.caption(line.action.capitalize())
                st.code(line.text, language="text", wrap_lines=True)
            else:
                st.caption(f"{line.action.capitalize()}: no line ({ui.safe_text(line.problem, 200)})")
