"""Resolve actor names in a sentence to ISO 3166-1 alpha-3 codes (or IGO acronyms); agencies only report."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import babel
import pycountry

ALIASES_PATH = Path(__file__).with_name("aliases.toml")
REPORTER = "~reporter"  # code of a news agency or outlet: it reports, it never acts

# Kinds of name that stand for an actor. "surname" and "context" names resolve only once their state is
# named in the article; a "class" name ("the kingdom") only to the one state of its class named there;
# a "home" name ("Kemlu") is an Indonesian body named without its country.
STATE, LEADER, SURNAME, CONTEXT, DEMONYM, IGO = "state", "leader", "surname", "context", "demonym", "igo"
EPITHET, CLASS, HOME, CAPITAL, GENERIC = "epithet", "class", "home", "capital", "generic"
# Kinds of name that contain a state but never stand for an actor (the code says which state it names).
CURRENCY = "currency"  # "dolar AS", "US$", "Japanese yen", "Singapore dollars"
ORIGIN = "origin"  # "beras asal Vietnam", "buatan China", "made in Japan"
ATTRIBUTE = "attribute"  # a demonym not heading a state, people or team noun: "Chinese citizens"
NAMED = "named"  # a state inside another name: "Gulf of Mexico", "Bank Indonesia", "PT Cargill Indonesia"
PLACE = "place"  # a capital as the place where something happens: "in Beijing", "di Kuala Lumpur"
NON_ACTOR_KINDS = frozenset({CURRENCY, ORIGIN, ATTRIBUTE, NAMED, PLACE})
_ANCHOR_KINDS = frozenset(
    {STATE, LEADER, DEMONYM, IGO, EPITHET, HOME, CAPITAL}
)  # kinds that anchor an article
_KIND_OF_TABLE = {
    "names": STATE,
    "capitals": CAPITAL,
    "epithets": EPITHET,
    "leaders": LEADER,
    "parties": STATE,
    "organs": STATE,
    "home": HOME,
    "generic": GENERIC,
    "surnames": SURNAME,
    "context": CONTEXT,
    "demonyms": DEMONYM,
    "igos": IGO,
    "not_actors": NAMED,
}
_AMBIGUOUS = {"Korea", "Korean", "Korea Raya", "Congo"}  # names that do not single out a state
# Words before a state name that make it a reporter: "kantor berita Korea Selatan, Yonhap".
_REPORTER_BEFORE = re.compile(
    r"(?:kantor berita|news agency|media pemerintah|media resmi|state media|state-run media|surat kabar)"
    r"(?:\s+(?:resmi|pemerintah|pusat|milik negara|official|state|state-run))?\s*$",
    re.IGNORECASE,
)
_REPORTER_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:official\s+|state\s+|state-run\s+|state-owned\s+)?(?:news agency|media|newspaper)\b",
    re.IGNORECASE,
)
# After a reporter: "Kantor Berita Pusat Korea resmi Korea Utara" names whose agency it is.
_REPORTER_OWNER = re.compile(r"^\s*(?:resmi|milik pemerintah|milik negara|pemerintah)\s*$", re.IGNORECASE)

_BEFORE = 48  # characters looked at before a name, and after it: the checks below are bounded
# A construction around a state name that makes it something other than an actor.
_CONSTRUCTION_BEFORE = (
    (
        ORIGIN,
        re.compile(
            r"\b(?:asal|buatan|produksi|bikinan|keluaran|made in|produced in|manufactured in|grown in"
            r"|imported from|imports from|impor dari|diimpor dari)\s+$",
            re.IGNORECASE,
        ),
    ),
    (
        NAMED,
        re.compile(
            r"(?:\b(?:PT|CV|Yayasan)\.?\s+(?:[A-Z][\w&.'-]*\s+){0,3}"
            r"|\b(?:[Tt]imnas|[Tt]im nasional(?: sepak bola)?|Universitas|University of|Bank of|Piala"
            r"|Liga|Air|[Bb]ahasa|[Bb]erbahasa)\s+)$"
        ),
    ),
)
# Last words before a name that can end one of the constructions above (checked before any regex runs).
_REPORTER_LAST = frozenset({
    "berita", "agency", "pemerintah", "resmi", "media", "kabar", "pusat", "negara", "official", "state",
    "state-run",
})  # fmt: skip
_CONSTRUCTION_LAST = frozenset({
    "won", "uang", "asal", "buatan", "produksi", "bikinan", "keluaran", "in", "from", "dari", "timnas",
    "nasional", "bola", "universitas", "of", "piala", "liga", "air", "bahasa", "berbahasa", "di", "at",
    "near", "dekat", "outside", "the", "kbri", "kjri",
})  # fmt: skip
_COMPANY_WORDS = ("PT", "CV", "Yayasan")
_OWNER_GAP = re.compile(r"(?:'s|’s)?\s*$")  # between a state and its national society: "Iran's Red Crescent"
_NAMED_AFTER = re.compile(
    r"^\s(?:Tbk|Ltd|Inc|Corp|Airlines|Airways|FC|U-?\d\d|Open|Masters|Cup|Grand Prix)\b"
)
_PLACE_BEFORE = re.compile(r"\b(?:di|in|at|near|dekat|outside|KBRI|KJRI)\s+(?:the\s+)?$", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: its span, the code it stands for and the kind of name it is.

    `code` is an ISO alpha-3 code, an IGO acronym or REPORTER (a news agency). `kind` says how the name
    names its code; a kind in NON_ACTOR_KINDS (currency, origin, attribute, named) marks a name that
    contains a state but is never an actor ("dolar AS", "beras asal Vietnam", "Chinese citizens",
    "Bank Indonesia"): keep its span out of every role. `is_actor` tells the two apart.
    """

    start: int
    end: int
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Words:
    """Word lists from the alias file's [words] table that decide what a name is in its phrase."""

    currencies: frozenset[str]  # "dolar AS", "Japanese yen", "US dollars"
    heads: frozenset[str]  # nouns that make a demonym an actor: "Swiss doctors"
    modifiers: frozenset[str]  # words between a demonym and its head: "Qatari rescue team"
    stops: frozenset[str]  # capitalised words that make the phrase another name: "Turkish Airlines"
    currency_before: re.Pattern[str]
    currency_after: re.Pattern[str]


