"""Stage 5: an article's events: sentences through tokens, clauses, triggers and roles; context; dates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from etl.actors import REPORTER, Mention, article_codes, find_mentions
from etl.dates import DateMention, find_dates
from etl.extract import budget
from etl.extract.clauses import Clause, clause_of, split_clauses
from etl.extract.dating import (
    Dated,
    date_for,
    exactness,
    gift_date,
    is_days_news,
    pledge_day,
    relative_day,
    told_day,
)
from etl.extract.lexicon import Lexicon, lexicon
from etl.extract.modality import judge
from etl.extract.roles import Party, Roles, find_roles, parties
from etl.extract.tokens import Token, tokenize
from etl.extract.triggers import Hit, find_triggers
from etl.models import Article, Event, cameo_code, stable_hash
from etl.text import split_sentences, strip_boilerplate

MAX_PIECE = 2000  # characters of one sentence looked at together; longer runs are cut at a space
_GIVING = ("offer_aid", "provide_aid", "express_sympathy", "request_aid")
_RESPONSES = ("accept_aid", "decline_aid", "express_gratitude")
_PAIRED = ("sign_agreement", "meet")
_PLACE_ROLES = ("to", "loc")
_AID_TYPED = ("offer_aid", "provide_aid", "request_aid", "accept_aid", "decline_aid")


@dataclass(frozen=True)
class Explanation:
    """Why an event was coded: the rule, the trigger and the spans taken for each role, date and hedge."""

    rule: str
    trigger: str
    sender: str | None
    sender_how: str
    recipient: str | None
    recipient_how: str
    date: str | None = None
    date_how: str = ""
    hedge: str = "stated"


@dataclass(frozen=True)
class Explained:
    """An event with its explanation."""

    event: Event
    why: Explanation


@dataclass(frozen=True)
class Draft:
    """An event before its date and id are final."""

    index: int
    event_type: str
    sender: str
    sender_name: str | None
    recipient: str | None
    recipient_name: str | None
    aid_type: str | None
    response: str | None
    certainty: str
    evidence: str
    confidence: float
    dated: Dated
    why: Explanation


@dataclass
class Context:
    """What the article said so far: the last subject, who gave to whom, the last day, whom it is about."""

    last_subject: str | None = None
    givers: dict[str, str] = field(default_factory=dict)
    last_day: DateMention | None = None
    last_pledge: DateMention | None = None  # the last day named at a pledge or announcement
    open_responses: list[Draft] = field(default_factory=list)  # "accepted aid from friendly countries"
    ranked: tuple[str, ...] = ()  # actors by how much the article is about them (see _ranked)
    home: str | None = None  # the place in the news (see _ranked)
    article: str | None = None  # the whole text, for the modality stage's article-level rules

    @property
    def focus(self) -> str | None:
        """The actor the article is most about: who answers offers when no one is named."""
        return self.ranked[0] if self.ranked else None

    def implied_recipient(self, sender: str) -> str | None:
        """The recipient a giving act implies: the actor the article is most about, other than the giver;
        none when the giver is that actor (the country in the news rarely gives to an unnamed other)."""
        if sender == self.home:
            return None
        return next((code for code in self.ranked if code != sender), None)


@dataclass(frozen=True)
class Sentence:
    """One analysed sentence: its text, tokens, clauses, mentions, dates, triggers and actor parties."""

    index: int
    text: str
    tokens: list[Token]
    clauses: list[Clause]
    mentions: list[Mention]
    dates: list[DateMention]
    hits: list[Hit]
    parties: list[Party]
    aid_kinds: list[tuple[int, str]]


def pieces(sentence: str) -> list[str]:
    """A sentence cut into runs of at most MAX_PIECE characters at spaces, so work per run is bounded."""
    out = []
    while len(sentence) > MAX_PIECE:
        cut = sentence.rfind(" ", 0, MAX_PIECE)
        cut = cut if cut > 0 else MAX_PIECE
        out.append(sentence[:cut])
        sentence = sentence[cut:].lstrip()
    return [*out, sentence] if sentence else out


def aid_kinds(tokens: list[Token], lex: Lexicon) -> list[tuple[int, str]]:
    """(token index, kind of aid) for every aid-type word of a sentence, in order."""
    out = []
    for i, tok in enumerate(tokens):
        kind = next((k for k, words in lex.aid_types.items() if not words.isdisjoint(tok.keys)), None)
        if kind:
            out.append((i, kind))
    return out


def _aid_type(s: Sentence, hit: Hit) -> str | None:
    """The kind of aid: the first aid-type word in the ten words from the trigger, else in the sentence."""
    if hit.event_type not in _AID_TYPED:
        return None
    near = next((kind for i, kind in s.aid_kinds if hit.start <= i < hit.end + 10), None)
    return near or (s.aid_kinds[0][1] if s.aid_kinds else "unspecified")


def _hedge(s: Sentence, hit: Hit, language: str | None, article: str | None) -> tuple[str | None, str]:
    """The certainty of a trigger as the modality stage judges it (None: no event), and its rule."""
    start, end = s.tokens[hit.start].start, s.tokens[hit.end - 1].end
    verdict = judge(s.text, start, end, language, event_type=hit.event_type, article=article)
    if not verdict.keep:
        return None, verdict.rule
    return verdict.certainty, verdict.rule


def _unnamed_subject(s: Sentence, hit: Hit, found: list[Party]) -> bool:
    """True when a capitalised name the gazetteer does not know stands before the trigger in its clause:
    an unknown actor, whom the article context must not replace."""
    clause = s.clauses[clause_of(s.clauses, hit.start)]
    named = {k for p in found for k in range(p.start, p.end)}
    words = lexicon().words
    common = words["pronoun"] | words["filler"] | words["determiner"] | words["clause_break"]
    return any(
        t.text[:1].isupper() and t.text.isalpha() and k not in named and (k > 0 or t.lower not in common)
        for k, t in enumerate(s.tokens[clause.start : hit.start], clause.start)
    )


def _pronoun_subject(s: Sentence, hit: Hit) -> bool:
    """True when the trigger's clause has a pronoun or nothing at all before the trigger."""
    clause = s.clauses[clause_of(s.clauses, hit.start)]
    before = s.tokens[clause.start : hit.start]
    return len(before) <= 1 or any(t.lower in lexicon().words["pronoun"] for t in before)


