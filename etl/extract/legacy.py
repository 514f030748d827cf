"""Extraction stage: clean an article, split it, find aid events, resolve their actors and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from etl.actors import REPORTER, Mention, article_codes, find_mentions
from etl.dates import DateMention, find_dates
from etl.models import Article, Event, cameo_code, stable_hash
from etl.text import split_sentences, strip_boilerplate

_I = re.IGNORECASE
_W = r"[\w\"“”'’\-]+\s+"  # one word and its space, for "up to n words" gaps
_AID = (
    r"(?:bantuan|pertolongan|dana(?:\s+darurat)?|donasi|sumbangan|pasokan|logistik|vaksin|obat(?:-obatan)?"
    r"|masker|peralatan medis|rumah sakit lapangan|tim (?:medis|penyelamat|SAR)|tenaga (?:medis|kesehatan)"
    r"|aid|help|assistance|relief|supplies|funds?|donations?|vaccines?|medicines?|money|field hospital"
    r"|rescue (?:teams?|workers)|health workers|medical (?:teams?|equipment))"
)
_WEAPONS = r"(?:senjata|amunisi|peluru|rudal|drone|weapons|arms|munitions|ammunition|shells|missiles|drones)"
_NOT_PREP = r"(?!(?:untuk|to|for|ke|kepada|guna)\b)"
_GAP = rf"(?:{_NOT_PREP}{_W}){{0,4}}?[\"“‘']?"

_AID_TYPED = {"offer_aid", "provide_aid", "request_aid", "accept_aid", "decline_aid"}
_RESPONSES = {"accept_aid", "decline_aid", "express_gratitude"}
_PAIRED = {"sign_agreement", "meet"}


@dataclass(frozen=True)
class Rule:
    """A trigger pattern: the event type it signals and how to read its actors."""

    event_type: str
    pattern: re.Pattern[str]
    passive: bool = False
    nominal: bool = False
    response: str | None = None
    reverse: bool = False
    beneficiary_subject: bool = False  # "X can count on our help": X receives


def _rule(event_type: str, pattern: str, **kwargs: object) -> Rule:
    """Compile one trigger rule (case-insensitive)."""
    return Rule(event_type, re.compile(pattern, _I), **kwargs)  # type: ignore[arg-type]


# In priority order: a later rule never matches inside the span of an earlier match.
RULES: tuple[Rule, ...] = (
    _rule(
        "decline_aid",
        r"\b(?:tidak akan|tak akan|will not|would not|won't|wouldn't)\s+"
        r"(?:menerima|accept|take up|mengambil)\b",
        response="refused",
    ),
    _rule(
        "decline_aid",
        rf"\b(?:akan|would|will|could|can)\s+(?:{_W}){{0,2}}?(?:meminta|minta|ask|request|seek)\s+"
        rf"(?:for\s+)?(?:{_W}){{0,2}}?{_AID}(?=.*\b(?:jika|bila|apabila|if|when|nanti|later)\b)",
        response="deferred",
    ),
    _rule(
        "decline_aid",
        rf"\b(?:(?:tidak|tak)\s+(?:membutuhkan|memerlukan|perlu)\s+{_AID}|(?:does|did|do)\s+not\s+"
        rf"need\s+(?:{_W}){{0,2}}?{_AID}|no need for\s+(?:{_W}){{0,2}}?{_AID})",
        response="refused",
    ),
    _rule(
        "decline_aid",
        rf"\b(?:menolak(?:nya)?|ditolak|tolak|reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|"
        rf"declin(?:e|es|ed|ing)|turn(?:s|ed|ing)? down|rebuff(?:s|ed)?|spurn(?:s|ed)?)\b"
        rf"(?=\s+(?:{_W}){{0,4}}?(?:{_AID}|tawaran|offers?|it|them|itu|tersebut)\b|[.,]|$)",
        response="refused",
    ),
    _rule(
        "decline_aid",
        r"\b(?:self-relian(?:ce|t)|swadaya|kemandirian|berdikari|own efforts|upaya sendiri)\b"
        r"(?<=\w)(?=.*)",
        response="refused",
    ),
    _rule(
        "sign_agreement",
        r"\b(?:menandatangani|ditandatangani|meneken|diteken|sign(?:s|ed|ing)?)\s+"
        rf"(?:{_W}){{0,4}}?(?:pakta|perjanjian|kesepakatan|nota kesepahaman|MoU|traktat|treaty|pact|"
        r"agreement|deal|memorandum|accord)",
    ),
    _rule(
        "offer_aid",
        r"\b(?:ditawarkan|ditawari|(?:was|were|been|being)\s+offered|offered\s+by)\b",
        passive=True,
    ),
    _rule(
        "offer_aid",
        rf"\b(?:siap|bersedia|kesediaan(?:nya)?|kesiapan(?:nya)?|ingin|berjanji|menjanjikan|"
        rf"ready|willing(?:ness)?|readiness|prepared|stands? ready|pledg(?:e|es|ed|ing)|"
        rf"propos(?:e|es|ed|ing)|mengusulkan)\s+(?:{_W}){{0,3}}?"
        r"(?:untuk\s+|to\s+)?(?:membantu|memberikan|memberi|mengirim(?:kan)?|menyalurkan|menyediakan|bantuan|"
        r"help|assist|provide|send|sending|providing|render|offer|support|aid)\b",
    ),
    _rule(
        "offer_aid",
        rf"\b(?:akan|will|would)\s+(?:{_W}){{0,2}}?(?:mengirim(?:kan)?|memberikan|menyalurkan|"
        rf"menyediakan|send|provide|deliver|donate)\s+{_GAP}{_AID}",
    ),
    _rule(
        "offer_aid",
        r"\b(?:count on|rely on|mengandalkan)\s+(?:\w+\s+){0,2}?(?:bantuan|help|support|aid)\b",
        beneficiary_subject=True,
    ),
    _rule(
        "offer_aid",
        r"(?<!\bthe )(?<!\ban )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bthis )(?<!\bthat )"
        r"(?<!\bthese )(?<!'s )"
        r"\b(?:menawarkan(?:nya)?|menawari|tawarkan|offer(?:s|ed|ing)?|pledg(?:e|es|ed|ing))\b"
        r"(?!\s+(?:of|dari|by)\b)(?!\s+(?:\w+\s+){0,2}?(?:condolences|sympath\w*|greetings|prayers|"
        r"congratulations|apolog\w*|thanks|belasungkawa|simpati|ucapan)\b)",
    ),
    _rule("offer_aid", r"\b(?:tawaran|offers?|proposal|usulan)\b", nominal=True),
    _rule(
        "accept_aid",
        rf"\b(?:untuk|to)\s+(?:mengambil|menjemput|mengangkut|collect|pick up|fetch|receive)\s+"
        rf"(?:{_W}){{0,4}}?{_AID}",
    ),
    _rule(
        "accept_aid",
        rf"\b(?:menerima|diterima|accept(?:s|ed|ing)?|welcom(?:e|es|ed|ing))\s+(?:{_W}){{0,4}}?"
        rf"(?:{_AID}|tawaran|offers?)",
    ),
    _rule(
        "request_aid",
        rf"\b(?:meminta|memohon|minta|request(?:s|ed|ing)?|ask(?:s|ed|ing)?\s+(?:{_W}){{0,3}}?for|appeal(?:s|ed|ing)?"
        rf"\s+for|call(?:s|ed)?\s+for|sought|seek(?:s|ing)?)\s+(?:{_W}){{0,3}}?{_AID}",
    ),
    _rule("request_aid", rf"\b(?:permintaan|permohonan|request|appeal)\s+(?:for\s+)?{_AID}", nominal=True),
    _rule(
        "provide_aid",
        r"\b(?:sebagai imbalan atas|in exchange for|in return for|imbalan)\s+(?:\w+\s+){0,3}?"
        r"(?:bantuan|aid|assistance|help)",
        reverse=True,
    ),
    _rule(
        "provide_aid",
        r"\b(?:dikirim(?:kan)?|disalurkan|diberikan|dipasok|diserahkan|(?:was|were|been)\s+"
        r"(?:sent|delivered|provided|donated|supplied))\b",
        passive=True,
    ),
    _rule(
        "provide_aid",
        rf"\b(?:mengirim(?:kan)?|kirim|menyalurkan|menyumbangkan|menyumbang|menyerahkan|"
        rf"memberikan|memasok|mendirikan|sent|sends|send|sending|delivered|delivers|dispatched|dispatches|"
        rf"donated|donates|provided|provides|supplied|supplies|shipped|airlifted|set up|built|handed over)"
        rf"\s+{_GAP}(?:{_AID}|{_WEAPONS})",
    ),
    _rule(
        "express_sympathy",
        r"\b(?:simpati|belasungkawa|bela sungkawa|duka\s?cita|berduka|"
        r"sympath(?:y|ies|ise|ize|ised|ized|etic)|condolences?|condoled|commiserat\w+)\b",
    ),
    _rule(
        "express_gratitude",
        r"\b(?:(?:ber)?terima\s?kasih(?:nya)?|mengapresiasi|apresiasi|menghargai|"
        r"thank(?:s|ed|ing)?(?!\s+to\b)|grateful|gratitude|appreciat(?:e|es|ed|ion|ing))\b",
    ),
    _rule(
        "meet",
        r"\b(?:bertemu|menemui|pertemuan|kunjungan|berkunjung|mengunjungi|pembicaraan|perundingan|"
        r"KTT|summit|met|meets|meeting|visit(?:s|ed|ing)?|talks|envoy|utusan)\b|\b(?:mengirim|sent|sends)\s+"
        rf"(?:{_W}){{0,2}}?(?:pejabat|utusan|delegasi|official|envoy|delegation)",
    ),
)

_NEGATION = re.compile(
    r"\b(?:(?:tidak|tak|belum|bukan|not|never|no|didn't|did\s+not|hasn't|haven't)\s+(?:\w+\s+){0,2}"
    r"|(?:denied|denies|deny|membantah|menyangkal|dibantah)\s+(?:\w+\s+){0,4})$",
    _I,
)
_ALLEGED = re.compile(
    r"\b(?:diduga|dugaan|disinyalir|dituduh|tuduhan|kepercayaan luar|diyakini|konon|alleged(?:ly)?|"
    r"widely believed|believed to|suspected|accused|accusations?|reportedly)\b",
    _I,
)
_HINTED = re.compile(r"\b(?:mengisyaratkan|isyarat|memberi sinyal|hint(?:s|ed|ing)?|signal(?:s|ed|led)?|"
                     r"suggest(?:s|ed)?|implied|implies)\b", _I)  # fmt: skip
_REPORTED = re.compile(r"\b(?:melaporkan|lapor|dilaporkan|diwartakan|dilansir|memberitakan|menurut|reported|"
                       r"reports|according to|citing)\b", _I)  # fmt: skip
_REPORT_CUE = re.compile(r"(?:melaporkan|melapor|lapor|diwartakan|dilansir|memberitakan|menurut|reported|"
                         r"reports|according to|~R)(?!.*(?:melaporkan|lapor|reported|~R))", _I)  # fmt: skip
_PRONOUN = re.compile(r"\b(?:he|she|it|they|ia|dia|beliau|mereka)\s+(?:\w+\s+){0,3}$", _I)
_INTENT_BEFORE = re.compile(
    r"\b(?:to|untuk|akan|will|would|siap|bersedia|ingin|willing|ready|propos\w*|offer\w*|menawarkan|"
    r"kesediaan\w*|guna)\s+(?:(?!have\b|has\b|be\b|been\b)\w+\s+)?$",
    _I,
)
_MUTUAL = re.compile(r"\b(?:mutual|saling|timbal balik)\b", _I)
_CLAUSE_BREAK = re.compile(r"\b(?:but|namun|tetapi|tapi|however|while|sementara|meanwhile)\b|;", _I)
_FOLLOWS_ANAPHOR = re.compile(r"^\s+(?:itu|tersebut|ini)\b", _I)
_DAY_EARLIER = re.compile(r"\b(?:a day earlier|the day before|the previous day|sehari sebelumnya)\b", _I)
_REFERS_BACK = re.compile(
    r"^\W*(?:demikian\b|(?:ucapan\s+)?(?:tawaran|pesan|surat|janji|offer|message|letter|pledge)\s+"
    r"(?:itu|tersebut|ini)\b|(?:the|this|that|his|its)\s+(?:offer|message|letter|pledge)\b)",
    _I,
)
_IN_MESSAGE = re.compile(
    r"\b(?:(?:dalam\s+)?(?:pesan|surat)(?:nya|\s+itu|\s+tersebut)|(?:in\s+)?(?:the|his|her|this|that|its)\s+"
    r"(?:message|letter))\b",
    _I,
)
_ANAPHORIC = re.compile(r"\b(?:tersebut|itu|the offer|that offer|this offer|the offers|these offers)\b", _I)
_AID_TYPES = (
    ("military", r"militer|senjata|military|weapons|arms\b|munitions"),
    (
        "medical",
        r"medis|vaksin|obat|kesehatan|rumah sakit|medical|vaccines?|medicines?|masks?|hospital|health",
    ),
    ("financial", r"dana|uang|keuangan|ekonomi|funds?|money|financial|cash|economic"),
    ("disaster_relief", r"bencana|banjir|gempa|tsunami|flood|quake|disaster|relief"),
    ("humanitarian", r"kemanusiaan|humanitarian|pangan|makanan|food"),
)

_PREPS = {
    "to": {"kepada", "ke", "untuk", "bagi", "terhadap", "buat", "to", "for", "towards", "toward"},
    "from": {"dari", "oleh", "from", "by"},
    "loc": {"di", "in", "at", "near", "inside"},
    "with": {"dengan", "with", "bersama", "antara", "between"},
    "and": {"dan", "and", "serta", "&"},
}
_FILLER_WORDS = (
    "the a an its his her their pemimpin leader presiden president perdana menteri prime minister foreign "
    "luar negeri pemerintah government rakyat people warga citizens rekan-rekan rekan counterpart "
    "counterparts partai party komite sentral central committee kedutaan besar embassy juru bicara "
    "spokesman spokesperson kementerian ministry sekretaris jenderal secretary general ketua chairman korban "
    "victims of quake-hit flood-hit negara state country pejabat official officials tim team masyarakat "
    "otoritas authorities kepala head delegasi delegation supreme tertinggi saudara sahabat friend ally "
    "sekutu pasukan tentara his her ruling berkuasa penguasa diktator dictator anggota members member "
    "members' pihak side deputy wakil national nasional kantor office palang merah red cross"
)
_FILLER = frozenset(_FILLER_WORDS.split())


@dataclass(frozen=True)
class Group:
    """Adjacent names for one actor ("Presiden Rusia Vladimir Putin"), with the word that governs it."""

    start: int
    end: int
    code: str
    name: str
    prep: str


@dataclass(frozen=True)
class Hit:
    """One trigger match in a sentence."""

    rule: Rule
    start: int
    end: int


@dataclass(frozen=True)
class Draft:
    """An event before dates and ids: what one sentence says, with how its actors were found."""

    index: int
    event_type: str
    sender: str | None
    sender_name: str | None
    recipient: str | None
    recipient_name: str | None
    aid_type: str | None
    response: str | None
    certainty: str
    evidence: str
    confidence: float
    date: DateMention | None = None
    date_is_report: bool = False


@dataclass
class Context:
    """What the article said so far: the last actors, to fill a sentence that names no one."""

    last_sender: str | None = None
    last_recipient: str | None = None
    last_subject: str | None = None
    offers_to: dict[str, str] | None = None
    last_day: DateMention | None = None
    message_day: DateMention | None = None


def _blocked(sentence: str, rule: Rule, start: int) -> bool:
    """True when a match is negated, or a provide_aid is only intended ("to send", "akan mengirim")."""
    before = sentence[max(0, start - 40) : start]
    if rule.event_type != "decline_aid" and _NEGATION.search(before):
        return True
    if rule.event_type == "provide_aid" and not rule.reverse and _INTENT_BEFORE.search(before):
        return True
    return rule.event_type == "offer_aid" and bool(_MUTUAL.search(sentence[max(0, start - 20) : start + 60]))


def find_hits(sentence: str) -> list[Hit]:
    """Trigger matches in a sentence, in text order, earlier rules winning over overlapping later ones."""
    hits: list[Hit] = []
    for rule in RULES:
        for m in rule.pattern.finditer(sentence):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            if _blocked(sentence, rule, m.start()) or _FOLLOWS_ANAPHOR.match(sentence[m.end() :]):
                continue
            hits.append(Hit(rule, m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def _governing_word(text: str, hits: list[Hit], offset: int) -> str:
    """The role word before a name: a preposition, the end of a trigger ("obj"), or none ("bare")."""
    for word in reversed(list(re.finditer(r"[\w&'’\-]+", text))):
        token = word.group().lower()
        if token in _FILLER:
            continue
        for prep, words in _PREPS.items():
            if token in words:
                return prep
        end = offset + word.end()
        return "obj" if any(h.start < end <= h.end for h in hits) else "bare"
    return "bare"


def _merge(mentions: list[Mention], sentence: str) -> list[list[Mention]]:
    """Group adjacent mentions of the same actor separated only by titles and punctuation."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups and groups[-1][-1].code == m.code:
            gap = sentence[groups[-1][-1].end : m.start]
            if all(w.lower() in _FILLER for w in re.findall(r"[\w\-]+", gap)) and len(gap) < 30:
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def actor_groups(sentence: str, mentions: list[Mention], hits: list[Hit]) -> list[Group]:
    """Actor groups of a sentence (reporters left out), each with its governing word."""
    groups: list[Group] = []
    boundary = 0
    for group in _merge(mentions, sentence):
        first, last = group[0], group[-1]
        if first.code != REPORTER:
            if any(h.start <= first.start < h.end for h in hits):
                prep = "inner"
            else:
                prep = _governing_word(sentence[boundary : first.start], hits, boundary)
            groups.append(Group(first.start, last.end, first.code, sentence[first.start : last.end], prep))
        boundary = last.end
    return groups


