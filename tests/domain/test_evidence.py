"""Evidence files are checked by content (issue 16): accepted types, and hostile files refused."""

import pytest

from lda_dash.domain.evidence import (
    DOCX,
    JPEG,
    MAX_BYTES,
    ODT,
    PDF,
    PNG,
    EvidenceRefused,
    check_file,
    safe_name,
)
from tests import evidence_files as files


@pytest.mark.parametrize(
    ("name", "build", "media_type"),
    [
        ("Bilan annuel 2022.pdf", files.pdf, PDF),
        ("photo.PNG", files.png, PNG),
        ("scan.jpg", files.jpeg, JPEG),
        ("scan.jpeg", files.jpeg, JPEG),
        ("rapport.docx", files.docx, DOCX),
        ("rapport.odt", files.odt, ODT),
    ],
)
def test_accepted_files_are_typed_by_their_content(name, build, media_type):
    checked = check_file(name, build())
    assert (checked.file_name, checked.media_type) == (name, media_type)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bilan.pdf", files.pdf_with(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
         "contenu actif"),
        ("bilan.pdf", files.pdf_with(b"/AA << /O << /JS 12 0 R >> >>"), "(JS)"),
        ("bilan.pdf", files.pdf_with(b"/S /Launch /F (cmd.exe)"), "(Launch)"),
        ("bilan.pdf", files.pdf_with(b"/Names << /EmbeddedFiles 3 0 R >>"), "EmbeddedFiles"),
        ("bilan.pdf", files.pdf_with(b"/S /J#61vaScript"), "JavaScript"),  # escaped name
        ("bilan.pdf", files.pdf_with_compressed(b"/S /JavaScript"), "JavaScript"),
        ("bilan.pdf", files.docx(), "archive ZIP"),  # a ZIP named .pdf
        ("bilan.pdf", files.zipped({"a.txt": b"x"}), "archive ZIP"),
        ("geante.png", files.png(10_000, 5_000), "trop grande"),  # 50 megapixels declared
        ("geante.jpg", files.jpeg(8_000, 6_000), "trop grande"),
        ("gros.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES, "trop volumineux"),
        ("../../etc/passwd.pdf", files.pdf(), "chemin"),
        ("C:\\Users\\x\\bilan.pdf", files.pdf(), "chemin"),
        ("bilan\x00.pdf", files.pdf(), "contrôle"),
        ("bilan.exe", b"MZ\x90\x00", "non accepté"),
        ("bilan.pdf", b"", "vide"),
        ("bilan.png", files.pdf(), "ne correspond pas"),  # the name disagrees with the content
        ("archive.zip", files.zipped({"a.txt": b"x"}), "archive ZIP non acceptée"),
        ("macro.docx", files.zipped({"[Content_Types].xml": b"", "word/document.xml": b"",
                                     "word/vbaProject.bin": b""}), "macros"),
        ("png.png", b"\x89PNG\r\n\x1a\nshort", "illisible"),
    ],
)  # fmt: skip
def test_hostile_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(EvidenceRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_file(name, data)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Bilan 2022 (final).pdf", "Bilan 2022 (final).pdf"),
        ("bilan<script>.pdf", "bilan_script_.pdf"),
        ("  rapport.odt ", "rapport.odt"),
        ("é" * 200 + ".pdf", "é" * 116 + ".pdf"),
    ],
)
def test_only_a_sanitised_base_name_is_kept(name, kept):
    assert safe_name(name) == kept
