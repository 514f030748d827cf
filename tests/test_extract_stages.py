"""Each extraction stage alone: tokens, clauses, triggers and the rule files they read."""

from __future__ import annotations

from datetime import date

import pytest

from etl.extract import budget, extract_events
from etl.extract.budget import BudgetExceeded
from etl.extract.clauses import split_clauses
from etl.extract.events import MAX_PIECE, pieces
from etl.extract.lexicon import lexicon
from etl.extract.tokens import MAX_TOKENS, tokenize
from etl.extract.triggers import find_triggers
from etl.models import Article


def _forms(text: str, language: str) -> dict[str, str]:
    return {t.text: t.form for t in tokenize(text, language)}


def _hits(text: str, language: str) -> list[tuple[str, str, str]]:
    tokens = tokenize(text, language)
    lex = lexicon()
    return [
        (h.name, h.event_type, " ".join(t.text for t in tokens[h.start : h.end]))
        for c in split_clauses(tokens, lex)
        for h in find_triggers(tokens, c, lex)
    ]


def test_tokens_keep_offsets_and_split_the_possessive() -> None:
    text = "Chile's pledge"
    tokens = tokenize(text, "en")
    assert [t.text for t in tokens] == ["Chile", "'s", "pledge"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_lemma_keys_cover_inflections_in_both_languages() -> None:
    keys = {t.text: t.keys for t in tokenize("pledged donating menyalurkan menghibahkan", None)}
    assert "pledge" in keys["pledged"]
    assert "donate" in keys["donating"]
    assert "salur" in keys["menyalurkan"]
    assert "hibah" in keys["menghibahkan"]


def test_indonesian_affixes_give_the_form() -> None:
    forms = _forms("Fiji menawarkan tawaran yang ditawarkan", "id")
    assert (forms["menawarkan"], forms["tawaran"], forms["ditawarkan"]) == ("active", "noun", "passive")


def test_english_neighbours_give_the_form() -> None:
    assert _forms("the offer", "en")["offer"] == "noun"
    assert _forms("aid was offered", "en")["offered"] == "passive"
    assert _forms("Peru offered aid", "en")["offered"] == "active"


def test_clauses_break_at_conjunctions_and_relatives() -> None:
    tokens = tokenize("Fiji mengirim tenda, namun Tonga yang terdampak menolak.", "id")
    clauses = split_clauses(tokens, lexicon())
    assert len(clauses) == 3
    assert clauses[2].relative


def test_a_trigger_and_its_complement_are_one_hit() -> None:
    assert _hits("Peru offered to send doctors.", "en") == [("offer", "offer_aid", "offered to send")]
    assert _hits("Fiji siap membantu Tonga.", "id") == [("offer.readiness", "offer_aid", "siap membantu")]


def test_intent_before_a_giving_verb_makes_an_offer() -> None:
    [(name, event_type, _)] = _hits("Chile will send tents.", "en")
    assert (name, event_type) == ("provide.give > intended-giving-is-offer", "offer_aid")


def test_giving_verb_without_aid_is_no_trigger() -> None:
    assert _hits("Chile sent a letter and Peru gave a speech.", "en") == []


def test_every_rule_has_a_unique_name_and_a_known_scheme() -> None:
    lex = lexicon()
    names = [r.name for r in lex.rules]
    assert len(names) == len(set(names))
    assert all(r.scheme in lex.schemes for r in lex.rules)


def test_work_per_sentence_is_bounded() -> None:
    line = "bantuan " * 200_000
    assert len(tokenize(line, "id")) == MAX_TOKENS
    assert all(len(p) <= MAX_PIECE for p in pieces(line))


def test_extraction_stops_at_the_deadline_of_its_budget() -> None:
    text = "Norway pledged tents to Chile. " * 50
    article = Article(id="b", text=text, content_hash="b", published=date(2024, 1, 5), language="en")
    assert extract_events(article)  # without a deadline it runs to the end
    with budget.limit(0), pytest.raises(BudgetExceeded):
        extract_events(article)
