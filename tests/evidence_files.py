"""Small real and hostile evidence files, built in the tests (never stored in the repository)."""

import io
import struct
import zipfile
import zlib


def pdf(text: str = "Bilan annuel 2022") -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=text)
    return bytes(document.output())


def pdf_with(fragment: bytes) -> bytes:
    """A PDF carrying an active or embedded entry (plain, or deflated in a stream)."""
    return b"%PDF-1.7\n1 0 obj << " + fragment + b" >> endobj\n%%EOF\n"


def pdf_with_compressed(fragment: bytes) -> bytes:
    body = zlib.compress(b"<< " + fragment + b" >>")
    return b"%PDF-1.7\n1 0 obj << /Filter /FlateDecode >>\nstream\n" + body + b"\nendstream\n"


def png(width: int = 2, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = zlib.compress(b"".join(b"\x00" + b"\x00" * width for _ in range(min(height, 2))))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def jpeg(width: int = 16, height: int = 16) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def odt() -> bytes:
    return zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