def _nearest_before(groups: list[Group], hit: Hit, preps: tuple[str, ...]) -> Group | None:
    """The closest group before the trigger with one of the given roles."""
    return next((g for g in reversed(groups) if g.end <= hit.start and g.prep in preps), None)


def _first_after(groups: list[Group], hit: Hit, preps: tuple[str, ...], exclude: str | None) -> Group | None:
    """The first group after (or inside) the trigger with one of the given roles and another code."""
    return next((g for g in groups if g.start >= hit.start and g.prep in preps and g.code != exclude), None)


def _sender(groups: list[Group], hit: Hit) -> Group | None:
    """The actor doing the event: the agent of a passive, else the subject before the trigger."""
    if hit.rule.passive:
        return _first_after(groups, hit, ("from",), None) or _nearest_before(groups, hit, ("from",))
    subject = _nearest_before(groups, hit, ("bare", "and"))
    if hit.rule.nominal and (subject is None or subject.end < hit.start - 30):
        return _first_after(groups, hit, ("from", "obj"), None)
    if hit.rule.event_type == "sign_agreement" and subject is None:
        subject = _nearest_before(groups, hit, ("with",))
    return subject or _first_after(groups, hit, ("from",), None)


def _recipient(groups: list[Group], hit: Hit, sender: str | None) -> Group | None:
    """The actor the event is directed at."""
    others = [g for g in groups if g.code != sender]
    if hit.rule.passive:
        return next((g for g in others if g.prep == "to"), None) or _nearest_before(
            others, hit, ("bare", "and")
        )
    if hit.rule.event_type in _PAIRED:
        return next((g for g in others if g.prep in ("with", "and", "to", "bare", "obj", "inner")), None)
    roles: tuple[str, ...] = ("inner", "to", "obj", "bare")
    if hit.rule.event_type in ("accept_aid", "decline_aid"):
        roles = ("inner", "from", "to", "obj", "bare")
    found = _first_after(others, hit, roles, sender) or _nearest_before(others, hit, ("to", "obj"))
    return found or next((g for g in others if g.prep == "loc"), None)