@dataclass(frozen=True)
class Gazetteer:
    """Every known name with its code and kind, keyed by its tokens; name lengths by first token; classes."""

    names: dict[tuple[str, ...], tuple[str, str]]
    lengths: dict[str, tuple[int, ...]]  # first token -> token lengths of the names it starts, longest first
    classes: dict[str, tuple[frozenset[str], frozenset[str]]]
    words: Words


def _country_names() -> dict[str, str]:
    """Country names from CLDR (Indonesian and English) and pycountry, mapped to alpha-3."""
    names: dict[str, str] = {}
    for locale in ("id", "en"):
        for alpha2, name in babel.Locale(locale).territories.items():
            country = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 else None
            if country is not None:
                names[name] = country.alpha_3
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                names.setdefault(name, country.alpha_3)
    return {name: code for name, code in names.items() if name not in _AMBIGUOUS}


def _variants(alias: str) -> list[str]:
    """An alias and its sentence-initial or lower-case form ("the kingdom" / "The kingdom")."""
    if alias[:1].islower():
        return [alias, alias[0].upper() + alias[1:]]
    if alias.startswith("Negeri "):
        return [alias, "n" + alias[1:]]
    return [alias]


def _alias_names(data: dict) -> dict[str, tuple[str, str]]:
    """Names from the alias file, with their code (or "@class") and kind."""
    names: dict[str, tuple[str, str]] = {}
    for table, kind in _KIND_OF_TABLE.items():
        for code, aliases in data.get(table, {}).items():
            for alias in aliases:
                names.update(dict.fromkeys(_variants(alias), (code, kind)))
    for key, spec in data.get("classes", {}).items():
        for alias in spec["names"]:
            names.update(dict.fromkeys(_variants(alias), ("@" + key, CLASS)))
    for alias in data.get("reporters", {}).get("names", []):
        names[alias] = (REPORTER, STATE)
    return names