def _context_sender(s: Sentence, hit: Hit, ctx: Context, found: list[Party]) -> str | None:
    """The sender a clause leaves unnamed: the focus answers offers; a pronoun is the last subject."""
    if hit.form == "noun" or _unnamed_subject(s, hit, found):
        return None
    if hit.event_type in _RESPONSES:
        return ctx.focus
    return ctx.last_subject if _pronoun_subject(s, hit) else None


def _filled(
    roles: Roles, hit: Hit, ctx: Context, guessed: str | None
) -> tuple[tuple[str, ...], tuple[str | None, ...], str, float]:
    """Sender codes, recipient codes, how, and confidence, with missing actors taken from the article."""
    confidence = 0.9 - (0.1 if hit.form in ("passive", "noun") else 0.0)
    how = ""
    senders = roles.sender.codes if roles.sender else ()
    if not senders and guessed:
        senders, how, confidence = (guessed,), "sender from the article so far", confidence - 0.2
    named = roles.recipient.codes if roles.recipient else ()
    recipients: tuple[str | None, ...] = tuple(c for c in named if c not in senders)  # "in Havana": home
    if not recipients and senders:
        if hit.event_type in _RESPONSES:
            guess = ctx.givers.get(senders[0])
        elif hit.event_type == "request_aid":  # the place in the news asks the article's giver
            guess = next((code for code in ctx.ranked if code != senders[0]), None)
        else:
            guess = ctx.implied_recipient(senders[0])
        recipients = (guess if guess != senders[0] else None,)
        how, confidence = how or "recipient from the article so far", confidence - 0.2
    return senders, recipients, how, round(max(confidence, 0.1), 2)