def _beneficiary_roles(sentence: str, groups: list[Group], hit: Hit) -> tuple[Group | None, Group | None]:
    """Actors of "X can count on Y's help": Y (or the speaker) gives, X receives; "you" is the addressee."""
    subject = _nearest_before(groups, hit, ("bare", "and"))
    if subject and re.search(r"\b(?:anda|you|kamu|kalian)\b", sentence[subject.end : hit.start], _I):
        return subject, _nearest_before(groups, hit, ("to",)) or _first_after(groups, hit, ("to",), None)
    giver = _first_after(groups, hit, ("bare", "obj", "from", "inner"), subject.code if subject else None)
    if giver is None:
        giver = next(
            (g for g in groups if g.prep == "bare" and g is not subject and g.start < hit.start), None
        )
    return giver, subject


def _co_senders(groups: list[Group], sender: Group, sentence: str) -> list[Group]:
    """Actors joined to the sender by "and" ("China and UNICEF are willing to help")."""
    chain: list[Group] = []
    current = sender
    for g in reversed([g for g in groups if g.end <= sender.start]):
        joined = re.fullmatch(r"\s*(?:,|dan|and|serta|&)?\s*", sentence[g.end : current.start], _I)
        if not joined or current.prep != "and" or g.prep not in ("bare", "and"):
            break
        chain.append(g)
        current = g
    return chain