def _words(data: dict) -> Words:
    """The [words] table, with the currency rules built from its currency list."""
    table = data["words"]
    currencies = frozenset(table["currencies"])
    alternation = "|".join(re.escape(w) for w in sorted(currencies, key=len, reverse=True))
    return Words(
        currencies,
        frozenset(table["demonym_heads"]),
        frozenset(table["demonym_modifiers"]),
        frozenset(table["demonym_stops"]),
        re.compile(rf"\b(?:{alternation}|won|mata uang)\s+$", re.IGNORECASE),
        re.compile(rf"^(?:\$|\s?(?:{alternation})\b)", re.IGNORECASE),
    )


@cache
def gazetteer(path: Path = ALIASES_PATH) -> Gazetteer:
    """Build the gazetteer once: CLDR and pycountry names plus the alias file (aliases win)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = {name: (code, STATE) for name, code in _country_names().items()}
    names.update(_alias_names(data))
    keyed = {_key(name): entry for name, entry in names.items()}
    lengths: dict[str, set[int]] = {}
    for key in keyed:
        lengths.setdefault(key[0], set()).add(len(key))
    classes = {
        "@" + key: (frozenset(spec["primary"]), frozenset(spec.get("secondary", [])))
        for key, spec in data.get("classes", {}).items()
    }
    ordered = {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}
    return Gazetteer(keyed, ordered, classes, _words(data))


def _last_word(before: str) -> str:
    """The lower-cased word just before a name: the cheap test that decides whether to look further."""
    text = before.rstrip()
    return text[text.rfind(" ") + 1 :].lower()


def _is_reporter_context(sentence: str, start: int, end: int) -> bool:
    """True when a state name is part of a news agency's description."""
    before = sentence[max(0, start - 40) : start]
    if _last_word(before) in _REPORTER_LAST and _REPORTER_BEFORE.search(before):
        return True
    return bool(_REPORTER_AFTER.match(sentence[end : end + 40]))


def _demonym_kind(sentence: str, end: int) -> str:
    """DEMONYM when the words after a demonym head an actor noun, else CURRENCY or ATTRIBUTE.

    Modifiers ("rescue"), other demonyms ("and Korean") and capitalised words or numbers ("Hercules",
    "C-130") are looked past, at most four words; any other word ends the phrase.
    """
    gaz = gazetteer()
    for word in _WORD.findall(sentence[end : end + _BEFORE])[:4]:
        low = word.lower()
        if low in gaz.words.heads:
            return DEMONYM
        if low in gaz.words.currencies or low == "won":
            return CURRENCY
        if word in gaz.words.stops:
            return ATTRIBUTE
        named = word[:1].isupper() or word[:1].isdigit() or word == "Korean"
        if not (named or low in gaz.words.modifiers):
            return ATTRIBUTE
    return ATTRIBUTE


def _kind_in_context(sentence: str, start: int, end: int, kind: str) -> str:
    """The kind a name takes in its sentence: non-actor constructions override the gazetteer's kind."""
    if kind in (CLASS, NAMED):
        return kind
    before, after = sentence[max(0, start - _BEFORE) : start], sentence[end : end + _BEFORE]
    words = gazetteer().words
    last = _last_word(before)
    look = last in _CONSTRUCTION_LAST or last in words.currencies or any(w in before for w in _COMPANY_WORDS)
    if (look and words.currency_before.search(before)) or words.currency_after.match(after):
        return CURRENCY
    for construction, rule in _CONSTRUCTION_BEFORE if look else ():
        if rule.search(before):
            return construction
    if _NAMED_AFTER.match(after):
        return NAMED
    if kind == CAPITAL and last in _CONSTRUCTION_LAST and _PLACE_BEFORE.search(before):
        return PLACE
    return _demonym_kind(sentence, end) if kind == DEMONYM else kind


def _key(name: str) -> tuple[str, ...]:
    """A name as its tokens (words and single marks), so "N.Korea" and "N. Korea" look the same."""
    return tuple(_TOKEN.findall(name))


