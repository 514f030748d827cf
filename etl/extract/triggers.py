"""Stage 3: the trigger words of a clause, matched against the named rules in etl/rules/triggers.toml."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from etl.extract.clauses import Clause
from etl.extract.lexicon import Lexicon, TriggerRule
from etl.extract.tokens import Token

AFTER, BEFORE = 8, 8  # tokens after / before a trigger where what it needs may stand
_ABSORBING = ("express_sympathy", "express_gratitude", "accept_aid")  # "sent planes to collect aid": accept


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


def _matches_at(tokens: list[Token], i: int, end: int, lex: Lexicon) -> list[tuple[TriggerRule, int]]:
    """Every rule with a phrase starting at token i, in file order, with the phrase's end."""
    found: dict[int, tuple[TriggerRule, int]] = {}
    for key in tokens[i].keys:
        for order, rule, phrase in _index(lex).get(key, ()):
            stop = i + len(phrase)
            longer = order not in found or found[order][1] < stop
            if longer and stop <= end and all(phrase[k] in tokens[i + k].keys for k in range(1, len(phrase))):
                found[order] = (rule, stop)
    return [found[order] for order in sorted(found)]


def _past_apposition(tokens: list[Token], end: int) -> int:
    """Where the words after a trigger resume once an apposition to its first object is skipped
    ("offered Peru, a neighbour it once fought, food and tents"): `end` when there is none."""
    if end + 2 >= len(tokens) or not tokens[end].text[:1].isupper() or tokens[end + 1].text != ",":
        return end
    if not tokens[end + 2].text[:1].islower():
        return end  # "Peru, Chile and Bolivia": a list, not an apposition
    close = next((k for k in range(end + 3, min(end + 16, len(tokens))) if tokens[k].text == ","), None)
    return end if close is None else close + 1


def _elided_count(tokens: list[Token], end: int, lex: Lexicon) -> bool:
    """True when a bare count follows the trigger, its noun left to the sentence before ("Chile has sent
    12, Bolivia five"): the aid counted is the aid the story is about."""
    if end >= len(tokens) or not (tokens[end].text[:1].isdigit() or lex.has("amount", tokens[end].keys)):
        return False
    nxt = tokens[end + 1] if end + 1 < len(tokens) else None
    return nxt is None or nxt.text in (",", ".", ";") or nxt.lower in lex.roles["and"]


def _needs_met(
    rule: TriggerRule, form: str, tokens: list[Token], span: tuple[int, int], clause: Clause, lex: Lexicon
) -> bool:
    """True when the words the rule needs stand near the trigger in its clause (before the next trigger)."""
    start, end = span
    kind = {"aid": "aid", "aid_near": "aid", "aid_sentence": "aid", "offer": "offer"}.get(rule.needs)
    if rule.needs == "agreement_aid" and not any(
        lex.has("aid", t.keys) or lex.has("alliance", t.keys) for t in tokens
    ):
        return False
    kind = kind or ("agreement" if rule.needs.startswith("agreement") else None)
    if kind is None or (form == "noun" and lex.has("offer", tokens[start].keys)):
        return True
    if rule.scheme == "response" and any(t.lower in lex.words["object_pronoun"] for t in tokens[start:end]):
        return True  # "turned it back": "it" is the aid named before
    if rule.scheme == "giving" and form == "active" and _elided_count(tokens, end, lex):
        return True
    resume = _past_apposition(tokens, end)
    after = tokens[end : min(end + AFTER, clause.end)] + (
        tokens[resume : resume + AFTER] if resume > end else []
    )
    reach = 2 * BEFORE if rule.needs == "aid_near" else BEFORE  # "Japan's aid for the victims ... landed"
    before = tokens[max(start - reach, clause.start) : start]
    window = {"aid_near": before + after, "aid_sentence": tokens[:start] + tokens[end:]}.get(
        rule.needs, after
    )
    if (form in ("passive", "noun") and rule.needs in ("aid", "offer")) or rule.needs.startswith("agreement"):
        window = before + after
    kinds = (kind, "offer") if kind == "aid" else (kind,)  # an offer is what aid verbs act on too
    return any(lex.has(k, t.keys) for t in window for k in kinds)