def _aid_type(sentence: str, hit: Hit) -> str | None:
    """The kind of aid the text names, nearest after the trigger first; None for non-aid events."""
    if hit.rule.event_type not in _AID_TYPED:
        return None
    for window in (sentence[hit.start : hit.end + 60], sentence):
        found = [(m.start(), kind) for kind, pat in _AID_TYPES for m in re.finditer(pat, window, _I)]
        if found:
            return min(found)[1]
    return "unspecified"


def _certainty(sentence: str, mentions: list[Mention]) -> str:
    """How the sentence vouches for its events: alleged, hinted, reported through an agency, or stated."""
    if _ALLEGED.search(sentence):
        return "alleged"
    if _HINTED.search(sentence):
        return "hinted"
    if _REPORTED.search(sentence) or any(m.code == REPORTER for m in mentions):
        return "reported"
    return "stated"


def _is_reference(sentence: str, hit: Hit, hits: list[Hit]) -> bool:
    """True for a mention that only points back: "atas tawaran tersebut", "thanked X for his sympathy"."""
    thanks = [h for h in hits if h.rule.event_type in _RESPONSES and h.end <= hit.start]
    thanked_for = hit.rule.event_type in ("offer_aid", "express_sympathy", "provide_aid")
    if thanks and thanked_for and not _CLAUSE_BREAK.search(sentence[thanks[-1].end : hit.start]):
        return True
    if not hit.rule.nominal:
        return False
    before = sentence[max(0, hit.start - 25) : hit.start].lower()
    after = sentence[hit.end : hit.end + 40]
    return bool(re.search(r"\b(?:atas|for|to|terhadap|the|its|their)\s*$", before)) or bool(
        _ANAPHORIC.search(after.split(",")[0])
    )


