"""Score the extractor against hand-coded gold events: precision, recall, F1 and date accuracy.

Gold comes as a JSON file `{"articles": {ARTICLE_ID: [[type, sender, recipient|null, date|null, required]]}}`
or as JSON Lines whose records carry `text` and `gold` (each record is then both an input and its gold).
Matching rules: an extracted event of a scored type matches a gold event of its article with the same type
and sender, and the same recipient unless the gold one has none (sign_agreement matches either way round);
each gold event takes the first unused match, and further reports of it in the same article are not errors.
A gold event marked optional (required = false) counts neither for nor against. A gold date YYYY-MM-DD accepts
±1 day, YYYY-MM the same month, YYYY the same year.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from etl.actors import article_codes, find_mentions
from etl.build import Collector
from etl.models import Article, Event, Reject
from etl.read import is_annotations, list_inputs, read_path
from etl.text import split_sentences

SCORED = frozenset(
    {
        "offer_aid",
        "provide_aid",
        "request_aid",
        "accept_aid",
        "decline_aid",
        "express_sympathy",
        "express_gratitude",
        "sign_agreement",
    }
)
UNKNOWN_LANGUAGE = "?"
ONE_DAY = timedelta(days=1)
Progress = Callable[[int, int, str], None]


class GoldError(ValueError):
    """A gold file that cannot be read as gold events."""


@dataclass(frozen=True)
class Gold:
    """One hand-coded event: what a careful analyst codes from the article."""

    event_type: str
    sender: str
    recipient: str | None
    date: str | None
    required: bool


@dataclass(frozen=True)
class GoldSet:
    """Gold events per article id, the languages the gold file states, and whether its records are inputs."""

    articles: dict[str, list[Gold]]
    languages: dict[str, str] = field(default_factory=dict)
    records_are_inputs: bool = False


@dataclass
class Tally:
    """Counts of matches, misses, extras and dated matches, with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated: int = 0
    dated_ok: int = 0

    @property
    def precision(self) -> float:
        """Share of extracted events that match a gold event."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of required gold events that were extracted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float | None:
        """Share of matched, dated gold events whose date the extractor got right (None if none dated)."""
        return self.dated_ok / self.dated if self.dated else None

    def scores(self) -> dict[str, object]:
        """Counts and rounded scores as a plain dict."""
        accuracy = self.date_accuracy
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "date_accuracy": None if accuracy is None else round(accuracy, 3),
        }


@dataclass(frozen=True)
class Error:
    """A required gold event the extractor missed, or an extracted event no gold event accounts for."""

    kind: str  # miss | extra
    article_id: str
    event_type: str
    sender: str | None
    recipient: str | None
    date: str | None
    evidence: str


@dataclass
class Report:
    """The scores of one evaluation, overall and broken down, with every error."""

    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    by_type: dict[str, Tally] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)
    articles: int = 0
    negatives: int = 0  # articles whose gold is empty
    negatives_with_events: int = 0  # of those, how many produced a scored event
    unscored: int = 0  # articles read from the inputs that the gold does not cover
    rejects: tuple[Reject, ...] = ()

    @property
    def negative_rate(self) -> float | None:
        """Share of negative articles that produced any scored event (None when there are none)."""
        return self.negatives_with_events / self.negatives if self.negatives else None


def _gold_event(row: object, where: str) -> Gold:
    """One [type, sender, recipient, date, required] list as a Gold; GoldError if malformed."""
    if not isinstance(row, list) or len(row) != 5:
        raise GoldError(f"{where}: a gold event is a list [type, sender, recipient, date, required]: {row!r}")
    etype, sender, recipient, when, required = row
    if not isinstance(etype, str) or not isinstance(sender, str) or not isinstance(required, bool):
        raise GoldError(f"{where}: type and sender must be strings, required true or false: {row!r}")
    if when is not None and (not isinstance(when, str) or len(when) not in (4, 7, 10)):
        raise GoldError(f"{where}: date must be YYYY, YYYY-MM, YYYY-MM-DD or null: {row!r}")
    return Gold(etype, sender, recipient, when, required)


def _gold_list(rows: object, where: str) -> list[Gold]:
    """A list of gold rows; GoldError if it is not a list."""
    if not isinstance(rows, list):
        raise GoldError(f"{where}: gold must be a list of events, not {type(rows).__name__}")
    return [_gold_event(row, where) for row in rows]


def read_gold_json(text: str, name: str) -> GoldSet:
    """Parse a gold file in the {"articles": {id: [[...], ...]}} format."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise GoldError(f"{name}: not JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("articles"), dict):
        raise GoldError(f'{name}: expected an object with "articles": {{id: [gold events]}}')
    return GoldSet({str(k): _gold_list(v, f"{name}: {k}") for k, v in doc["articles"].items()})


