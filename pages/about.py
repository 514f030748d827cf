"""Methodology: how events are coded, where they come from, what the extraction misses, how to fix errors."""

import streamlit as st

from dashboard import db, queries, ui
from dashboard.filters import type_label
from etl.annotations import COLUMNS
from etl.models import AID_TYPES, CERTAINTIES, EVENT_TYPES, cameo_code

ctx = ui.context()

st.title("Methodology")
ui.show_link_warning("about")
run = db.fetch(ctx.db_path, queries.data_as_of)
if run:
    st.markdown(
        f"**Data as of {run['finished']:%d %b %Y, %H:%M}**: the last build read {int(run['articles'])} "
        f"articles and coded {int(run['events'])} events ({int(run['rejects'])} inputs rejected; "
        f"ETL version {ui.safe_text(run['version'])})."
    )
else:
    st.markdown("**Data as of:** no build is recorded in this database.")

st.header("What an event is")
st.markdown(
    "An event is one act between two parties that a news report describes: a **sender** (the country or "
    "organisation that acts) and a **recipient**, coded as ISO 3166 alpha-3 country codes or the acronym of "
    "an international organisation. Each event keeps the sentence it was coded from (its evidence), the "
    "date of the act (not of the report) with its precision (day, week, month or year), the kind of aid "
    "and how certain the report is. Event types follow the CAMEO event codebook:"
)
st.table(
    [
        {
            "Event type": type_label(code),
            "Code": code,
            "CAMEO root": root,
            "CAMEO for humanitarian aid": cameo_code(code, "humanitarian"),
        }
        for code, root in EVENT_TYPES.items()
    ]
)
st.markdown(
    "- **Offer** (CAMEO 033): a public statement that the sender will give aid: a promise, a pledge, a "
    "proposal. An offer is not a delivery: totals count offers and aid actually provided separately.\n"
    "- **Provided** (CAMEO 07): aid reported as handed over, shipped or arriving.\n"
    "- **Responses** to an offer: acceptance (CAMEO 086, 0863 for humanitarian deliveries), refusal or "
    "deferral (both CAMEO 122, told apart by the response field), and thanks (CAMEO 051). Each offer takes "
    "the recipient's answer in the same article, or else the nearest acceptance, refusal or deferral "
    "within 60 days (a substantive answer outranks thanks); without one it is *no response yet*.\n"
    f"- **Aid types**: {', '.join(AID_TYPES)}. CAMEO's last digit separates economic (1), military (2) "
    "and humanitarian (3) aid.\n"
    f"- **Certainty**: {', '.join(CERTAINTIES)}. *Reported* acts are attributed to another source, "
    "*alleged* ones are claims the report does not stand behind, *hinted* ones are implied, "
    "*conditional* ones depend on something that has not happened."
)

st.header("Incidents: one act, several reports")
st.markdown(
    "Several outlets often report the same act. Reports with the same event type, sender and recipient "
    "whose dates lie within a day of each other form one **incident**. Metric cards and charts count "
    "incidents, so an offer carried by four outlets counts once; the event explorer lists every report. "
    "An undated report, or one without a sender, is an incident of its own."
)

st.header("Sources and their licences")
st.markdown(
    "- **Bundled articles**: short summaries we wrote of cited news reports (Indonesian and English). "
    "The dashboard labels their evidence as our summary of the report in the named outlet, never as a "
    "quotation, and links to the original report.\n"
    "- **GDELT** event files, when imported: GDELT's terms allow any use and redistribution provided the "
    "GDELT Project is cited with a link to gdeltproject.org. "
    "Rows keep GDELT's mention, source and article counts.\n"
    "- **PLOVER**-coded examples (CC BY-SA) are used only to measure the extraction during development; "
    "they are not part of this database and are not shipped.\n"
    "- **Analyst annotations** in `data/annotations.csv` (source *annotation*)."
)

st.header("Known limits of the extraction")
st.markdown(
    "- Rule-based: trigger words, actor names and hedges are listed per language (Indonesian, English); "
    "phrasing the rules do not know is missed, and the recall on text the project has never seen is lower "
    "than on the bundled articles.\n"
    "- Sender and recipient come from the sentence's grammar; a sentence naming several countries can get "
    "the wrong pair, and an act whose recipient is only implied has none.\n"
    '- Dates are resolved against the publication date; relative dates ("last Monday") in a report '
    "without one stay undated and go to the review queue.\n"
    "- Amounts of aid are not coded, only its kind. Certainty is read from cue words near the trigger.\n"
    "- Incidents are matched on type, sender, recipient and a one-day window: two different acts on the "
    "same day merge, and one act reported with dates far apart stays split."
)

st.header("How to report an error")
st.markdown(
    "Open the **Review queue** or the **Event explorer**, copy the event's id, and add a line to "
    "`data/annotations.csv`; the next build applies it and lists any line it cannot read as a reject. "
    "The review queue prints ready-made lines. The columns are:"
)
st.code(",".join(COLUMNS), language="text")
st.markdown(
    "- `suppress` with an `event_id` removes a wrongly coded event.\n"
    "- `add` with `event_type`, `sender` and the other fields adds a missed event; with the `event_id` of "
    "an existing event it replaces that event (to confirm or correct it).\n"
    "- Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; codes must be the ones listed above."
)