def _pairs(
    roles: Roles, hit: Hit, senders: tuple[str, ...], recipients: tuple[str | None, ...]
) -> list[tuple]:
    """(sender, recipient) pairs: one per giver and receiver joined by and/dan; signers pair up."""
    if hit.event_type in _PAIRED and len(senders) > 1 and roles.recipient is None:
        return [(a, b) for i, a in enumerate(senders) for b in senders[i + 1 :]]
    return [(s, r) for s in senders for r in recipients if s != r]


def _name(party: Party | None, code: str | None) -> str | None:
    """The name a party used for a code."""
    if party is None or code not in party.codes:
        return None
    return party.names[party.codes.index(code)]


def _why(s: Sentence, hit: Hit, roles: Roles, how: str, hedge: tuple[str, str]) -> Explanation:
    """The explanation of a trigger's events, before their date is final."""
    span = (s.tokens[hit.start].start, s.tokens[hit.end - 1].end)
    return Explanation(
        rule=hit.name,
        trigger=s.text[span[0] : span[1]],
        sender=", ".join(roles.sender.names) if roles.sender else None,
        sender_how=roles.sender_how or how,
        recipient=", ".join(roles.recipient.names) if roles.recipient else None,
        recipient_how=roles.recipient_how or how,
        hedge=hedge[0] + (f" (rule {hedge[1]})" if hedge[1] else ""),
    )


def _date_of(s: Sentence, hit: Hit, ctx: Context) -> Dated:
    """The date of a trigger from its clause or sentence, or "the day before" the last day named."""
    clause = s.clauses[clause_of(s.clauses, hit.start)]
    span = (s.tokens[hit.start].start, s.tokens[hit.end - 1].end)
    limits = (s.tokens[clause.start].start, s.tokens[clause.end - 1].end)
    others = [  # a date inside another relative clause ("the quake that struck on Monday") is not the act's
        (s.tokens[c.start].start, s.tokens[c.end - 1].end)
        for c in s.clauses
        if c.relative and c is not clause
    ]
    dates = [d for d in s.dates if not any(a <= d.start < b for a, b in others)]
    dated = date_for(s.text, span, limits, dates, s.mentions)
    if dated.mention:
        return dated
    return relative_day(s.text, ctx.last_day) or told_day(s.text, ctx.last_pledge) or dated


def _drafts_of_hit(
    s: Sentence, hit: Hit, hits: list[Hit], found: list[Party], ctx: Context, language: str | None
) -> list[Draft]:
    """The events of one trigger; the modality stage is asked only once the roles are filled."""
    lex = lexicon()
    roles = find_roles(hit, hits, found, (s.tokens, s.clauses), lex)
    if hit.rule.needs == "recipient" and roles.recipient is None and hit.event_type == hit.rule.event_type:
        return []  # "helped" needs whom; "will help" is an offer to the place in the news
    guessed = _context_sender(s, hit, ctx, found) if roles.sender is None else None
    senders, recipients, how, confidence = _filled(roles, hit, ctx, guessed)
    pairs = [(a, b) for a, b in _pairs(roles, hit, senders, recipients) if b or hit.event_type not in _PAIRED]
    if not pairs:
        return []
    certainty, hedge_rule = _hedge(s, hit, language, ctx.article)
    if certainty is None:
        return []
    why = _why(s, hit, roles, how, (certainty, hedge_rule))
    dated, aid_type = _date_of(s, hit, ctx), _aid_type(s, hit)
    return [
        Draft(
            s.index, hit.event_type, a, _name(roles.sender, a), b, _name(roles.recipient, b), aid_type,
            hit.response, certainty, s.text, confidence, dated, why,
        )
        for a, b in pairs
    ]  # fmt: skip


def _remember(ctx: Context, found: list[Party], drafts: list[Draft]) -> None:
    """Update the article context with a sentence's subject and events."""
    subject = next((p.codes[0] for p in found if p.role == "bare"), None)
    ctx.last_subject = subject or ctx.last_subject
    for d in drafts:
        if d.event_type in ("offer_aid", "provide_aid") and d.recipient:
            ctx.givers[d.recipient] = d.sender
        if d.event_type in _RESPONSES and d.recipient:
            ctx.givers[d.sender] = d.recipient
        ctx.last_subject = d.sender if subject is None else ctx.last_subject