def read_gold_records(lines: Iterable[str], name: str) -> GoldSet:
    """Parse JSON Lines records that carry `id`, `text` and `gold` (and optionally `language`)."""
    articles: dict[str, list[Gold]] = {}
    languages: dict[str, str] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldError(f"{where}: not JSON ({err.msg})") from None
        if not isinstance(record, dict) or "gold" not in record or "id" not in record:
            raise GoldError(f"{where}: a record needs an 'id' and a 'gold' list")
        articles.setdefault(str(record["id"]), _gold_list(record["gold"], where))  # a repeated id: the first
        if isinstance(record.get("language"), str):
            languages[str(record["id"])] = record["language"]
    if not articles:
        raise GoldError(f"{name}: no gold records")
    return GoldSet(articles, languages, records_are_inputs=True)


def load_gold(path: Path) -> GoldSet:
    """Read a gold file: JSON Lines records (.jsonl) or a JSON object of articles."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(
            f"{path}: cannot read the gold file ({getattr(err, 'strerror', None) or err})"
        ) from None
    if path.suffix.lower() == ".jsonl":
        return read_gold_records(text.splitlines(), str(path))
    return read_gold_json(text, str(path))


def date_matches(gold: str | None, got: date | None) -> bool | None:
    """Whether the extracted date fits the gold one (None when the gold event has no date)."""
    if not gold:
        return None
    if got is None:
        return False
    if len(gold) < 10:
        return got.isoformat().startswith(gold)
    try:
        day = date.fromisoformat(gold)
    except ValueError:  # an impossible gold day matches nothing
        return False
    return day - ONE_DAY <= got <= day + ONE_DAY


def matches(gold: Gold, event: Event) -> bool:
    """Whether an extracted event reports this gold event (type and actors; dates are scored apart)."""
    if event.event_type != gold.event_type:
        return False
    pairs = [(gold.sender, gold.recipient)]
    if gold.event_type == "sign_agreement":
        pairs.append((gold.recipient, gold.sender))
    return any(event.sender == s and (r is None or event.recipient == r) for s, r in pairs)


@dataclass
class ArticleResult:
    """How one article's extracted events line up with its gold events."""

    hits: list[tuple[Gold, Event]] = field(default_factory=list)
    misses: list[Gold] = field(default_factory=list)
    extras: list[Event] = field(default_factory=list)


def match_article(golds: Sequence[Gold], events: Sequence[Event]) -> ArticleResult:
    """Pair gold events with extracted ones: first unused match wins, repeats of a matched event are used."""
    result = ArticleResult()
    used: set[int] = set()
    for gold in golds:
        hit = next((i for i, e in enumerate(events) if i not in used and matches(gold, e)), None)
        if hit is None:
            if gold.required:
                result.misses.append(gold)
            continue
        used.update(i for i, e in enumerate(events) if matches(gold, e))
        if gold.required:
            result.hits.append((gold, events[hit]))
    result.extras = [e for i, e in enumerate(events) if i not in used]
    return result


def _count(tallies: Iterable[Tally], *, tp: int = 0, fp: int = 0, fn: int = 0, date_ok: bool | None) -> None:
    """Add one outcome to each of the tallies."""
    for t in tallies:
        t.tp += tp
        t.fp += fp
        t.fn += fn
        if date_ok is not None:
            t.dated += 1
            t.dated_ok += date_ok