def _shifted(hit: Hit, tokens: list[Token], clause: Clause, lex: Lexicon) -> Hit:
    """Apply the first type shift whose marker stands just before the trigger."""
    for shift in lex.shifts:
        if shift.source != hit.event_type:
            continue
        near = tokens[max(clause.start, hit.start - shift.window) : hit.start]
        if not any(shift.before & t.keys for t in near):
            continue
        if shift.sentence and not any(shift.sentence & t.keys for t in tokens):
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


Options = list[tuple[TriggerRule, int]]


def _candidates(tokens: list[Token], clause: Clause, lex: Lexicon) -> list[tuple[int, Options]]:
    """Where triggers may stand in the clause, each with the rules that match there in an accepted form
    (earlier rules first); matches never overlap."""
    found = []
    i = clause.start
    while i < clause.end:
        options = [
            (rule, stop)
            for rule, stop in _matches_at(tokens, i, clause.end, lex)
            if (tokens[i].form in rule.forms or tokens[i].form == "base")
            and not any(not rule.unless_next.isdisjoint(t.keys) for t in tokens[stop : stop + 2])
        ]
        if options:
            found.append((i, options))
            i = options[0][1]
        else:
            i += 1
    return found


def _linked(tokens: list[Token], stop: int, start: int, lex: Lexicon) -> bool:
    """True when one trigger governs the next: link words between ("offered to send", "siap membantu"),
    or a short object before "to" ("asked Australia to send")."""
    gap = tokens[stop:start]
    if len(gap) <= 2 and all(t.lower in lex.words["link"] for t in gap):
        return True
    # "asked Australia to send", "proposed on Aug. 30 to send": an object or a date, then "to"
    return 0 < len(gap) <= 5 and gap[-1].lower in ("to", "untuk") and all(t.text not in ",;" for t in gap)


def _next_unlinked(found: list[tuple[int, Options]], n: int, tokens: list[Token], lex: Lexicon) -> int:
    """Where the next verb trigger not linked to candidate n starts (0 if none); nouns are objects."""
    for m in range(n + 1, len(found)):
        start, options = found[m]
        rule, _stop = options[0]
        noun = tokens[start].form == "noun" or (
            lex.has("offer", tokens[start].keys) and rule.event_type == "offer_aid"
        )
        helper = rule.needs == "recipient" or rule.scheme == "reverse"  # "send help", "in exchange for aid"
        previous_end = found[m - 1][1][0][1]
        if not (noun or helper) and not _linked(tokens, previous_end, start, lex):
            return start
    return 0


def find_triggers(tokens: list[Token], clause: Clause, lex: Lexicon) -> list[Hit]:
    """The triggers of one clause in text order, after their needs, shifts and merging: at each place the
    first rule whose needs are met wins; what a trigger needs must stand before the next candidate
    ("sent planes to collect supplies": supplies are collected)."""
    found = _candidates(tokens, clause, lex)
    hits: list[Hit] = []
    for n, (start, options) in enumerate(found):
        limit = _next_unlinked(found, n, tokens, lex) or clause.end
        nominal = start > 0 and tokens[start - 1].lower in lex.words["nominalizer"]
        for rule, stop in options:
            form = rule.as_form or ("noun" if nominal else tokens[start].form)
            window = Clause(clause.start, max(limit, stop), clause.relative)
            if _needs_met(rule, form, tokens, (start, stop), window, lex):
                hit = Hit(rule, start, stop, rule.event_type, rule.response, form)
                hits.append(_shifted(hit, tokens, clause, lex))
                break
    return _merge(hits, tokens, lex)