def _self_reliance_applies(sentence: str, previous: list[Draft], hit: Hit) -> bool:
    """Self-reliance is a refusal only where aid or thanks are in view."""
    if "relian" not in hit.rule.pattern.pattern:
        return True
    in_view = re.search(r"tawaran|bantuan|terima kasih|offers?|aid|help|thank", sentence, _I)
    return bool(in_view) or any(d.event_type == "express_gratitude" for d in previous[-3:])


def _fill(draft: Draft, ctx: Context) -> Draft:
    """Fill a missing actor from the article so far; each inferred actor lowers confidence."""
    sender, recipient, confidence = draft.sender, draft.recipient, draft.confidence
    if sender is None:
        sender = ctx.last_subject or ctx.last_sender
        confidence -= 0.2
    if recipient is None or recipient == sender:
        recipient = _context_recipient(draft.event_type, sender, ctx)
        confidence -= 0.2
    if recipient == sender:
        recipient = None
    return replace(draft, sender=sender, recipient=recipient, confidence=round(max(confidence, 0.1), 2))


def _context_recipient(event_type: str, sender: str | None, ctx: Context) -> str | None:
    """The counterpart a sentence leaves unnamed: the earlier offerer for a response, else the last pair."""
    if event_type in _RESPONSES and sender in (ctx.offers_to or {}):
        return (ctx.offers_to or {})[sender or ""]
    if sender == ctx.last_sender:
        return ctx.last_recipient
    if sender == ctx.last_recipient:
        return ctx.last_sender
    return ctx.last_recipient if ctx.last_recipient != sender else ctx.last_sender