def _fmt_date(value: date | None) -> str | None:
    """ISO text of a date, or None."""
    return value.isoformat() if value else None


def _miss_evidence(gold: Gold, article: Article | None) -> str:
    """The first sentence naming the gold sender (preferably with its recipient), to show what was missed."""
    if article is None:
        return "(article not read: see the rejects)"
    known = article_codes(article.text)
    best = ""
    for sentence in split_sentences(article.text, article.language):
        codes = {m.code for m in find_mentions(sentence, known)}
        if gold.sender in codes and (gold.recipient is None or gold.recipient in codes):
            return sentence
        if not best and gold.sender in codes:
            best = sentence
    return best or "(no sentence names the sender)"


class Scorer:
    """Accumulates a Report article by article."""

    def __init__(self, languages: Mapping[str, str], articles: Mapping[str, Article]) -> None:
        """Start an empty report; languages and articles are looked up by article id."""
        self.report = Report()
        self.languages = languages
        self.articles = articles

    def _tallies(self, article_id: str, event_type: str) -> list[Tally]:
        """The overall, language and type tallies an outcome of this article and type counts in."""
        language = self.languages.get(article_id) or UNKNOWN_LANGUAGE
        r = self.report
        return [
            r.overall,
            r.by_language.setdefault(language, Tally()),
            r.by_type.setdefault(event_type, Tally()),
        ]

    def add(self, article_id: str, golds: Sequence[Gold], events: Sequence[Event]) -> None:
        """Score one article's events against its gold."""
        r = self.report
        r.articles += 1
        if not golds:
            r.negatives += 1
            r.negatives_with_events += bool(events)
        result = match_article(golds, events)
        for gold, event in result.hits:
            ok = date_matches(gold.date, event.event_date)
            _count(self._tallies(article_id, gold.event_type), tp=1, date_ok=ok)
        for gold in result.misses:
            _count(self._tallies(article_id, gold.event_type), fn=1, date_ok=None)
            evidence = _miss_evidence(gold, self.articles.get(article_id))
            r.errors.append(
                Error("miss", article_id, gold.event_type, gold.sender, gold.recipient, gold.date, evidence)
            )
        for event in result.extras:
            _count(self._tallies(article_id, event.event_type), fp=1, date_ok=None)
            r.errors.append(
                Error(
                    "extra",
                    article_id,
                    event.event_type,
                    event.sender,
                    event.recipient,
                    _fmt_date(event.event_date),
                    event.evidence or "",
                )
            )


def score(
    gold: GoldSet, events: Iterable[Event], articles: Sequence[Article] = (), rejects: Sequence[Reject] = ()
) -> Report:
    """Score extracted events against gold; articles give languages and evidence for misses."""
    by_article: dict[str, list[Event]] = {}
    for event in events:
        if event.event_type in SCORED and event.article_id is not None:
            by_article.setdefault(event.article_id, []).append(event)
    read = {a.id: a for a in articles}
    languages = dict(gold.languages) | {a.id: a.language for a in articles if a.language}
    scorer = Scorer(languages, read)
    for article_id, golds in gold.articles.items():
        scorer.add(article_id, golds, by_article.get(article_id, []))
    scorer.report.rejects = tuple(rejects)
    scorer.report.unscored = sum(1 for a in articles if a.id not in gold.articles)
    return scorer.report


def extract_each(
    inputs: Sequence[Path], progress: Progress | None = None
) -> tuple[list[Article], list[Event], list[Reject]]:
    """Extract each article of the inputs on its own: shared texts are not de-duplicated, repeated ids are."""
    files, rejects = list_inputs(inputs)
    articles: dict[str, Article] = {}
    events: list[Event] = []
    for done, item in enumerate(files, 1):
        results = [] if is_annotations(item.path) else read_path(item.path)
        for result in results:
            if isinstance(result, Reject) or result.id in articles:
                rejects.append(result if isinstance(result, Reject) else Reject(result.id, "repeated id"))
                continue
            one = Collector()  # a collector of its own: no de-duplication against other articles
            one.add_article(result)
            articles.update(one.articles)
            events.extend(one.events.values())
            rejects.extend(one.rejects)
        if progress is not None:
            progress(done, len(files), item.path.name)
    return list(articles.values()), events, rejects


