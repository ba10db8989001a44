"""Checking an evidence file by its content (issue 16): what it really is, and why it is refused.

Pure functions over a name and bytes, no I/O. The name only has to agree with the content: a
PDF is recognised by `%PDF-`, PNG and JPEG by their signatures, DOCX and ODT by their inner
entries. Hostile files are refused with a French message saying what to do instead.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_NAME = 120
MAX_UNZIPPED = 100 * 1024 * 1024  # a DOCX/ODT inflating beyond this is a zip bomb
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg"), DOCX: (".docx",),
              ODT: (".odt",)}  # fmt: skip
ACCEPTED = "PDF, ODT, DOCX, PNG ou JPEG, 10 Mo au plus"
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_SAFE_CHAR = re.compile(r"[^\w .()+-]", re.UNICODE)


class EvidenceRefused(ValueError):
    """A file that is not accepted as evidence; the message says why, in French."""


@dataclass(frozen=True)
class CheckedFile:
    """An accepted file: its sanitised name and the media type read from its content."""

    file_name: str
    media_type: str


def safe_name(name: str) -> str:
    """The base name kept for a file; a name carrying a path or control characters is refused."""
    if any(sep in name for sep in ("/", "\\")) or ".." in name:
        raise EvidenceRefused(
            f"nom de fichier refusé (« {name[:60]} ») : il contient un chemin ; "
            "renommez le fichier sans « / », « \\ » ni « .. »"
        )
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise EvidenceRefused("nom de fichier refusé : il contient des caractères de contrôle")
    cleaned = _SAFE_CHAR.sub("_", name.strip()).strip(" .")
    if not cleaned:
        raise EvidenceRefused("nom de fichier vide : renommez le fichier")
    stem, dot, extension = cleaned.rpartition(".")
    if dot and len(cleaned) > MAX_NAME:
        cleaned = stem[: MAX_NAME - len(extension) - 1] + "." + extension
    return cleaned[:MAX_NAME]


def check_file(name: str, data: bytes) -> CheckedFile:
    """Accept the file or raise EvidenceRefused: type by content, size, active content."""
    file_name = safe_name(name)
    if not data:
        raise EvidenceRefused("le fichier est vide")
    if len(data) > MAX_BYTES:
        size = f"{len(data) / (1024 * 1024):.1f}".replace(".", ",")
        raise EvidenceRefused(f"fichier trop volumineux ({size} Mo) : 10 Mo au plus")
    media_type = _sniff(file_name, data)
    extension = PurePosixPath(file_name).suffix.lower()
    if extension not in EXTENSIONS[media_type]:
        raise EvidenceRefused(
            f"le contenu du fichier ({_KIND[media_type]}) ne correspond pas à son nom "
            f"« {file_name} » : renommez-le en {EXTENSIONS[media_type][0]}"
        )
    return CheckedFile(file_name, media_type)


_KIND = {PDF: "PDF", PNG: "image PNG", JPEG: "image JPEG", DOCX: "document DOCX",
         ODT: "document ODT"}  # fmt: skip


def _sniff(file_name: str, data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_pixels(*_png_size(data))
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _check_pixels(*_jpeg_size(data))
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        if file_name.lower().endswith(".pdf"):
            raise EvidenceRefused(
                "ce fichier nommé .pdf est en réalité une archive ZIP : déposez le vrai PDF"
            )
        return _office_type(data)
    raise EvidenceRefused(f"type de fichier non accepté : {ACCEPTED} (le contenu est vérifié)")


def _check_pdf(data: bytes) -> None:
    """Refuse PDFs that can run or carry something: scripts, launch actions, attached files."""
    texts = [data]
    for match in _PDF_STREAM.finditer(data):
        try:  # compressed object streams can hide the same keys
            texts.append(zlib.decompressobj().decompress(match.group(1), MAX_BYTES))
        except zlib.error:
            continue
    for text in texts:
        found = _PDF_ACTIVE.search(_NAME_ESCAPE.sub(lambda m: bytes.fromhex(m[1].decode()), text))
        if found:
            raise EvidenceRefused(
                f"PDF refusé : il contient du contenu actif ou joint ({found[1].decode()}) ; "
                "imprimez-le en PDF simple (« Imprimer › Enregistrer au format PDF »)"
            )


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise EvidenceRefused("image PNG illisible (en-tête IHDR absent)")
    return struct.unpack(">II", data[16:24])


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first SOF segment of a JPEG."""
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            at += 1
            continue
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            at += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    raise EvidenceRefused("image JPEG illisible (dimensions introuvables)")


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise EvidenceRefused(
            f"image trop grande ({width} × {height} pixels) : 40 mégapixels au plus, "
            "réduisez-la ou exportez-la en PDF"
        )


def _office_type(data: bytes) -> str:
    """DOCX or ODT, told by their inner entries; any other archive is refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise EvidenceRefused("archive illisible : ni DOCX ni ODT valide") from exc
    if sum(entry.file_size for entry in entries) > MAX_UNZIPPED or len(entries) > 5000:
        raise EvidenceRefused("document refusé : son contenu décompressé est démesuré")
    names = {entry.filename for entry in entries}
    if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
        return ODT
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise EvidenceRefused("document Word avec macros refusé : enregistrez-le en .docx")
        return DOCX
    raise EvidenceRefused(f"archive ZIP non acceptée : {ACCEPTED}")