def _remember(ctx: Context, drafts: list[Draft], groups: list[Group]) -> None:
    """Update the article context with a sentence's actors and events."""
    subject = next((g.code for g in groups if g.prep == "bare"), None)
    if subject:
        ctx.last_subject = subject
    for d in drafts:
        ctx.last_sender, ctx.last_recipient = d.sender, d.recipient or ctx.last_recipient
        if d.event_type in ("offer_aid", "provide_aid") and d.sender and d.recipient:
            ctx.offers_to = {**(ctx.offers_to or {}), d.recipient: d.sender}


def _sentence_date(
    sentence: str, dates: list[DateMention], mentions: list[Mention]
) -> tuple[DateMention | None, bool]:
    """The sentence's event date: an action date if any, else a report date ("KCNA reported on Sunday")."""
    marked = sentence
    for m in mentions:
        if m.code == REPORTER:
            marked = marked[: m.start] + "~R".ljust(m.end - m.start) + marked[m.end :]
    action, report = [], []
    for d in dates:
        window = marked[max(0, d.start - 45) : d.start]
        (report if _REPORT_CUE.search(window) else action).append(d)
    if action:
        return action[0], False
    return (report[0], True) if report else (None, False)


def _draft(sentence: str, index: int, hit: Hit, groups: list[Group], certainty: str) -> list[Draft]:
    """The events of one trigger (one per sender joined by "and"), before context filling."""
    if hit.rule.beneficiary_subject:
        sender, recipient = _beneficiary_roles(sentence, groups, hit)
        senders = [sender]
    else:
        sender = _sender(groups, hit)
        paired = hit.rule.event_type in _PAIRED
        senders = [sender] + (_co_senders(groups, sender, sentence) if sender and not paired else [])
        recipient = _recipient(groups, hit, sender.code if sender else None)
    confidence = 0.9 - (0.1 if hit.rule.passive or hit.rule.nominal else 0.0)
    confidence -= 0.1 if certainty in ("alleged", "hinted") else 0.0
    return [
        Draft(
            index=index,
            event_type=hit.rule.event_type,
            sender=s.code if s else None,
            sender_name=s.name if s else None,
            recipient=recipient.code if recipient else None,
            recipient_name=recipient.name if recipient else None,
            aid_type=_aid_type(sentence, hit),
            response=hit.rule.response,
            certainty=certainty,
            evidence=sentence,
            confidence=confidence,
        )
        for s in senders
    ]


