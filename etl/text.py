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
    r"|\(\s*\*\s*\)"
    r")\s*$",
    re.IGNORECASE,
)
# A caption line ends in a photo credit: "(Kantor Berita .../... via AP)", "(Foto: Reuters)".
_CAPTION_LINE = re.compile(
    r"\((?:[^()]*\bvia\s+[A-Z][\w.]*|\s*(?:foto|photo|photograph|image|gambar|dok|ilustrasi)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
_END_MARK = re.compile(r"\s*\(\s*\*\s*\)\s*")
# A dateline opening a report: "SEOUL -", "JAKARTA, KOMPAS.com -", "GenPI.co -".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.]*(?:[ ,]+[A-Z][A-Za-z.]*){0,3}|[A-Z]{2,}[\w.]*)\s*,?\s*[-–—]\s+"
)
_DATELINE_WORD = re.compile(r"^(?:[A-Z]{2,}[A-Z ]*(?:,\s*[\w.]+)?|\w+\.(?:co|com|id|net)(?:\.id)?)$")

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "jl", "dll",
    "dsb", "dst", "tsb", "yth", "u.s", "u.n", "u.k", "e.g", "i.e", "gen", "lt", "col", "sgt", "rep",
    "sen", "gov", "pres", "hj", "h", "ir", "drs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "d.p.r.k",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")


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
    """Drop a dateline ("SEOUL -", "GenPI.co -") that opens a paragraph."""
    m = _DATELINE.match(line)
    if m and _DATELINE_WORD.match(m.group().strip(" -–—,")):
        return line[m.end() :]
    return line


def strip_boilerplate(text: str, title: str | None) -> str:
    """Drop page boilerplate (related links, captions, share widgets, repeated titles, end marks)."""
    kept = []
    for line in (text or "").splitlines():
        if not line.strip():
            kept.append("")
            continue
        if _is_boilerplate(line, title):
            continue
        line = _without_dateline(_END_MARK.sub(" ", line).rstrip())
        if line.strip():
            kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _ends_in_abbreviation(chunk: str) -> bool:
    """True when a chunk ends with an abbreviation or an initial, so the full stop is not an end."""
    word = re.search(r"([\w.]+)\.[\"'”’)\]]*$", chunk)
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _split_paragraph(paragraph: str) -> list[str]:
    """Split one paragraph at sentence ends, keeping abbreviations and closing quotes together."""
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        chunk = paragraph[start : m.end()]
        if _ends_in_abbreviation(chunk):
            continue
        sentences.append(chunk.strip())
        start = m.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def split_sentences(text: str, language: str | None) -> list[str]:
    """Split text into sentences; paragraphs and lines always end a sentence."""
    del language  # the rules are the same for Bahasa Indonesia and English
    sentences: list[str] = []
    for paragraph in re.split(r"\n+", text or ""):
        if paragraph.strip():
            sentences.extend(_split_paragraph(" ".join(paragraph.split())))
    return sentences