def analyse(
    text: str,
    index: int,
    language: str | None,
    known: frozenset[str],
    published: date | None,
    anchor: date | None = None,
) -> Sentence:
    """Tokens, clauses, actor mentions, dates, triggers and parties of one sentence; `anchor` is the
    story's current day, from which "the same day" and "dua hari sebelumnya" count."""
    lex = lexicon()
    tokens = tokenize(text, language)
    clauses = split_clauses(tokens, lex)
    mentions = find_mentions(text, known)
    hits = [h for c in clauses for h in find_triggers(tokens, c, lex)]
    found = parties(text, tokens, mentions, clauses, hits, lex)
    dates = find_dates(text, language, published, anchor)
    return Sentence(index, text, tokens, clauses, mentions, dates, hits, found, aid_kinds(tokens, lex))


def _reversed(drafts: list[Draft], hit: Hit) -> list[Draft]:
    """Aid "in exchange for" aid: the counter-flow of the sentence's last provide_aid."""
    flow = next((d for d in reversed(drafts) if d.event_type == "provide_aid" and d.recipient), None)
    if flow is None or flow.recipient is None:
        return []
    why = replace(flow.why, rule=hit.name, sender=flow.why.recipient, recipient=flow.why.sender)
    return [
        replace(
            flow, sender=flow.recipient, sender_name=flow.recipient_name, recipient=flow.sender,
            recipient_name=flow.sender_name, confidence=round(flow.confidence - 0.1, 2), why=why,
        )
    ]  # fmt: skip


def _siblings(drafts: list[Draft]) -> list[Draft]:
    """Guessed recipients yield to those named for the same sender in the same sentence ("expressed
    sympathy to Myanmar and Thailand and offered help": help to both)."""
    named: dict[tuple[str, bool], dict[str | None, str | None]] = {}
    for d in drafts:
        if d.why.recipient is not None and d.recipient != d.sender:
            named.setdefault((d.sender, d.event_type in _RESPONSES), {})[d.recipient] = d.recipient_name
    out = []
    for d in drafts:
        key = (d.sender, d.event_type in _RESPONSES)  # a giver's acts share recipients, a responder's too
        if d.why.recipient is None and key in named:
            out.extend(replace(d, recipient=r, recipient_name=n) for r, n in named[key].items())
        else:
            out.append(d)
    return out


def _thanked_kind(s: Sentence) -> str | None:
    """The act a thank-you names after "for"/"atas" ("for its offer", "atas sumbangan"), if any."""
    lex = lexicon()
    for k, tok in enumerate(s.tokens):
        if tok.lower in ("for", "atas"):
            near = s.tokens[k + 1 : k + 4]
            if any(lex.has("thanked_offer", n.keys) for n in near):
                return "offer_aid"
            if any(lex.has("thanked_gift", n.keys) for n in near):
                return "provide_aid"
    return None


def _thanked_acts(s: Sentence, drafts: list[Draft]) -> list[Draft]:
    """A thank-you for a named gift or offer ("thanked Chile for its donation") also states that act,
    from the one thanked to the thanker."""
    thanks = [d for d in drafts if d.event_type == "express_gratitude" and d.recipient]
    kind = _thanked_kind(s) if thanks else None
    if kind is None:
        return []
    return [
        replace(
            d, event_type=kind, sender=d.recipient, sender_name=d.recipient_name, recipient=d.sender,
            recipient_name=d.sender_name, confidence=round(d.confidence - 0.2, 2),
            dated=d.dated if kind == "offer_aid" else gift_date(d.dated),
            why=replace(
                d.why, rule=f"{d.why.rule} > thanked-for", sender=d.why.recipient, recipient=d.why.sender
            ),
        )
        for d in thanks
        if d.recipient
    ]  # fmt: skip


