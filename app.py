"""Aid Diplomacy Monitor: the entry point. Registers the pages, builds the database on first start,
draws the shared sidebar filters (synced with the URL) and runs the selected page."""

import duckdb
import streamlit as st

from dashboard import ui
from etl.settings import load_settings

ui.leave_pages_directory_mode()
st.set_page_config(
    page_title="Aid Diplomacy Monitor", page_icon=":material/volunteer_activism:", layout="wide"
)

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/timeline.py", title="Timeline of offers", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/flows.py", title="Sender → recipient", icon=":material/swap_horiz:", url_path="flows"),
    st.Page("pages/compare.py", title="Case comparison", icon=":material/compare:", url_path="compare"),
    st.Page("pages/events.py", title="Event explorer", icon=":material/search:", url_path="events"),
    st.Page("pages/review.py", title="Review queue", icon=":material/fact_check:", url_path="review"),
    st.Page("pages/about.py", title="Methodology", icon=":material/info:", url_path="about"),
]

settings = load_settings()
ui.ensure_database(settings)
page = st.navigation(PAGES, position="hidden" if ui.is_embedded() else "sidebar")
try:
    ui.sidebar(settings.db_path, page.url_path)
except (duckdb.Error, OSError) as err:
    st.error(f"The events database at {settings.db_path} cannot be read: {ui.safe_text(err, 300)}")
    st.stop()
page.run()
