"""Display tables: query results with readable labels, built by pure functions so pages only render."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.filters import aid_label, country_label, safe_url, source_label, type_label


def _actors(df: pd.DataFrame, names: Mapping[str, str], missing: str) -> dict[str, list[str]]:
    """Sender and recipient columns as 'Russia (RUS)' labels; `missing` where a side is unknown."""
    return {
        side: [country_label(c, names) if isinstance(c, str) and c else missing for c in df[side]]
        for side in ("sender", "recipient")
    }


def _review_flag(event_date: object, needs_review: object) -> str:
    """'⚠ undated', '⚠ review' or '' for one explorer row."""
    if event_date is None or pd.isna(event_date):
        return "⚠ undated"
    return "⚠ review" if bool(needs_review) else ""


def reported_by(n_outlets: object) -> str:
    """'reported by 3 sources' for an incident (GDELT's source counts included)."""
    n = 0 if n_outlets is None or pd.isna(n_outlets) else int(n_outlets)
    return f"reported by {n} source{'' if n == 1 else 's'}"


_ORIGINS = {"gdelt": "GDELT", "annotation": "analyst annotation"}  # shown where a row has no outlet
_KINDS = {"gdelt": "GDELT record", "annotation": "analyst annotation"}


def _column(rows: pd.DataFrame, name: str) -> list[object]:
    """A column's values, or None for each row when the frame lacks it."""
    return rows[name].tolist() if name in rows else [None] * len(rows)


def _evidence_kind(is_summary: object, source: object) -> str:
    """What an explorer row's evidence is: our summary, a report's sentence, a GDELT record, an annotation."""
    return _KINDS.get(str(source)) or ("our summary" if bool(is_summary) else "report sentence")


def explorer_table(rows: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Explorer rows with labels, a review flag, what kind of evidence it is, and only http(s) links."""
    return rows.assign(
        **_actors(rows, names, ""),
        event_type=[type_label(t) for t in rows["event_type"]],
        aid_type=[aid_label(a) if a else "" for a in rows["aid_type"]],
        flag=[_review_flag(d, r) for d, r in zip(rows["event_date"], rows["needs_review"], strict=True)],
        evidence_kind=[
            _evidence_kind(s, o) for s, o in zip(rows["is_summary"], _column(rows, "source"), strict=True)
        ],
        outlet=[
            o if isinstance(o, str) and o else _ORIGINS.get(str(src))
            for o, src in zip(_column(rows, "outlet"), _column(rows, "source"), strict=True)
        ],
        source_url=[safe_url(u) for u in rows["source_url"]],
        reported_by=[reported_by(n) for n in rows["n_outlets"]],
    )


def _number(value: object) -> float | None:
    """A numeric value of a detail row, None when missing."""
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def source_note(detail: Mapping[str, object]) -> str:
    """Where an event comes from, in words; for a GDELT row its mentions, sources, tone and first sighting."""
    source = str(detail.get("source") or "")
    if source != "gdelt":
        return f"Source: {source_label(source).lower() if source == 'annotation' else 'our articles'}."
    parts = ["Source: GDELT"]
    counts = [_number(detail.get(k)) for k in ("num_mentions", "num_sources", "num_articles")]
    if None not in counts:
        parts.append("{:.0f} mentions in {:.0f} sources ({:.0f} articles)".format(*counts))
    goldstein, tone = _number(detail.get("goldstein_scale")), _number(detail.get("avg_tone"))
    if goldstein is not None:
        parts.append(f"Goldstein scale {goldstein:+.1f}")
    if tone is not None:
        parts.append(f"average tone {tone:+.2f}")
    added = detail.get("date_added")
    if added is not None and not pd.isna(added):  # type: ignore[arg-type]
        parts.append(f"first seen {pd.Timestamp(added):%Y-%m-%d}")
    return "; ".join(parts) + "."


def other_mentions(detail: Mapping[str, object]) -> list[str]:
    """The sentences of the same report that mention the act again, besides the one shown as evidence."""
    sentences = detail.get("evidence_all") or []
    return [str(s) for s in sentences if s != detail.get("evidence")]


def offers_table(offers: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Latest offer incidents with labels and source counts; our own summaries are marked '[our summary]'."""
    return offers.assign(
        **_actors(offers, names, "?"),
        aid_type=[aid_label(a) if a else "" for a in offers["aid_type"]],
        evidence=[
            ("[our summary] " if s else "") + (e if isinstance(e, str) else "")  # GDELT rows: no sentence
            for e, s in zip(offers["evidence"], offers["is_summary"], strict=True)
        ],
        reported_by=[reported_by(n) for n in offers["n_outlets"]],
    )


def dyads_table(dyads: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Dyad rows with country labels."""
    return dyads.assign(**_actors(dyads, names, "?"))
