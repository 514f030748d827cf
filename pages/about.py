"""Methodology: how events are coded, where they come from, what the extraction misses, how to fix errors."""

import streamlit as st

from dashboard import db, queries, ui
from dashboard.filters import type_label
from etl.annotations import COLUMNS
from etl.models import AID_TYPES, CERTAINTIES, EVENT_TYPES, cameo_code

ctx = ui.context()
tx = ctx.tx


def coded(kind: str, codes: tuple[str, ...]) -> str:
    """Codes with their labels in the language: 'Humanitarian (`humanitarian`), …' (files take the code)."""
    return ", ".join(tx("about.code_and_label", label=tx.label(kind, c), code=c) for c in codes)


st.title(tx("common.nav.about"))
ui.show_link_warning("about")
run = db.fetch(ctx.db_path, queries.data_as_of)
if run:
    st.markdown(
        tx(
            "about.data_as_of",
            when=tx.datetime(run["finished"]),
            articles=tx("about.articles", n=int(run["articles"])),
            events=tx("about.events", n=int(run["events"])),
            rejects=tx("about.rejects", n=int(run["rejects"])),
            version=ui.safe_text(run["version"]),
        )
    )
else:
    st.markdown(tx("about.no_build"))

st.header(tx("about.event.heading"))
st.markdown(tx("about.event.intro"))
st.table(
    [
        {
            tx("about.event.table.type"): type_label(code, tx),
            tx("about.event.table.code"): code,
            tx("about.event.table.root"): root,
            tx("about.event.table.humanitarian"): cameo_code(code, "humanitarian"),
        }
        for code, root in EVENT_TYPES.items()
    ]
)
st.markdown(
    tx(
        "about.event.definitions",
        aid_types=coded("aid_type", AID_TYPES),
        certainties=coded("certainty", CERTAINTIES),
    )
)

for section in ("incidents", "sources", "limits"):
    st.header(tx(f"about.{section}.heading"))
    st.markdown(tx(f"about.{section}.text"))

st.header(tx("about.errors.heading"))
st.markdown(tx("about.errors.text"))
st.code(",".join(COLUMNS), language="text", wrap_lines=True)
st.markdown(tx("about.errors.rules"))