def sentence_drafts(s: Sentence, ctx: Context, language: str | None) -> list[Draft]:
    """Every event one sentence states."""
    hits, found = s.hits, s.parties
    drafts: list[Draft] = []
    for hit in hits:
        if hit.rule.scheme == "reverse":
            drafts.extend(_reversed(drafts, hit))
        else:
            drafts.extend(_drafts_of_hit(s, hit, hits, found, ctx, language))
    drafts = _siblings(drafts)
    drafts += _thanked_acts(s, drafts)
    ctx.open_responses.extend(d for d in drafts if d.recipient is None and _collective(s, d))
    drafts = _unique([d for d in drafts if d.recipient])  # an act needs its other side
    _remember(ctx, found, drafts)
    day = next((d for d in s.dates if d.precision == "day"), None)
    ctx.last_day = day or ctx.last_day
    ctx.last_pledge = pledge_day(s.text, s.dates) or ctx.last_pledge
    return drafts


def _backfilled(drafts: list[Draft], s: Sentence) -> list[Draft]:
    """A dated line that only reports ("Demikian dilaporkan KCNA pada Minggu") dates the undated events of
    the two sentences before it, which become reported."""
    if not s.dates or not any(lexicon().has("report_cue", t.keys) for t in s.tokens):
        return drafts
    dated = Dated(s.dates[0], "date of the report line after it")
    return [
        replace(d, dated=dated, certainty="reported" if d.certainty == "stated" else d.certainty)
        if s.index - 2 <= d.index < s.index and d.dated.mention is None
        else d
        for d in drafts
    ]


def _collective(s: Sentence, d: Draft) -> bool:
    """True for a response to a group named only as a group ("menerima bantuan negara-negara sahabat")."""
    lex = lexicon()

    def counted(k: int) -> bool:  # "four countries" are some, not all
        return any(t.text[:1].isdigit() or lex.has("amount", t.keys) for t in s.tokens[max(0, k - 2) : k])

    return d.event_type in ("accept_aid", "decline_aid") and any(
        lex.has("collective", t.keys) and not counted(k) for k, t in enumerate(s.tokens)
    )


def _expanded(open_responses: list[Draft], drafts: list[Draft]) -> list[Draft]:
    """A response to a group, once per giver the article names as offering or giving to the responder."""
    out = []
    for r in open_responses:
        givers = dict.fromkeys(
            d.sender
            for d in drafts
            if d.event_type in ("offer_aid", "provide_aid") and d.recipient == r.sender
        )
        why = replace(r.why, recipient_how="each giver the article names (the text names a group)")
        out.extend(replace(r, recipient=g, confidence=round(r.confidence - 0.2, 2), why=why) for g in givers)
    return out


def _unique(drafts: list[Draft]) -> list[Draft]:
    """Each (type, sender, recipient) once, in its first place, as told with its most exact date
    ("Senin (27/4)" over "akhir pekan lalu", a day over "this week")."""
    best: dict[tuple[str, str, str | None], Draft] = {}
    for d in drafts:
        key = (d.event_type, d.sender, d.recipient)
        if key not in best or exactness(d.dated.mention) > exactness(best[key].dated.mention):
            best[key] = d
    return list(best.values())


def _final_date(d: Draft, drafts: list[Draft], fallback: date | None) -> Dated:
    """A draft's own date, else the same event's elsewhere, else the last day-dated event between the same
    actors just before it, else the day's news."""
    if d.dated.mention is not None:
        return d.dated
    key = (d.event_type, d.sender, d.recipient)
    same = next((e for e in drafts if (e.event_type, e.sender, e.recipient) == key and e.dated.mention), None)
    if same is not None:
        return Dated(same.dated.mention, "date of the same event elsewhere in the article")
    pair = [
        e
        for e in drafts
        if d.index - 2 <= e.index < d.index and (e.sender, e.recipient) == (d.sender, d.recipient)
        and e.dated.mention is not None and e.dated.mention.precision == "day"
    ]  # fmt: skip
    if pair:
        return Dated(pair[-1].dated.mention, "date of the event just before between the same actors")
    if fallback is not None and d.certainty != "alleged":
        return Dated(
            DateMention(0, 0, fallback, "day"), "publication date (the article reports the day's news)"
        )
    return Dated(None, "")


