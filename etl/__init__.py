"""ETL for Aid Diplomacy Monitor: news articles -> aid events -> DuckDB. Never imports Streamlit."""

__version__ = "0.1.0"