def _matches(sentence: str) -> list[tuple[int, int, tuple[str, str]]]:
    """Longest gazetteer names from left to right, by token lookup (linear in the sentence)."""
    gaz = gazetteer()
    spans = [m.span() for m in _TOKEN.finditer(sentence)]
    words = [sentence[i:j] for i, j in spans]
    found = []
    free = 0  # first token not yet inside a found name
    for i in [k for k, word in enumerate(words) if word in gaz.lengths]:
        if i < free:
            continue
        for size in gaz.lengths[words[i]]:
            entry = gaz.names.get(tuple(words[i : i + size])) if i + size <= len(words) else None
            if entry is not None and _bounded(sentence, spans[i][0], spans[i + size - 1][1]):
                found.append((spans[i][0], spans[i + size - 1][1], entry))
                free = i + size
                break
    return found


def _bounded(sentence: str, start: int, end: int) -> bool:
    """True when a name stands alone: no hyphen joins it to a word ("Chinese-made", "U.S.-led")."""
    return sentence[start - 1 : start] not in ("-", "_") and sentence[end : end + 1] not in ("-", "_")


def _raw_mentions(sentence: str) -> list[Mention]:
    """All gazetteer names in a sentence, longest first and without overlaps, in text order."""
    found = []
    for start, end, (code, kind) in _matches(sentence):
        kind = _kind_in_context(sentence, start, end, kind) if code != REPORTER else kind
        found.append(Mention(start, end, code, sentence[start:end], kind))
    return found


def _reporters_marked(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Turn state names that describe a news agency ("kantor berita Korea Selatan") into reporters."""
    marked: list[Mention] = []
    for m in mentions:
        owner = bool(marked) and marked[-1].code == REPORTER
        owner = owner and bool(_REPORTER_OWNER.match(sentence[marked[-1].end : m.start]))
        if m.code != REPORTER and (owner or _is_reporter_context(sentence, m.start, m.end)):
            m = Mention(m.start, m.end, REPORTER, m.name, m.kind)
        marked.append(m)
    return marked


def _class_code(code: str, known: frozenset[str]) -> str | None:
    """The one state of a class ("@kingdom") the article names: primary members first, then secondary."""
    primary, secondary = gazetteer().classes[code]
    for members in (primary & known, secondary & known):
        if len(members) == 1:
            return next(iter(members))
        if members:
            return None
    return None


def _resolved(sentence: str, mentions: list[Mention], known: frozenset[str]) -> list[Mention]:
    """Resolve class names against `known`; drop a home body whose country name follows it."""
    kept: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.kind == CLASS:
            code = _class_code(m.code, known)
            if code is not None:
                kept.append(Mention(m.start, m.end, code, m.name, CLASS))
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        named = nxt is not None and nxt.kind in (STATE, EPITHET, DEMONYM, LEADER)
        if m.kind == HOME and named and not sentence[m.end : nxt.start].strip():
            continue  # "Kementerian Luar Negeri Jepang": the next name says whose ministry it is
        if m.kind == GENERIC and kept and _OWNER_GAP.match(sentence, kept[-1].end, m.start):
            continue  # "Singapore Red Cross", "Iranian Red Crescent": the national society
        if m.kind not in (SURNAME, CONTEXT) or m.code in known:
            kept.append(m)
    return kept


def find_mentions(sentence: str, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Actor, reporter and non-actor names in a sentence, in text order (see Mention for the kinds).

    Surnames and "the North" count only for codes in `known`; class names ("the kingdom") resolve to the
    one state of their class in `known`, else are left out.
    """
    return _resolved(sentence, _reporters_marked(sentence, _raw_mentions(sentence)), known)


def is_actor(mention: Mention) -> bool:
    """True when a mention can be an event's sender or recipient (not a reporter, amount or origin)."""
    return mention.code != REPORTER and mention.kind not in NON_ACTOR_KINDS


def article_codes(text: str) -> frozenset[str]:
    """Codes an article names outright (not through a surname, "the North" or "the kingdom"): anchors."""
    return frozenset(m.code for m in find_mentions(text) if m.code != REPORTER and m.kind in _ANCHOR_KINDS)


def resolve(name: str) -> str | None:
    """The code a single name stands for, or None (reporters, non-actors and unknown names have no code)."""
    entry = gazetteer().names.get(_key(name))
    if entry is None or entry[0] == REPORTER or entry[1] in (SURNAME, CONTEXT, CLASS, NAMED):
        return None
    return entry[0]