def _reversed_draft(drafts: list[Draft], template: Draft) -> Draft | None:
    """Aid "in exchange for" aid: the counter-flow of the sentence's provide_aid, if there is one."""
    flow = next((d for d in reversed(drafts) if d.event_type == "provide_aid"), None)
    if flow is None or not flow.sender or not flow.recipient:
        return None
    return replace(
        template,
        sender=flow.recipient,
        sender_name=flow.recipient_name,
        recipient=flow.sender,
        recipient_name=flow.sender_name,
        confidence=round(template.confidence - 0.1, 2),
    )


def _add(drafts: list[Draft], draft: Draft | None) -> None:
    """Add a draft unless it has no sender or repeats an event of the same sentence."""
    if draft is None or draft.sender is None:
        return
    if draft.event_type in _PAIRED and draft.recipient is None:
        return
    key = (draft.event_type, draft.sender, draft.recipient)
    keys = {(d.event_type, d.sender, d.recipient) for d in drafts}
    keys |= {(d.event_type, d.recipient, d.sender) for d in drafts if d.event_type in _PAIRED}
    if key not in keys:
        drafts.append(draft)


def sentence_drafts(
    sentence: str, index: int, known: frozenset[str], ctx: Context, previous: list[Draft]
) -> list[Draft]:
    """All events one sentence states, with actors resolved (from context where the sentence is silent)."""
    hits = find_hits(sentence)
    mentions = find_mentions(sentence, known)
    groups = actor_groups(sentence, mentions, hits)
    certainty = _certainty(sentence, mentions)
    drafts: list[Draft] = []
    for hit in hits:
        if _is_reference(sentence, hit, hits) or not _self_reliance_applies(sentence, previous, hit):
            continue
        for draft in _draft(sentence, index, hit, groups, certainty):
            if hit.rule.reverse:
                _add(drafts, _reversed_draft(drafts, draft))
            elif not (hit.rule.nominal and draft.sender is None):
                _add(drafts, _fill(draft, ctx))
    _remember(ctx, drafts, groups)
    return drafts


def _message_date(drafts: list[Draft], draft: Draft, report: DateMention) -> DateMention:
    """For a report-dated event, the action date of an earlier event between the same actors, if close."""
    for e in reversed(drafts):
        same_pair = (e.sender, e.recipient) == (draft.sender, draft.recipient)
        close = e.date is not None and timedelta(0) <= report.value - e.date.value <= timedelta(days=3)
        if same_pair and close and not e.date_is_report and e.date.precision == "day":  # type: ignore[union-attr]
            return e.date
    return report


def _dated(
    drafts: list[Draft], found: list[Draft], day: tuple[DateMention | None, bool], ctx: Context
) -> list[Draft]:
    """Give a sentence's drafts the sentence's own date; a report date yields to the message's date."""
    mention, is_report = day
    if mention is None and _DAY_EARLIER.search(found[0].evidence) and ctx.last_day:
        mention = DateMention(0, 0, ctx.last_day.value - timedelta(days=1), "day")
    if mention is None and _IN_MESSAGE.search(found[0].evidence) and ctx.message_day:
        mention = ctx.message_day
    out = []
    for d in found:
        own = _message_date(drafts, d, mention) if mention and is_report else mention
        out.append(replace(d, date=own, date_is_report=is_report and own is mention))
    return out


def _same_event_date(drafts: list[Draft], i: int) -> DateMention | None:
    """The date of the same event elsewhere, or the day of an earlier event between the same actors."""
    d = drafts[i]
    dated = [e for e in drafts if e.date and e.certainty != "alleged"]
    same = [
        e for e in dated if (e.event_type, e.sender, e.recipient) == (d.event_type, d.sender, d.recipient)
    ]
    pair = [
        e
        for e in dated
        if e.index < d.index
        and e.date.precision == "day"
        and (e.sender, e.recipient) == (d.sender, d.recipient)  # type: ignore[union-attr]
    ]
    source = (same or pair[-1:] or [None])[0]
    return source.date if source else None


def _inherit(drafts: list[Draft]) -> list[Draft]:
    """Undated events take the date of the same event, or an earlier event between the same actors."""
    out = []
    for i, d in enumerate(drafts):
        if d.date is None and d.certainty != "alleged":
            d = replace(d, date=_same_event_date(drafts, i))
        out.append(d)
    return out


