"""Stage 1: a sentence as tokens with offsets, lemma keys (simplemma, Sastrawi) and a grammatical form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from etl.extract.lexicon import lexicon

MAX_TOKENS = 300  # a longer run of text without a sentence end is cut: work stays bounded
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]")  # no nested quantifiers: linear
_POSSESSIVE = ("'s", "’s")
_ID_PREFIX_ACTIVE = ("me", "ber")
_ID_PREFIX_PASSIVE = ("di", "ter")
_ID_PREFIX_NOUN = ("pe", "ke")
_ID_CLITICS = ("nya", "lah", "kah")


@dataclass(frozen=True)
class Token:
    """A word or mark: its span in the sentence, its lower-case surface and lemma keys, and its form."""

    text: str
    start: int
    end: int
    lower: str
    keys: frozenset[str]
    form: str  # active, passive, noun or base


@lru_cache(maxsize=1)
def _stemmer():
    """The Sastrawi stemmer, built once (its dictionary load takes a moment)."""
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def word_keys(lower: str, language: str | None) -> frozenset[str]:
    """The forms a word can be matched by: its surface, simplemma lemma and (Indonesian) Sastrawi stem."""
    keys = {lower}
    if language in ("en", None):
        keys.add(simplemma.lemmatize(lower, lang="en"))
        if lower.endswith("ed") or lower.endswith("ing"):
            keys.add(re.sub(r"(?:ed|ing)$", "", lower))
    if language in ("id", None) and lower.isalpha():
        keys.add(simplemma.lemmatize(lower, lang="id"))
        keys.add(_stemmer().stem(lower))
    return frozenset(keys)


def _id_form(lower: str, keys: frozenset[str]) -> str:
    """An Indonesian word's form from its affixes: menawarkan active, ditawarkan passive, tawaran noun."""
    if not keys - {lower}:
        return "base"
    word = lower
    for clitic in _ID_CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 3:
            word = word[: -len(clitic)]
    if word.startswith(_ID_PREFIX_ACTIVE):
        return "active"
    if word.startswith(_ID_PREFIX_PASSIVE):
        return "passive"
    if word.startswith(_ID_PREFIX_NOUN) or (word.endswith("an") and not word.endswith("kan")):
        return "noun"
    return "base"


def _en_form(tokens: list[Token], i: int) -> str:
    """The form of an English word from its neighbours: "the offer" noun, "was offered" passive."""
    words = lexicon().words
    tok = tokens[i]
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    j = i - 1
    while j >= 0 and (tokens[j].lower in words["adverb"] or tokens[j].lower.endswith("ly")):
        j -= 1
    prev = tokens[j].lower if j >= 0 else ""
    inflected = tok.lower not in (tok.keys - {tok.lower}) and len(tok.keys) > 1
    if inflected and (prev in words["be"] or nxt == "by"):
        return "passive"
    after_modifier = (
        j >= 0 and not inflected and not words["aid"].isdisjoint(tokens[j].keys)
    )  # "medical help"
    plural_aid = tok.lower.endswith("s") and inflected and not words["aid"].isdisjoint(tok.keys)  # "supplies"
    if (
        prev in words["determiner"]
        or after_modifier
        or plural_aid
        or (nxt in words["noun_next"] and not inflected)
    ):
        return "noun"
    return "active"


def _raw_tokens(sentence: str, language: str | None) -> list[Token]:
    """Tokens with keys; "Japan's" is split into "Japan" and "'s"."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(sentence):
        text, start = m.group(), m.start()
        if text.lower().endswith(_POSSESSIVE) and len(text) > 2:
            tokens.append(_token(text[:-2], start, language))
            tokens.append(_token(text[-2:], start + len(text) - 2, language))
        else:
            tokens.append(_token(text, start, language))
        if len(tokens) >= MAX_TOKENS:
            break
    return tokens


def _token(text: str, start: int, language: str | None) -> Token:
    """One token before its form is known."""
    lower = text.lower()
    return Token(text, start, start + len(text), lower, word_keys(lower, language), "base")


def tokenize(sentence: str, language: str | None) -> list[Token]:
    """The tokens of a sentence (at most MAX_TOKENS), each with its lemma keys and grammatical form."""
    tokens = _raw_tokens(sentence, language)
    out = []
    for i, tok in enumerate(tokens):
        if language == "id" or (language is None and tok.lower.startswith(("me", "di", "ber", "pe"))):
            form = _id_form(tok.lower, tok.keys)
        else:
            form = _en_form(tokens, i)
        out.append(Token(tok.text, tok.start, tok.end, tok.lower, tok.keys, form))
    return out
