"""Display tables: query results with readable labels, built by pure functions so pages only render."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.filters import aid_label, country_label, safe_url, type_label
from dashboard.i18n import EN, Texts


def _actors(df: pd.DataFrame, names: Mapping[str, str], missing: str) -> dict[str, list[str]]:
    """Sender and recipient columns as 'Russia (RUS)' labels; `missing` where a side is unknown."""
    return {
        side: [country_label(c, names) if isinstance(c, str) and c else missing for c in df[side]]
        for side in ("sender", "recipient")
    }


def _review_flag(event_date: object, needs_review: object, tx: Texts) -> str:
    """'⚠ undated', '⚠ review' or '' for one explorer row."""
    if event_date is None or pd.isna(event_date):
        return tx("tables.flag.undated")
    return tx("tables.flag.review") if bool(needs_review) else ""


def reported_by(n_outlets: object, tx: Texts = EN) -> str:
    """'reported by 3 sources' for an incident (GDELT's source counts included)."""
    n = 0 if n_outlets is None or pd.isna(n_outlets) else int(n_outlets)
    return tx("common.reported.by", n=n)


def _column(rows: pd.DataFrame, name: str) -> list[object]:
    """A column's values, or None for each row when the frame lacks it."""
    return rows[name].tolist() if name in rows else [None] * len(rows)


def _evidence_kind(is_summary: object, source: object, tx: Texts) -> str:
    """What an explorer row's evidence is: our summary, a report's sentence, a GDELT record, an annotation."""
    if str(source) in ("gdelt", "annotation"):
        return tx(f"tables.kind.{source}")
    return tx("tables.kind.summary") if bool(is_summary) else tx("tables.kind.sentence")


def _outlet(outlet: object, source: object, tx: Texts) -> str | None:
    """The outlet of a row; for a GDELT row or an annotation without one, where it comes from."""
    if isinstance(outlet, str) and outlet:
        return outlet
    return tx(f"tables.origin.{source}") if str(source) in ("gdelt", "annotation") else None


def status(outcome: object, answered: object, tx: Texts = EN) -> str:
    """An offer's status with the day of the answer ('deferred on 4 Aug 2024', 'no response yet'); ''
    for a row that is not an offer."""
    if not isinstance(outcome, str) or not outcome:
        return ""
    label = tx.label("outcome", outcome)
    return (
        label if _missing(answered) else tx("common.evidence.answered", outcome=label, date=tx.date(answered))
    )


def _row_status(event_type: object, outcome: object, answered: object, response: object, tx: Texts) -> str:
    """An explorer row's status: an offer's answer, or what a reply itself says (refused, deferred…)."""
    if event_type == "offer_aid":
        answered_at = answered if isinstance(outcome, str) else None
        return status(outcome if isinstance(outcome, str) else "no response yet", answered_at, tx)
    return tx.label("response", response) if isinstance(response, str) else ""


def explorer_table(rows: pd.DataFrame, names: Mapping[str, str], tx: Texts = EN) -> pd.DataFrame:
    """Explorer rows with labels, a review flag, each offer's status, what kind of evidence it is, and only
    http(s) links."""
    answers = zip(
        rows["event_type"],
        _column(rows, "outcome"),
        _column(rows, "reply_date"),
        _column(rows, "response"),
        strict=True,
    )
    return rows.assign(
        status=[_row_status(*answer, tx) for answer in answers],
        **_actors(rows, names, ""),
        event_type=[type_label(t, tx) for t in rows["event_type"]],
        aid_type=[aid_label(a, tx) if a else "" for a in rows["aid_type"]],
        certainty=[tx.label("certainty", c) for c in _column(rows, "certainty")],
        flag=[_review_flag(d, r, tx) for d, r in zip(rows["event_date"], rows["needs_review"], strict=True)],
        evidence_kind=[
            _evidence_kind(s, o, tx) for s, o in zip(rows["is_summary"], _column(rows, "source"), strict=True)
        ],
        outlet=[
            _outlet(o, src, tx)
            for o, src in zip(_column(rows, "outlet"), _column(rows, "source"), strict=True)
        ],
        source_url=[safe_url(u) for u in rows["source_url"]],
        reported_by=[reported_by(n, tx) for n in rows["n_outlets"]],
    )


def _number(value: object) -> float | None:
    """A numeric value of a detail row, None when missing."""
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def source_note(detail: Mapping[str, object], tx: Texts = EN) -> str:
    """Where an event comes from, in words; for a GDELT row its mentions, sources, tone and first sighting."""
    source = str(detail.get("source") or "")
    if source != "gdelt":
        return tx(
            "common.source_note.annotation" if source == "annotation" else "common.source_note.articles"
        )
    parts = [tx("common.source_note.gdelt")]
    counts = [_number(detail.get(k)) for k in ("num_mentions", "num_sources", "num_articles")]
    if None not in counts:
        mentions, sources, articles = (tx.number(c) for c in counts)
        parts.append(tx("common.source_note.counts", mentions=mentions, sources=sources, articles=articles))
    goldstein, tone = _number(detail.get("goldstein_scale")), _number(detail.get("avg_tone"))
    if goldstein is not None:
        parts.append(tx("common.source_note.goldstein", value=_signed(goldstein, 1, tx)))
    if tone is not None:
        parts.append(tx("common.source_note.tone", value=_signed(tone, 2, tx)))
    added = detail.get("date_added")
    if added is not None and not pd.isna(added):  # type: ignore[arg-type]
        parts.append(tx("common.source_note.first_seen", date=tx.date(pd.Timestamp(added))))
    return "; ".join(parts) + "."


def _signed(value: float, digits: int, tx: Texts) -> str:
    """A number with its sign always shown ('+3.4', '−1,20') in the language's format."""
    return ("+" if value >= 0 else "−") + tx.number(abs(value), digits)


def other_mentions(detail: Mapping[str, object]) -> list[str]:
    """The sentences of the same report that mention the act again, besides the one shown as evidence."""
    sentences = detail.get("evidence_all") or []
    return [str(s) for s in sentences if s != detail.get("evidence")]


def offers_table(offers: pd.DataFrame, names: Mapping[str, str], tx: Texts = EN) -> pd.DataFrame:
    """Latest offer incidents with labels, their status with the day of the answer, and source counts; our
    own summaries are marked as such."""
    mark = tx("tables.our_summary") + " "
    return offers.assign(
        **_actors(offers, names, "?"),
        aid_type=[aid_label(a, tx) if a else "" for a in offers["aid_type"]],
        outcome=[
            status(o, d, tx) for o, d in zip(offers["outcome"], _column(offers, "reply_date"), strict=True)
        ],
        evidence=[
            (mark if s else "") + (e if isinstance(e, str) else "")  # GDELT rows: no sentence
            for e, s in zip(offers["evidence"], offers["is_summary"], strict=True)
        ],
        reported_by=[reported_by(n, tx) for n in offers["n_outlets"]],
    )


def _missing(value: object) -> bool:
    """True for None, NaN and NaT."""
    return value is None or bool(pd.isna(value))


def outcome_counts(outcomes: object, tx: Texts = EN) -> str:
    """A dyad's offer outcomes in words, most frequent first ('accepted 2, no response yet 1')."""
    items = list(outcomes) if isinstance(outcomes, list | tuple) or hasattr(outcomes, "tolist") else []
    return ", ".join(f"{tx.label('outcome', i['outcome'])} {tx.number(i['n'])}" for i in items)


def new_incidents_table(rows: pd.DataFrame, names: Mapping[str, str], tx: Texts = EN) -> pd.DataFrame:
    """The incidents the last build added, with dates, types and actors in the language."""
    return rows.assign(
        **_actors(rows, names, "?"),
        event_date=[tx.date(d) for d in rows["event_date"]],
        event_type=[type_label(t, tx) for t in rows["event_type"]],
    )


def dyads_table(dyads: pd.DataFrame, names: Mapping[str, str], tx: Texts = EN) -> pd.DataFrame:
    """Dyad rows with country labels and the offers' outcomes in words."""
    return dyads.assign(
        **_actors(dyads, names, "?"),
        offer_outcomes=[outcome_counts(o, tx) for o in _column(dyads, "offer_outcomes")],
    )