def _response_month(drafts: list[Draft], draft: Draft) -> DateMention | None:
    """A response with no date of its own: the month of the aid it answers, when only the month is known."""
    for e in drafts:
        answered = (e.sender, e.recipient) == (draft.recipient, draft.sender) and e.date is not None
        if answered and e.event_type in ("offer_aid", "provide_aid") and e.date.precision == "month":  # type: ignore[union-attr]
            return e.date
    return None


def _is_days_news(dates: list[DateMention], published: date | None) -> bool:
    """True when the article is on the day's news: a date within three days before publication, or
    only month dates in the publication month."""
    if published is None or not dates:
        return False
    if any(d.precision == "day" and timedelta(0) <= published - d.value <= timedelta(days=3) for d in dates):
        return True
    return all(d.precision == "month" and d.value == published.replace(day=1) for d in dates)


def _final_date(draft: Draft, drafts: list[Draft], fallback: date | None) -> tuple[date | None, str | None]:
    """The event date and its precision: own or inherited, else the day's news, else a response month."""
    if draft.date is not None:
        return draft.date.value, draft.date.precision
    if draft.certainty == "alleged":
        return None, None
    if fallback is not None:
        return fallback, "day"
    month = _response_month(drafts, draft) if draft.event_type in _RESPONSES else None
    return (month.value, month.precision) if month else (None, None)


def _event(article: Article, draft: Draft, drafts: list[Draft], fallback: date | None) -> Event:
    """The final event record of a draft."""
    event_date, precision = _final_date(draft, drafts, fallback)
    return Event(
        event_id=stable_hash(
            article.content_hash, draft.index, draft.event_type, draft.sender, draft.recipient
        ),
        article_id=article.id,
        event_type=draft.event_type,
        cameo_code=cameo_code(draft.event_type, draft.aid_type),
        sender=draft.sender,
        sender_name=draft.sender_name,
        recipient=draft.recipient,
        recipient_name=draft.recipient_name,
        event_date=event_date,
        date_precision=precision,
        aid_type=draft.aid_type,
        response=draft.response,
        certainty=draft.certainty,
        evidence=draft.evidence,
        source_url=article.url,
        source="article",
        confidence=draft.confidence,
        needs_review=event_date is None or draft.recipient is None,
    )


def _backfill(
    drafts: list[Draft], index: int, sentence: str, day: tuple[DateMention | None, bool]
) -> list[Draft]:
    """A line with a date but no event that reports or points back ("Demikian diwartakan ... pada Sabtu",
    "Tawaran itu disampaikan pada hari Kamis") dates the undated events just before it."""
    found, is_report = day
    if found is None or not (is_report or _REFERS_BACK.search(sentence)):
        return drafts
    return [
        replace(d, date=found, date_is_report=is_report, certainty=_reported(d.certainty, is_report))
        if index - 2 <= d.index < index and d.date is None
        else d
        for d in drafts
    ]


def _reported(certainty: str, is_report: bool) -> str:
    """A stated event dated by a report line ("Demikian dilaporkan KCNA ...") is a reported one."""
    return "reported" if is_report and certainty == "stated" else certainty


def _note_days(ctx: Context, sentence: str, day: tuple[DateMention | None, bool]) -> None:
    """Remember the last day the article named, and the day of a message or letter it describes."""
    found = day[0]
    if found is not None and found.precision == "day":
        ctx.last_day = found
        if re.search(r"\b(?:pesan|surat|message|letter)\b", sentence, _I):
            ctx.message_day = found


def _article_drafts(article: Article) -> tuple[list[Draft], list[DateMention]]:
    """Drafts of every sentence of an article, with sentence dates, and all dates the article gives."""
    clean = strip_boilerplate(article.text, article.title)
    known = article_codes(clean)
    ctx = Context()
    drafts: list[Draft] = []
    all_dates: list[DateMention] = []
    for index, sentence in enumerate(split_sentences(clean, article.language)):
        mentions = find_mentions(sentence, known)
        dates = find_dates(sentence, article.language, article.published)
        all_dates.extend(dates)
        day = _sentence_date(sentence, dates, mentions)
        found = sentence_drafts(sentence, index, known, ctx, drafts)
        if found:
            drafts.extend(_dated(drafts, found, day, ctx))
        else:
            drafts = _backfill(drafts, index, sentence, day)
        _note_days(ctx, sentence, day)
    return drafts, all_dates


def extract_events(article: Article) -> list[Event]:
    """Extract the aid events of one article: deterministic; the build records any failure as a reject."""
    drafts, dates = _article_drafts(article)
    fallback = article.published if _is_days_news(dates, article.published) else None
    drafts = _inherit(drafts)
    return [_event(article, d, drafts, fallback) for d in drafts]
