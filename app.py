"""Aid Diplomacy Monitor: the entry point. Registers the pages in the interface language, builds the
database on first start, draws the shared sidebar (language, filters synced with the URL), runs the
selected page and closes it with the share box (or, presenting, the way back)."""

import duckdb
import streamlit as st

from dashboard import ui
from dashboard.i18n import texts
from etl.settings import load_settings

ui.leave_pages_directory_mode()
lang = ui.language()
tx = texts(lang)
st.set_page_config(
    page_title=tx("common.app_title"), page_icon=":material/volunteer_activism:", layout="wide"
)

PAGES = [
    ("overview.py", "", ":material/home:"),
    ("timeline.py", "timeline", ":material/timeline:"),
    ("flows.py", "flows", ":material/swap_horiz:"),
    ("compare.py", "compare", ":material/compare:"),
    ("events.py", "events", ":material/search:"),
    ("review.py", "review", ":material/fact_check:"),
    ("about.py", "about", ":material/info:"),
]

settings = load_settings()
ui.ensure_database(settings, tx)
page = st.navigation(
    [
        st.Page(
            f"pages/{file}",
            title=tx(f"common.nav.{file[:-3]}"),
            icon=icon,
            url_path=path or None,
            default=not path,
        )
        for file, path, icon in PAGES
    ],
    position="hidden" if ui.link_only() else "sidebar",
)
ui.present_style()
try:
    ui.sidebar(settings.db_path, page.url_path, lang)
except (duckdb.Error, OSError) as err:
    st.error(tx("common.first_start.unreadable", path=settings.db_path, error=ui.safe_text(err, 300)))
    st.stop()
page.run()
ui.finish_page(page.url_path)
