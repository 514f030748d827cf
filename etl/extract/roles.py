"""Stage 4: actor names as grammatical roles, and the sender and recipient of each trigger."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from etl.actors import REPORTER, Mention
from etl.extract.clauses import Clause, clause_of
from etl.extract.lexicon import Lexicon
from etl.extract.tokens import Token
from etl.extract.triggers import Hit

_ADJECTIVE_ENDINGS = ("-hit", "-stricken", "-affected", "-ravaged", "-torn", "-led", "-based")
_MAX_FILLER = 5  # title words allowed between the parts of one name ("Presiden Rusia Vladimir Putin")
_OBJ_GAP = 3  # filler tokens allowed between a verb and its object


@dataclass(frozen=True)
class Party:
    """One actor or several joined by and/dan, with the role of the first: bare, obj, to, from, loc,
    with, poss, gen (amount and source names are dropped)."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    start: int  # token span [start, end)
    end: int
    role: str
    clause: int


@dataclass(frozen=True)
class Roles:
    """The sender and recipient parties of one trigger and how each was found (for --explain)."""

    sender: Party | None
    recipient: Party | None
    sender_how: str
    recipient_how: str


def _spans(tokens: list[Token], mentions: list[Mention]) -> list[tuple[int, int, Mention]]:
    """Token spans of the actor mentions (reporters left out)."""
    starts = [t.start for t in tokens]
    spans = []
    for m in mentions:
        i, j = bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end)
        if m.code != REPORTER and i < j:
            spans.append((i, j, m))
    return spans


def _skippable(tok: Token, lex: Lexicon) -> bool:
    """Titles, offices and adjectives between a name and the word that governs it."""
    filler = tok.lower in lex.roles["filler"] or tok.lower.endswith(_ADJECTIVE_ENDINGS)
    return filler or tok.text[:1].isdigit() or lex.has("amount", tok.keys)  # "two New Zealand ships"


def _included(tokens: list[Token], j: int, lex: Lexicon) -> str:
    """The role of a name after "including": that of the last preposition within a few words before."""
    for k in range(j - 1, max(j - 8, -1), -1):
        for role in ("to", "from", "loc", "with"):
            if tokens[k].lower in lex.roles[role]:
                return role
    return "bare"


def _governor(tokens: list[Token], j: int, triggers: frozenset[int], lex: Lexicon) -> str:
    """The role a governing token gives the name after it."""
    tok = tokens[j]
    if lex.has("currency", tok.keys) or lex.has("origin", tok.keys):
        return "amount"
    if tok.lower in lex.roles["including"]:
        return _included(tokens, j, lex)
    if tok.lower in lex.roles["source"] or (j > 0 and tokens[j - 1].lower in lex.roles["source"]):
        return "source"
    for role in ("to", "from", "loc", "with", "and"):
        if tok.lower in lex.roles[role]:
            return role
    if j in triggers:
        return "obj"
    return "gen" if lex.has("aid", tok.keys) else "bare"


def _role(
    tokens: list[Token], span: tuple[int, int], clause: Clause, triggers: frozenset[int], lex: Lexicon
) -> str:
    """The role of the name at token span: from the word after it ('s, a currency) or the one governing it."""
    i, j = span
    nxt = tokens[j] if j < len(tokens) else None
    if nxt is not None and nxt.lower in lex.words["possessive"]:
        owned = tokens[j + 1] if j + 1 < len(tokens) else None
        aid = owned is not None and (lex.has("aid", owned.keys) or j + 1 in triggers)
        return "poss" if aid else "bare"
    if nxt is not None and nxt.text.isalpha() and lex.has("currency", nxt.keys):
        return "amount"  # "U.S. dollars", not "gave Japan $3 million"
    k = i - 1
    while k >= clause.start and _skippable(tokens[k], lex):
        k -= 1
    role = "bare" if k < clause.start else _governor(tokens, k, triggers, lex)
    if (
        role in ("bare", "and")
        and nxt is not None
        and nxt.text.isalpha()
        and lex.has("aid", nxt.keys)
        and j not in triggers
    ):
        return "poss"  # "Qatari rescuers", "Japanese aid"
    return role


