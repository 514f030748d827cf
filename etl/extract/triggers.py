"""Stage 3: the trigger words of a clause, matched against the named rules in etl/rules/triggers.toml."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from etl.extract.clauses import Clause
from etl.extract.lexicon import Lexicon, TriggerRule
from etl.extract.tokens import Token

AFTER, BEFORE = 8, 6  # tokens after / before a trigger where what it needs may stand
_ABSORBING = ("express_sympathy", "express_gratitude")


@dataclass(frozen=True)
class Hit:
    """A trigger: its token span [start, end), its event type, and the rule and shift that made it."""

    rule: TriggerRule
    start: int
    end: int
    event_type: str
    response: str | None
    form: str
    shift: str | None = None

    @property
    def name(self) -> str:
        """The rule name, with the shift that changed its type."""
        return self.rule.name + (f" > {self.shift}" if self.shift else "")


@cache
def _index(lex: Lexicon) -> dict[str, list[tuple[int, TriggerRule, tuple[str, ...]]]]:
    """Rules by the first word of each of their phrases."""
    index: dict[str, list[tuple[int, TriggerRule, tuple[str, ...]]]] = {}
    for order, rule in enumerate(lex.rules):
        for phrase in rule.phrases:
            index.setdefault(phrase[0], []).append((order, rule, phrase))
    return index


def _match_at(tokens: list[Token], i: int, end: int, lex: Lexicon) -> tuple[TriggerRule, int] | None:
    """The first rule (in file order) with a phrase starting at token i, and the phrase's end."""
    best: tuple[int, TriggerRule, int] | None = None
    index = _index(lex)
    for key in tokens[i].keys:
        for order, rule, phrase in index.get(key, ()):
            stop = i + len(phrase)
            if stop > end or (best and best[0] <= order):
                continue
            if all(phrase[k] in tokens[i + k].keys for k in range(1, len(phrase))):
                best = (order, rule, stop)
    return (best[1], best[2]) if best else None


def _needs_met(
    rule: TriggerRule, form: str, tokens: list[Token], span: tuple[int, int], clause: Clause, lex: Lexicon
) -> bool:
    """True when the words the rule needs stand near the trigger in its clause."""
    start, end = span
    after = tokens[end : min(end + AFTER, clause.end)]
    before = tokens[max(start - BEFORE, clause.start) : start]
    kind = {"aid": "aid", "aid_before": "aid", "offer": "offer", "agreement": "agreement"}.get(rule.needs)
    if kind is None or (form == "noun" and lex.has("offer", tokens[start].keys)):
        return True
    window = before if rule.needs == "aid_before" else after
    if form in ("passive", "noun") and rule.needs != "aid_before":
        window = before + after
    return any(lex.has(kind, t.keys) for t in window)


def _shifted(hit: Hit, tokens: list[Token], clause: Clause, lex: Lexicon) -> Hit:
    """Apply the first type shift whose marker stands just before the trigger."""
    sentence_keys = frozenset().union(*(t.keys for t in tokens))
    for shift in lex.shifts:
        if shift.source != hit.event_type:
            continue
        near = tokens[max(clause.start, hit.start - shift.window) : hit.start]
        if not any(shift.before & t.keys for t in near):
            continue
        if shift.sentence and not shift.sentence & sentence_keys:
            continue
        return replace(
            hit, event_type=shift.target, response=shift.response or hit.response, shift=shift.name
        )
    return hit


def _merge(hits: list[Hit], tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Join a trigger with the one it governs ("offered to send", "siap membantu", "extended condolences")."""
    merged: list[Hit] = []
    for hit in hits:
        prev = merged[-1] if merged else None
        gap = tokens[prev.end : hit.start] if prev else []
        if prev and len(gap) <= 2 and all(t.lower in lex.words["link"] for t in gap):
            keep = hit if hit.event_type in _ABSORBING else prev
            merged[-1] = replace(keep, start=prev.start, end=hit.end)
            continue
        merged.append(hit)
    return merged


def find_triggers(tokens: list[Token], clause: Clause, lex: Lexicon) -> list[Hit]:
    """The triggers of one clause in text order, after their needs, shifts and merging."""
    hits: list[Hit] = []
    i = clause.start
    while i < clause.end:
        found = _match_at(tokens, i, clause.end, lex)
        if found is None:
            i += 1
            continue
        rule, stop = found
        form = tokens[i].form
        if (form in rule.forms or form == "base") and _needs_met(rule, form, tokens, (i, stop), clause, lex):
            hit = Hit(rule, i, stop, rule.event_type, rule.response, rule.as_form or form)
            hits.append(_shifted(hit, tokens, clause, lex))
        i = stop
    return _merge(hits, tokens, lex)
