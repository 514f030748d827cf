"""Clean article text of page boilerplate and split it into sentences (Bahasa Indonesia and English)."""

from __future__ import annotations

import re

# Whole lines that are page furniture, not report: related links, share widgets, navigation.
_BOILERPLATE_LINE = re.compile(
    r"^\s*(?:"
    r"baca\s+juga\b.*|read\s+(?:also|more)\b.*|see\s+also\b.*|related\s*(?:articles?|stories|news)?\s*:.*"
    r"|lihat\s+juga\s*:.*|simak\s+juga\b.*|artikel\s+terkait\b.*|berita\s+terkait\b.*"
    r"|silakan\s+baca\b.*|dapatkan\s+update\b.*|ikuti\s+(?:kami|berita)\b.*|follow\s+us\b.*"
    r"|berita\s+(?:sebelumnya|selanjutnya)|(?:previous|next)\s+(?:article|story|post)"
    r"|advertisement|iklan|scroll\s+to\s+continue.*|gulir\s+untuk\s+lanjut.*"
    r"|share|bagikan|tweet|facebook|twitter|whatsapp|telegram|line|copy\s+link|salin\s+tautan"
    r"|editor\s*:.*|penulis\s*:.*|reporter\s*:.*|sumber\s*:.*|tags?\s*:.*|topik\s*:.*"
    r"|\(\s*(?:\*|[a-z]{2,10}(?:\s*/\s*[a-z]{2,10}){0,3})\s*\)"
    r")\s*$",
    re.IGNORECASE,
)
# A caption line ends in a photo credit: "(Kantor Berita .../... via AP)", "(Foto: Reuters)".
_CAPTION_LINE = re.compile(
    r"\((?:[^()]*\bvia\s+[A-Z][\w.]*|\s*(?:foto|photo|photograph|image|gambar|dok|ilustrasi)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
# End marks: "(*)", and editors' or agencies' initials closing a report: "(ant/rdk)", "(Reuters/ANT)".
_END_MARK = re.compile(r"\s*\(\s*(?:\*|[A-Za-z]{2,10}(?:\s*/\s*[A-Za-z]{2,10}){1,3})\s*\)\s*$")
# A dateline with an agency in brackets: "Jakarta (ANTARA) -", "RABAT, Sept 11 (Anadolu) -".
_AGENCY_DATELINE = re.compile(
    r"^\s*(?:[A-Z]{3,}[A-Z.]*(?:[ /][A-Z]{2,}[A-Z.]*){0,2}|[A-Z][a-z]+(?:,? [A-Z][a-z]+){0,3}(?=\s*\())"
    r"(?:,\s*[A-Z][a-z]{2,4}\.? \d{1,2})?(?:\s*\([A-Z][\w .&/-]{0,30}\))?\s*[-–—]\s+"
)
# Any other dateline: a short head of places, outlets and a date, a dash, then a capital: "Klaten -",
# "BENGHAZI, Libya, Sept 13 -", "TEMPO.CO, Jakarta --". Not "Japan - the donor -" nor "Joko Widodo - ...".
_DATELINE = re.compile(r"^\s*(?P<head>[^\s\-–—][^\-–—\n]{0,60}?)\s+(?:--?|–|—)\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_DATELINE_PIECE = re.compile(r"[A-Z][\w'’.]*|\d{1,2}|[\w-]+\.(?:com|co|id|net|org)(?:\.id)?")
_DATELINE_MARK = re.compile(r"[A-Z]{3,}[A-Z.]*|(?i:[\w-]+\.(?:com|co|id|net|org)(?:\.id)?)")  # CITY, outlet

# Words whose full stop never ends a sentence: titles before a name, "No. 5", "St. Louis".
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "gen", "lt", "col", "sgt", "capt", "cmdr",
    "adm", "maj", "rep", "sen", "gov", "pres", "rev", "hon", "amb", "jl", "hj", "ir", "drs", "dra", "yth",
    "bpk", "sdr", "kab", "kec", "kel", "prov", "tel", "fig", "approx", "ca", "pt", "tk", "mt", "ft", "km",
}  # fmt: skip
# Abbreviations that can also end a sentence: they end one only before a typical sentence opener.
_SOFT_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
    "corp", "bros", "e.g", "i.e", "a.m", "p.m", "ark", "calif", "fla", "ky", "la", "mass", "mich", "va",
    "wash", "d.c", "agt", "agu", "okt", "des", "nop", "peb", "sdri", "jln", "kol", "brigjen", "tbk",
}  # fmt: skip
_OPENERS = {
    "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "this", "that", "these", "those", "there",
    "in", "on", "at", "but", "and", "as", "after", "when", "while", "his", "her", "their", "our", "officials",
    "di", "pada", "ia", "dia", "mereka", "kami", "ini", "itu", "namun", "sementara", "selain", "menurut",
    "sebelumnya", "dalam", "saat", "untuk", "bantuan", "pemerintah", "presiden",
}  # fmt: skip
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, U.K, U.N, D.P.R.K, U.S.A
# A candidate sentence end: terminal marks, closing quotes or brackets, space, then a capital or digit.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+ (?=[\"'“‘(\[]?[A-Z0-9À-Ý])")
_FIRST_WORD = re.compile(r"[\"'“‘(\[]*+(\w{1,20})")
MAX_SENTENCE = 2000  # characters; longer runs are cut at a space so later stages do bounded work


def _normalise(line: str) -> str:
    """Lower-case a line and squeeze it to letters and digits, for comparing it with the title."""
    return re.sub(r"[\W_]+", " ", line).strip().lower()


def _is_title_line(line: str, title: str | None) -> bool:
    """True for a repeated title line, or a "Title - Outlet" line."""
    if not title or not _normalise(title):
        return False
    norm, norm_title = _normalise(line), _normalise(title)
    return norm == norm_title or (norm.startswith(norm_title) and len(norm) - len(norm_title) <= 40)


def _is_boilerplate(line: str, title: str | None) -> bool:
    """True for a line of page furniture, a photo caption or a repeated title."""
    return bool(_BOILERPLATE_LINE.match(line) or _CAPTION_LINE.search(line)) or _is_title_line(line, title)


def _without_dateline(line: str) -> str:
    """Drop a dateline ("SEOUL -", "GenPI.co -", "Jakarta (ANTARA) -") that opens a paragraph."""
    m = _AGENCY_DATELINE.match(line)
    if m:
        return line[m.end() :]
    m = _DATELINE.match(line)
    pieces = re.split(r"[\s,/]+", m.group("head").strip(" ,")) if m else []
    if not pieces or len(pieces) > 6 or not all(_DATELINE_PIECE.fullmatch(p) for p in pieces):
        return line
    marked = len(pieces) == 1 or "," in m.group("head") or any(_DATELINE_MARK.fullmatch(p) for p in pieces)
    return line[m.end() :] if marked else line


def strip_boilerplate(text: str, title: str | None) -> str:
    """Drop page boilerplate (related links, captions, share widgets, repeated titles, end marks)."""
    kept = []
    for line in (text or "").splitlines():
        if not line.strip():
            kept.append("")
            continue
        if _is_boilerplate(line, title):
            continue
        line = _without_dateline(_END_MARK.sub("", line).rstrip())
        if line.strip():
            kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _is_abbreviation(token: str, next_word: str) -> bool:
    """True when the full stop after `token` belongs to it rather than ending the sentence."""
    low = token.lower()
    if low in _TITLES or (len(token) == 1 and token.isalpha()):
        return low != "no" or next_word[:1].isdigit()
    if low in _SOFT_ABBREVIATIONS or _DOTTED.fullmatch(token):
        return next_word.lower() not in _OPENERS
    return False


def _is_end(paragraph: str, m: re.Match[str]) -> bool:
    """True when a candidate boundary really ends a sentence (looks only at the words around it)."""
    marks = m.group().rstrip()
    if not marks.startswith(".") or marks.startswith(".."):
        return True
    space = paragraph.rfind(" ", max(0, m.start() - 24), m.start())
    token = paragraph[space + 1 : m.start()].lstrip("\"'“‘([")
    if not token or len(token) > 20:
        return True
    after = _FIRST_WORD.match(paragraph, m.end(), m.end() + 24)
    return not _is_abbreviation(token, after.group(1) if after else "")


def _capped(sentence: str) -> list[str]:
    """Cut a sentence longer than MAX_SENTENCE at the last space before the limit (or hard, if none)."""
    pieces: list[str] = []
    while len(sentence) > MAX_SENTENCE:
        cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    pieces.append(sentence)
    return pieces


def _split_paragraph(paragraph: str) -> list[str]:
    """Split one paragraph at sentence ends, keeping abbreviations and closing quotes together."""
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        if _is_end(paragraph, m):
            sentences.extend(_capped(paragraph[start : m.end()].strip()))
            start = m.end()
    sentences.extend(_capped(paragraph[start:].strip()))
    return [s for s in sentences if s]


def split_sentences(text: str, language: str | None) -> list[str]:
    """Split text into sentences (at most MAX_SENTENCE characters); paragraphs and lines always end one."""
    del language  # the rules are the same for Bahasa Indonesia and English
    sentences: list[str] = []
    for paragraph in (text or "").splitlines():
        if paragraph.strip():
            sentences.extend(_split_paragraph(" ".join(paragraph.split())))
    return sentences
