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

# Kinds of name; "surname" and "context" names resolve only once their state is named in the article.
STATE, LEADER, SURNAME, CONTEXT, DEMONYM, IGO = "state", "leader", "surname", "context", "demonym", "igo"
_KIND_OF_TABLE = {
    "names": STATE,
    "leaders": LEADER,
    "parties": STATE,
    "organs": STATE,
    "surnames": SURNAME,
    "context": CONTEXT,
    "demonyms": DEMONYM,
    "igos": IGO,
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


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: its span, the code it stands for and the kind of name it is."""

    start: int
    end: int
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Gazetteer:
    """Every known actor name with its code and kind, and one regex matching them longest first."""

    names: dict[str, tuple[str, str]]
    pattern: re.Pattern[str]


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


def _alias_names(path: Path) -> dict[str, tuple[str, str]]:
    """Names from the alias file, with their code and kind."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names: dict[str, tuple[str, str]] = {}
    for table, kind in _KIND_OF_TABLE.items():
        for code, aliases in data.get(table, {}).items():
            for alias in aliases:
                names[alias] = (code, kind)
    for alias in data.get("reporters", {}).get("names", []):
        names[alias] = (REPORTER, STATE)
    return names


@cache
def gazetteer(path: Path = ALIASES_PATH) -> Gazetteer:
    """Build the gazetteer once: CLDR and pycountry names plus the alias file (aliases win)."""
    names = {name: (code, STATE) for name, code in _country_names().items()}
    names.update(_alias_names(path))
    ordered = sorted(names, key=len, reverse=True)
    alternation = "|".join(re.escape(name) for name in ordered)
    pattern = re.compile(rf"(?<![\w\-])(?:{alternation})(?![\w\-])")
    return Gazetteer(names, pattern)


def _is_reporter_context(sentence: str, start: int, end: int) -> bool:
    """True when a state name is part of a news agency's description."""
    return bool(_REPORTER_BEFORE.search(sentence[max(0, start - 40) : start])) or bool(
        _REPORTER_AFTER.match(sentence[end : end + 40])
    )


def _raw_mentions(sentence: str) -> list[Mention]:
    """All gazetteer names in a sentence, longest first and without overlaps, in text order."""
    gaz = gazetteer()
    found = []
    for m in gaz.pattern.finditer(sentence):
        code, kind = gaz.names[m.group()]
        found.append(Mention(m.start(), m.end(), code, m.group(), kind))
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


def find_mentions(sentence: str, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Actor and reporter names in a sentence; surnames and "the North" count only for codes in `known`."""
    mentions = _reporters_marked(sentence, _raw_mentions(sentence))
    return [m for m in mentions if m.kind not in (SURNAME, CONTEXT) or m.code in known]


def article_codes(text: str) -> frozenset[str]:
    """Codes an article names outright (not through a surname or "the North"): anchors for short names."""
    return frozenset(
        m.code for m in find_mentions(text) if m.code != REPORTER and m.kind not in (SURNAME, CONTEXT)
    )


def resolve(name: str) -> str | None:
    """The code a single name stands for, or None (reporters and unknown names have no code)."""
    entry = gazetteer().names.get(name.strip())
    if entry is None or entry[0] == REPORTER or entry[1] in (SURNAME, CONTEXT):
        return None
    return entry[0]