def evaluate(gold_path: Path, inputs: Sequence[Path] = (), progress: Progress | None = None) -> Report:
    """Run the extractor on the inputs (or on the gold records themselves) and score it against the gold."""
    gold = load_gold(gold_path)
    if not inputs:
        if not gold.records_are_inputs:
            raise GoldError(f"{gold_path}: gives no texts; name the articles to extract from as INPUT")
        inputs = [gold_path]
    articles, events, rejects = extract_each(inputs, progress)
    return score(gold, events, articles, rejects)


# ---------------------------------------------------------------- presentation


def _cell(value: float | None) -> str:
    """A score as text, '-' when undefined."""
    return "    -" if value is None else f"{value:5.2f}"


def _row(label: str, t: Tally) -> str:
    """One table row: label, scores and counts."""
    return (
        f"{label:<18} {_cell(t.precision)} {_cell(t.recall)} {_cell(t.f1)} {_cell(t.date_accuracy)}"
        f" {t.tp:>5} {t.fp:>5} {t.fn:>5}"
    )


def _table(title: str, rows: Mapping[str, Tally]) -> list[str]:
    """A titled table of tallies, rows sorted by name."""
    header = f"{title:<18} {'P':>5} {'R':>5} {'F1':>5} {'dates':>5} {'TP':>5} {'FP':>5} {'FN':>5}"
    return [header, *(_row(k, rows[k]) for k in sorted(rows))]


def _actors(e: Error) -> str:
    """'USA -> MAR' for an error line."""
    return f"{e.sender or '?'} -> {e.recipient or '-'}"


def format_errors(errors: Sequence[Error]) -> list[str]:
    """Every miss and extra, one block each with its evidence sentence."""
    lines: list[str] = []
    for kind, title in (
        ("miss", "Missed (required gold events not found)"),
        ("extra", "Extra (no gold match)"),
    ):
        chosen = [e for e in errors if e.kind == kind]
        lines += ["", f"{title}: {len(chosen)}"]
        for e in chosen:
            lines.append(f"  {e.kind:<5} {e.article_id}  {e.event_type} {_actors(e)} {e.date or 'undated'}")
            lines.append(f"        {' '.join(e.evidence.split())[:300]}")
    return lines


def format_report(report: Report, *, errors: bool = False) -> str:
    """The readable report: overall, by language, by event type, and optionally every error."""
    lines = [
        f"Scored {report.articles} articles against the gold ({len(report.rejects)} inputs rejected, "
        f"{report.unscored} articles read that the gold does not cover).",
        "",
        *_table("overall", {"all": report.overall}),
        "",
        *_table("by language", report.by_language),
        "",
        *_table("by event type", report.by_type),
    ]
    if report.negatives:
        lines += [
            "",
            f"Negative articles (no gold event): {report.negatives}; "
            f"{report.negatives_with_events} produced an aid event ({report.negative_rate:.1%}).",
        ]
    if errors:
        lines += format_errors(report.errors)
        lines += ["", f"Rejected inputs: {len(report.rejects)}"]
        lines += [f"  {r.input}: {r.reason}" for r in report.rejects]
    return "\n".join(lines)


def report_dict(report: Report, *, errors: bool = False) -> dict[str, object]:
    """The report as a JSON-ready dict (errors included on request)."""
    out: dict[str, object] = {
        **report.overall.scores(),
        "articles": report.articles,
        "by_language": {k: t.scores() for k, t in sorted(report.by_language.items())},
        "by_type": {k: t.scores() for k, t in sorted(report.by_type.items())},
        "negatives": report.negatives,
        "negatives_with_events": report.negatives_with_events,
        "rejects": len(report.rejects),
        "unscored": report.unscored,
    }
    if errors:
        out["errors"] = [vars(e) for e in report.errors]
    return out
