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
    """True when the words the rule needs stand near the trigger in its clause (before the next trigger)."""
    start, end = span
    kind = {"aid": "aid", "aid_near": "aid", "aid_sentence": "aid", "offer": "offer"}.get(rule.needs)
    kind = kind or ("agreement" if rule.needs == "agreement" else None)
    if kind is None or (form == "noun" and lex.has("offer", tokens[start].keys)):
        return True
    if rule.scheme == "response" and any(t.lower in lex.words["object_pronoun"] for t in tokens[start:end]):
        return True  # "turned it back": "it" is the aid named before
    after = tokens[end : min(end + AFTER, clause.end)]
    reach = 2 * BEFORE if rule.needs == "aid_near" else BEFORE  # "Japan's aid for the victims ... landed"
    before = tokens[max(start - reach, clause.start) : start]
    window = {"aid_near": before + after, "aid_sentence": tokens[:start] + tokens[end:]}.get(
        rule.needs, after
    )
    if (form in ("passive", "noun") and rule.needs in ("aid", "offer")) or rule.needs == "agreement":
        window = before + after
    kinds = (kind, "offer") if kind == "aid" else (kind,)  # an offer is what aid verbs act on too
    return any(lex.has(k, t.keys) for t in window for k in kinds)


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
    """Join a trigger with the verb it governs ("offered to send", "siap membantu", "extended condolences");
    drop a help-verb that only states a purpose."""
    merged: list[Hit] = []
    for hit in hits:
        prev = merged[-1] if merged else None
        absorbing = hit.event_type in _ABSORBING
        if prev and _linked(tokens, prev.end, hit.start, lex) and (hit.form != "noun" or absorbing):
            keep = hit if absorbing else prev
            merged[-1] = replace(keep, start=prev.start, end=hit.end)
            continue
        if not _purpose(hit, tokens, lex):
            merged.append(hit)
    return merged


def _purpose(hit: Hit, tokens: list[Token], lex: Lexicon) -> bool:
    """True for "to help" that only states a purpose ("appealed for funds to help victims")."""
    after_link = hit.start > 0 and tokens[hit.start - 1].lower in lex.words["link"]
    return hit.rule.needs == "recipient" and hit.shift is None and after_link


def _candidates(tokens: list[Token], clause: Clause, lex: Lexicon) -> list[tuple[TriggerRule, int, int]]:
    """Every rule match in the clause in a form the rule accepts, earlier rules first, none overlapping."""
    found = []
    i = clause.start
    while i < clause.end:
        match = _match_at(tokens, i, clause.end, lex)
        if match is None:
            i += 1
            continue
        rule, stop = match
        unless = any(not rule.unless_next.isdisjoint(t.keys) for t in tokens[stop : stop + 2])
        if (tokens[i].form in rule.forms or tokens[i].form == "base") and not unless:
            found.append((rule, i, stop))
        i = stop
    return found


def _linked(tokens: list[Token], stop: int, start: int, lex: Lexicon) -> bool:
    """True when at most two link words stand between two triggers ("offered to send", "siap membantu")."""
    gap = tokens[stop:start]
    return len(gap) <= 2 and all(t.lower in lex.words["link"] for t in gap)


def _next_unlinked(
    found: list[tuple[TriggerRule, int, int]], n: int, tokens: list[Token], lex: Lexicon
) -> int:
    """Where the next verb trigger not linked to candidate n starts (0 if none); nouns are objects."""
    for m in range(n + 1, len(found)):
        rule, start, _stop = found[m]
        noun = tokens[start].form == "noun" or (
            lex.has("offer", tokens[start].keys) and rule.event_type == "offer_aid"
        )
        helper = rule.needs == "recipient" or rule.scheme == "reverse"  # "send help", "in exchange for aid"
        if not (noun or helper) and not _linked(tokens, found[m - 1][2], start, lex):
            return start
    return 0


def find_triggers(tokens: list[Token], clause: Clause, lex: Lexicon) -> list[Hit]:
    """The triggers of one clause in text order, after their needs, shifts and merging; what a trigger
    needs must stand before the next candidate ("sent planes to collect supplies": supplies are collected)."""
    found = _candidates(tokens, clause, lex)
    hits: list[Hit] = []
    for n, (rule, start, stop) in enumerate(found):
        form = rule.as_form or tokens[start].form
        limit = _next_unlinked(found, n, tokens, lex) or clause.end
        window = Clause(clause.start, max(limit, stop), clause.relative)
        if _needs_met(rule, form, tokens, (start, stop), window, lex):
            hits.append(
                _shifted(Hit(rule, start, stop, rule.event_type, rule.response, form), tokens, clause, lex)
            )
    return _merge(hits, tokens, lex)
