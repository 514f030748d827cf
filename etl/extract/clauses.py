"""Stage 2: cut a sentence's tokens into clauses, so that the roles of one verb never cross into another."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from etl.extract.lexicon import Lexicon
from etl.extract.tokens import Token


@dataclass(frozen=True)
class Clause:
    """Tokens [start, end) of a sentence; `relative` when it opens with who/which/yang."""

    start: int
    end: int
    relative: bool


def _opens_clause(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """True when token i starts a new clause: a conjunction or subordinator, or "that" after a saying verb."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and tok.lower in lex.words["time_preposition"]:  # "since 2021", "after the quake"
        return not (nxt.text[:1].isdigit() or nxt.lower in lex.words["determiner"] or nxt.text[:1].isupper())
    if tok.lower in lex.words["clause_break"]:
        return True
    return tok.lower in ("that", "bahwa") and i > 0 and lex.has("speech", tokens[i - 1].keys)


def split_clauses(tokens: list[Token], lex: Lexicon) -> list[Clause]:
    """The clauses of a sentence in order; together they cover every token."""
    clauses: list[Clause] = []
    start = 0
    for i in range(1, len(tokens)):
        if _opens_clause(tokens, i, lex) and i > start:
            clauses.append(Clause(start, i, tokens[start].lower in lex.words["relative"]))
            start = i
    if start < len(tokens):
        clauses.append(Clause(start, len(tokens), tokens[start].lower in lex.words["relative"]))
    return clauses


def clause_of(clauses: list[Clause], index: int) -> int:
    """The number of the clause holding token `index`."""
    n = bisect.bisect_right([c.start for c in clauses], index) - 1
    return min(max(n, 0), len(clauses) - 1)
