"""The dashboard's settings: the paths defined once in etl.settings, which the ETL reads too."""

from etl.settings import ROOT, Settings, load_settings

__all__ = ["ROOT", "Settings", "load_settings"]
