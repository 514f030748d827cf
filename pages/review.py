"""Review queue: undated, doubtful and hedged events, each with its evidence and ready annotation lines."""

import streamlit as st

from dashboard import db, queries, review, ui

ctx = ui.context()
tx = ctx.tx
f = ctx.filters

st.title(tx("common.nav.review"))
ui.show_link_warning("review")
st.caption(tx("review.intro", confidence=tx.number(queries.REVIEW_CONFIDENCE, 1)))
n = db.fetch(ctx.db_path, queries.count_review, f, queries.REVIEW_CONFIDENCE)
ui.match_count(n, what=tx("review.what"))
if f.start or f.end:
    st.caption(tx("review.dated_only"))
if n == 0:
    st.success(tx("review.nothing"))
    ui.stop()

rows = db.fetch(ctx.db_path, queries.review_queue, f, queries.REVIEW_CONFIDENCE, queries.REVIEW_LIMIT)
if n > len(rows):
    st.caption(tx("review.first_rows", shown=tx.number(len(rows)), n=n))
for row in review.records(rows):
    with st.container(border=True, key=f"review_{row['event_id']}"):
        ui.evidence_block(row, ctx.names)
        st.markdown(tx("review.why", reasons=ui.safe_text(", ".join(review.reasons(row, tx)), 200)))
        for line in review.annotation_lines(row, tx):
            action = tx(f"review.action.{line.action}")
            if line.text:
                st.caption(action)
                st.code(line.text, language="text", wrap_lines=True)
            else:
                st.caption(tx("review.no_line", action=action, problem=ui.safe_text(line.problem, 200)))