def _explained(article: Article, d: Draft, dated: Dated) -> Explained:
    """The event record of a draft, with its explanation."""
    value = dated.mention.value if dated.mention else None
    event = Event(
        event_id=stable_hash(article.content_hash, d.index, d.event_type, d.sender, d.recipient),
        article_id=article.id,
        event_type=d.event_type,
        cameo_code=cameo_code(d.event_type, d.aid_type),
        sender=d.sender,
        sender_name=d.sender_name,
        recipient=d.recipient,
        recipient_name=d.recipient_name,
        event_date=value,
        date_precision=dated.mention.precision if dated.mention else None,
        aid_type=d.aid_type,
        response=d.response,
        certainty=d.certainty,
        evidence=d.evidence,
        source_url=article.url,
        confidence=d.confidence,
        needs_review=value is None or d.recipient is None,
    )
    span = (
        d.evidence[dated.mention.start : dated.mention.end] if dated.mention and dated.mention.end else None
    )
    why = replace(d.why, date=span or (value.isoformat() if value else None), date_how=dated.how)
    return Explained(event, why)


def _ranked(analysed: list[Sentence], in_title: list[Mention]) -> tuple[tuple[str, ...], str | None]:
    """Actors by how often the title and text name them, a name as a place or destination ("in X",
    "to X", "ke X") counting twice; and the place in the news: the actor named most as a place, else
    the actor named most if clearly so."""
    places: Counter[str] = Counter()
    named = Counter(m.code for m in in_title if m.code != REPORTER)
    for s in analysed:
        for p in s.parties:
            named.update(p.codes)
            places.update(p.codes if p.role in _PLACE_ROLES else ())
    ranked = (named + places).most_common()
    lead = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > ranked[1][1])
    home = places.most_common(1)[0][0] if places else ranked[0][0] if ranked and lead else None
    return tuple(c for c, _n in ranked), home


def _story_day(dates: list[DateMention], anchor: date | None) -> date | None:
    """The story's current day after a sentence: its last day-level date that is neither counted from the
    story nor in the future, else the day before."""
    days = [d.value for d in dates if d.precision == "day" and not d.narrative and not d.future]
    return days[-1] if days else anchor


def _analysed(clean: str, article: Article, known: frozenset[str]) -> list[Sentence]:
    """Every sentence piece of an article analysed in order, each dated against the story's day so far."""
    out: list[Sentence] = []
    anchor: date | None = None
    for index, sentence in enumerate(split_sentences(clean, article.language)):
        for piece in pieces(sentence):
            budget.check()
            s = analyse(piece, index, article.language, known, article.published, anchor)
            anchor = _story_day(s.dates, anchor)
            out.append(s)
    return out


def extract_explained(article: Article) -> list[Explained]:
    """The events of one article, each with the rule, trigger and spans that produced it."""
    clean = strip_boilerplate(article.text, article.title)
    known = article_codes(clean)
    analysed = _analysed(clean, article, known)
    ranked, home = _ranked(analysed, find_mentions(article.title or "", known))
    ctx = Context(ranked=ranked, home=home, article=clean)
    drafts: list[Draft] = []
    for s in analysed:
        budget.check()
        found = sentence_drafts(s, ctx, article.language)
        if found:
            drafts.extend(found)
        else:
            drafts = _backfilled(drafts, s)
    drafts = _unique(drafts + _expanded(ctx.open_responses, drafts))
    all_dates = [d for s in analysed for d in s.dates]
    fallback = article.published if is_days_news(all_dates, article.published) else None
    return [_explained(article, d, _final_date(d, drafts, fallback)) for d in drafts]


def extract_events(article: Article) -> list[Event]:
    """The aid events of one article (deterministic; the build records any failure as a reject)."""
    return [e.event for e in extract_explained(article)]