def _groups(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[tuple[int, int, Mention]]:
    """Mentions merged when the same actor is named twice with only titles between."""
    merged: list[tuple[int, int, Mention]] = []
    for i, j, m in _spans(tokens, mentions):
        if merged and merged[-1][2].code == m.code:
            pi, pj, pm = merged[-1]
            gap = tokens[pj:i]
            if len(gap) <= _MAX_FILLER and all(_skippable(t, lex) or t.lower in (",", "'s") for t in gap):
                merged[-1] = (pi, j, pm)
                continue
        merged.append((i, j, m))
    return merged


def _opens_predicate(tokens: list[Token], j: int, starts: frozenset[int], lex: Lexicon) -> bool:
    """True when the name ending at j is followed by a verb: it starts a clause ("to Libya, and Egypt put
    planes on standby"), it is not one more recipient."""
    if j in starts or j >= len(tokens):
        return j in starts
    nxt = tokens[j]
    words = lex.words
    grammar = words["filler"] | words["determiner"] | words["possessive"] | words["clause_break"]
    grammar = grammar | words["preposition"]
    known = any(nxt.lower in lex.roles[r] for r in ("to", "from", "loc", "with", "and", "source"))
    verb_like = nxt.form in ("active", "passive") if nxt.form != "base" else nxt.text.islower()
    return nxt.text.isalpha() and verb_like and not known and nxt.lower not in grammar


def _adjacent(tokens: list[Token], end: int, start: int, lex: Lexicon) -> bool:
    """True when only and/dan, commas and title words stand between two names."""
    return all(t.lower in lex.roles["and"] or _skippable(t, lex) for t in tokens[end:start])


def parties(
    sentence: str,
    tokens: list[Token],
    mentions: list[Mention],
    clauses: list[Clause],
    hits: list[Hit],
    lex: Lexicon,
) -> list[Party]:
    """The actor parties of a sentence with their roles; names joined by and/dan form one party."""
    triggers = frozenset(k for h in hits for k in range(h.start, h.end))
    starts = frozenset(h.start for h in hits)
    out: list[Party] = []
    dropped = -1  # end of the last name dropped as an amount or a source
    for i, j, m in _groups(tokens, mentions, lex):
        n = clause_of(clauses, i)
        role = _role(tokens, (i, j), clauses[n], triggers, lex)
        if role in ("amount", "source") or (
            role == "and" and dropped >= 0 and _adjacent(tokens, dropped, i, lex)
        ):
            dropped = j  # "dalam bahasa Indonesia dan Prancis": both are languages
            continue
        name = sentence[tokens[i].start : tokens[j - 1].end]
        prev = out[-1] if out else None
        joined = prev is not None and prev.clause == n and role == "and"
        after_verb = any(clauses[n].start <= h.start < i for h in hits)
        joined = joined and (
            prev.role == "bare" or not after_verb or not _opens_predicate(tokens, j, starts, lex)
        )
        if prev is not None and joined and _adjacent(tokens, prev.end, i, lex):
            if m.code not in prev.codes:
                out[-1] = Party((*prev.codes, m.code), (*prev.names, name), prev.start, j, prev.role, n)
            continue
        out.append(Party((m.code,), (name,), i, j, "bare" if role == "and" else role, n))
    return out


def _nearest_before(cands: list[Party], hit: Hit, roles: tuple[str, ...]) -> Party | None:
    """The closest party before the trigger with one of the roles."""
    return next((p for p in reversed(cands) if p.end <= hit.start and p.role in roles), None)


def _first_after(cands: list[Party], hit: Hit, stop: int, roles: tuple[str, ...]) -> Party | None:
    """The first party after the trigger (before `stop`) with one of the roles."""
    return next((p for p in cands if hit.end <= p.start < stop and p.role in roles), None)


def _owner(cands: list[Party], hit: Hit, end: int) -> Party | None:
    """The owner of a noun trigger: "Japan's offer", "tawaran (bantuan) Jepang", "offer from Japan"."""
    owner = next((p for p in cands if p.role == "poss" and hit.start - 2 <= p.end <= hit.start), None)
    owner = owner or next((p for p in cands if p.role == "gen" and 0 <= p.start - hit.end <= 3), None)
    return owner or _first_after(cands, hit, end, ("from",))


def _sender(
    cands: list[Party], hit: Hit, end: int, hits: list[Hit], main_subject: Party | None
) -> tuple[Party | None, str]:
    """The sender by the trigger's form: agent of a passive, owner of a noun, else the subject."""
    if hit.rule.scheme == "arrival":
        found = _nearest_before(cands, hit, ("poss", "gen", "from", "bare"))
        return found, "owner of the aid that arrived"
    if hit.form == "passive":
        agent = _first_after(cands, hit, end, ("from",)) or _nearest_before(cands, hit, ("from",))
        direct = next((p for p in cands if p.start == hit.end and p.role == "obj"), None)
        owner = _nearest_before(cands, hit, ("poss", "gen"))
        found = agent or direct or owner
        return found, "agent of the passive" if found else ""
    if hit.form == "noun":
        found = _owner(cands, hit, end)
        if found:
            return found, "owner of the noun"
    subject = _nearest_before(cands, hit, ("bare",))
    if subject is None and hit.form != "noun":  # "Planes from Australia unloaded tents": the subject's owner
        subject = _nearest_before(cands, hit, ("from", "poss"))
    if subject and main_subject:  # "Washington told Moroccan officials it was ready": it = Washington
        subject = main_subject
    if hit.form == "noun":  # "X sent Y a message of sympathy": the light verb's subject
        subject = next((p for p in cands if p.role == "bare" and p.end <= hit.start), None)
    if subject and hit.form == "noun" and any(subject.end <= h.start < hit.start for h in hits):
        return None, ""  # "X thanked Y for the offer": the offer is not X's
    if subject is None and hit.form == "base":
        found = _owner(cands, hit, end)
        return found, "owner of the noun" if found else ""
    return subject, "subject" if subject else ""


def _places(cands: list[Party], first: Party, stop: int) -> Party:
    """A place recipient with the places after it ("victims in Morocco and of floods in Libya")."""
    more = [p for p in cands if first.end <= p.start < stop and p.role == first.role]
    return _with_gapped(first, more) if first.role in ("loc", "to") and more else first


def _recipient(cands: list[Party], hit: Hit, stop: int, scheme: tuple[str, ...]) -> tuple[Party | None, str]:
    """The recipient: the first role of the scheme found after the trigger (before it for passives)."""
    for role in scheme:
        found = _first_after(cands, hit, stop, (role,))
        if found and (role != "obj" or found.start - hit.end <= _OBJ_GAP):
            return _places(cands, found, stop), role
        if hit.form == "passive" and role in ("to", "poss", "gen"):
            found = _nearest_before(cands, hit, (role,))
            if found:
                return found, role
    if hit.form == "passive" and hit.rule.scheme == "giving":
        found = _nearest_before(cands, hit, ("bare",))
        return found, "subject of the passive" if found else ""
    return None, ""


def _after_participle(cands: list[Party], hit: Hit, tokens: list[Token], lex: Lexicon) -> Party | None:
    """The subject after a participle clause: "after sending condolences, Algeria's presidency ..."."""
    return next(
        (
            p
            for p in cands
            if p.start > hit.end
            and p.role == "bare"
            and tokens[p.start - 1].text == ","
            and _subject_like(p, tokens, lex)
        ),
        None,
    )


def _inherited(all_parties: list[Party], clauses: list[Clause], n: int) -> tuple[Party | None, str]:
    """A subject-less clause's sender: the antecedent of who/which/yang, else an earlier clause's subject."""
    if clauses[n].relative:
        before = [p for p in all_parties if p.clause == n - 1]
        if before:
            return before[-1], "antecedent of the relative clause"
    earlier = [p for p in all_parties if p.clause < n and p.role == "bare"]
    if not earlier:
        return None, ""
    last = earlier[-1].clause
    return next(p for p in earlier if p.clause == last), "subject of an earlier clause"


def _gapped(cands: list[Party], hit: Hit, stop: int, tokens: list[Token], lex: Lexicon) -> list[Party]:
    """Givers of an understood verb: "Germany offered 20 million euros, Britain 20 million pounds"."""
    out = []
    for p in cands:
        if p.start < hit.end or p.start >= stop or p.role != "bare" or p.end >= len(tokens):
            continue
        before, after = tokens[p.start - 1], tokens[p.end]
        if before.lower in lex.roles["and"] and (after.text[:1].isdigit() or lex.has("amount", after.keys)):
            out.append(p)
    return out


def _with_gapped(sender: Party, gapped: list[Party]) -> Party:
    """The sender party with the givers of the understood verb added."""
    codes, names = list(sender.codes), list(sender.names)
    for p in gapped:
        for code, name in zip(p.codes, p.names, strict=True):
            if code not in codes:
                codes.append(code)
                names.append(name)
    return Party(tuple(codes), tuple(names), sender.start, sender.end, sender.role, sender.clause)


def _subject_like(p: Party, tokens: list[Token], lex: Lexicon) -> bool:
    """True when a verb follows the name (after 's, titles and capitalised names): it is a subject."""
    k = p.end
    while k < len(tokens) and (
        tokens[k].lower in lex.words["possessive"]
        or _skippable(tokens[k], lex)
        or tokens[k].text[:1].isupper()
    ):
        k += 1
    return k < len(tokens) and _opens_predicate(tokens, k, frozenset(), lex)


def _main_subject(cands: list[Party], hit: Hit, tokens: list[Token], lex: Lexicon) -> Party | None:
    """The clause's subject when it, not the nearest name, acts: a pronoun stands for it ("X told Y it
    would help") or the nearest name sits in an apposition ("Pakistan, a U.S. ally, refused")."""
    near = _nearest_before(cands, hit, ("bare",))
    bare = [p for p in cands if p.role == "bare" and p.end <= hit.start]
    first = next((p for p in bare if _subject_like(p, tokens, lex)), bare[0] if bare else None)
    if near is None or first is None or near is first:
        return None
    if any(t.lower in lex.words["pronoun"] for t in tokens[near.end : hit.start]):
        return first
    k = hit.start - 1
    while k > near.end and tokens[k].lower in lex.words["be"] | lex.words["aux"]:
        k -= 1
    apposition = first.end < len(tokens) and tokens[first.end].text == "," and tokens[k].text == ","
    return first if apposition else None


def _shared_subject(
    hit: Hit,
    hits: list[Hit],
    all_parties: list[Party],
    sentence: tuple[list[Token], list[Clause]],
    lex: Lexicon,
) -> Roles | None:
    """A verb joined by and/dan to the trigger before it shares its subject ("sent aid and pledged more")."""
    tokens, clauses = sentence
    n = clause_of(clauses, hit.start)
    prev = [h for h in hits if clauses[n].start <= h.start and h.end <= hit.start]
    if (
        not prev
        or hit.start == 0
        or tokens[hit.start - 1].lower not in ("and", "dan", "serta")
        or hit.form == "noun"
    ):
        return None
    first = find_roles(prev[-1], hits, all_parties, sentence, lex)
    if first.sender is None:
        return None
    mine = _own_roles(hit, hits, all_parties, sentence, lex)
    return Roles(first.sender, mine.recipient, "subject of the verb it is joined to", mine.recipient_how)


def _after_personal_possessive(tokens: list[Token], hit: Hit, lex: Lexicon) -> bool:
    """True when his/her stands before a noun trigger: a person's own act, as the antecedent's."""
    return hit.start > 0 and tokens[hit.start - 1].lower in lex.words["personal_possessive"]


def _owner_of_joined_subject(cands: list[Party], hit: Hit, tokens: list[Token], lex: Lexicon) -> Party | None:
    """The name before "and its/their ..." when that possessed subject opens the trigger's conjunct."""
    for k in range(hit.start - 2, 0, -1):
        if tokens[k].lower in lex.words["possessive_pronoun"] and tokens[k - 1].lower in lex.roles["and"]:
            return next((p for p in reversed(cands) if p.end < k and p.role == "bare"), None)
    return None


def _own_roles(
    hit: Hit,
    hits: list[Hit],
    all_parties: list[Party],
    sentence: tuple[list[Token], list[Clause]],
    lex: Lexicon,
) -> Roles:
    """The sender and recipient of one trigger, looked for inside its clause only."""
    tokens, clauses = sentence
    n = clause_of(clauses, hit.start)
    cands = [p for p in all_parties if p.clause == n]
    later = [h for h in hits if hit.end <= h.start < clauses[n].end and h.form != "noun"]
    stop = later[0].start if later and hit.rule.scheme != "response" else clauses[n].end  # what is refused
    sender, sender_how = _sender(cands, hit, clauses[n].end, hits, _main_subject(cands, hit, tokens, lex))
    if (
        hit.form == "noun"
        and hit.start > 0
        and tokens[hit.start - 1].lower in lex.words["possessive_pronoun"]
    ):
        sender = next(
            (p for p in reversed(cands) if p.end <= hit.start), sender
        )  # "took Paris up on its offers"
        sender_how = "the name its/their points to" if sender else ""
    if sender is None and hit.form == "noun" and _after_personal_possessive(tokens, hit, lex):
        sender, sender_how = _inherited(all_parties, clauses, n)  # "X, who sent her condolences, ..."
    if sender is None and hit.form == "noun":  # "X sent doctors and its emir sent condolences"
        sender = _owner_of_joined_subject(cands, hit, tokens, lex)
        sender_how = "the name its/their points to" if sender else ""
    if sender is None and hit.form != "noun":  # "after sending condolences, Algeria's presidency ..."
        sender = _after_participle(cands, hit, tokens, lex)
        sender_how = "subject of the main clause after the participle" if sender else ""
    if sender is None and hit.form != "noun":
        sender, sender_how = _inherited(all_parties, clauses, n)
    gapped = _gapped(cands, hit, stop, tokens, lex) if sender and sender_how == "subject" else []
    others = [p for p in cands if p is not sender and p not in gapped]
    scheme = lex.schemes[hit.rule.scheme]
    if hit.rule.scheme in lex.nearest:
        found = next((p for p in others if hit.end <= p.start < stop and p.role in scheme), None)
        recipient, recipient_how = (found, found.role) if found else (None, "")
    else:
        recipient, recipient_how = _recipient(others, hit, stop, scheme)
    if recipient is None and hit.form == "noun" and sender is not None:
        recipient = next((p for p in others if p.role == "bare" and sender.end <= p.start < hit.start), None)
        recipient_how = "object of the light verb" if recipient else ""
    if sender and gapped:
        sender, sender_how = _with_gapped(sender, gapped), "subject (and givers of the understood verb)"
    if hit.rule.scheme in lex.swapped:  # "X received aid from Y": Y gives to X
        return Roles(recipient, sender, recipient_how, sender_how)
    return Roles(sender, recipient, sender_how, recipient_how)


def find_roles(
    hit: Hit,
    hits: list[Hit],
    all_parties: list[Party],
    sentence: tuple[list[Token], list[Clause]],
    lex: Lexicon,
) -> Roles:
    """The sender and recipient of one trigger: shared with the verb it is joined to, else its own."""
    return _shared_subject(hit, hits, all_parties, sentence, lex) or _own_roles(
        hit, hits, all_parties, sentence, lex
    )
