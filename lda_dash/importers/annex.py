"""Reading a convention's budget annex (Markdown, CSV or XLSX) into an AnnexTable, and back."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import PurePath

from lda_dash.domain.annex_table import (
    AMOUNT_FIELDS,
    ANNEX_COLUMNS,
    COLUMNS_BY_FIELD,
    TEXT_FIELDS,
    AnnexRow,
    AnnexTable,
)
from lda_dash.domain.numbers import NotANumber, is_whole, parse_decimal
from lda_dash.exports.safety import safe_row
from lda_dash.importers.annex_formats import (
    AnnexFormatError,
    csv_grid,
    decode_text,
    has_markdown_table,
    markdown_tables,
    xlsx_grid,
)
from lda_dash.importers.file_limits import MAX_FILE_BYTES, size_text

__all__ = ["AnnexFormatError", "AnnexRow", "AnnexTable", "annex_rows_to_csv", "read_annex"]


# Header matching works on a compact form (no accents, case, spaces or punctuation), so
# "Dépenses année 1 Coût total…" and "DEPENSES ANNEE1" both match. Rules are tried in order
# and the first one whose keywords all appear wins: the specific headers come before the
# generic ones ("Catégorie d'action" must not be read as "Action").
_HEADER_RULES: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("leverage", (("levier",),)),
    ("cost_y1", (("depense", "annee1"), ("cout", "annee1"))),
    ("cost_y2", (("depense", "annee2"), ("cout", "annee2"))),
    ("ami_y1", (("financement", "ami", "annee1"),)),
    ("cofunding_y1", (("financement", "annee1"),)),
    ("cofunding_y2", (("financement", "annee2"),)),
    ("calendar", (("calendrier",),)),
    ("deliverables", (("livrable",),)),
    ("objective", (("objectif",),)),
    ("expected_results", (("resultat",),)),
    ("description", (("description",),)),
    ("category", (("categorie",),)),
    ("title", (("action",), ("intitule",), ("libelle",))),
)
_NUMBER_HEADERS = {"n", "no", "num", "numero"}
_TOTAL_WORD = re.compile(r"\btota(l|ux)\b")
# A row that maps this many columns is taken as an annex header with columns missing.
_HEADER_LIKE = 3
# Amounts are stored as DECIMAL(14, 2) (migrations/0001_schema.sql): more decimals would be lost.
AMOUNT_DECIMALS = 2


def read_annex(data: bytes, filename: str) -> AnnexTable:
    """Read the annex table from a whole document (.md/.txt), a CSV or an XLSX file.

    The format comes from the file's extension, else from its content. Raises AnnexFormatError.
    """
    if len(data) > MAX_FILE_BYTES:
        raise AnnexFormatError(
            f"« {filename} » : fichier trop volumineux ({size_text(len(data))}), la taille "
            f"maximale est de {size_text(MAX_FILE_BYTES)}"
        )
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xls":
        raise AnnexFormatError(
            f"« {filename} » : format .xls non pris en charge, enregistrez en .xlsx"
        )
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        return _from_grid([xlsx_grid(data, filename)], filename)
    text = decode_text(data, filename)
    if suffix not in (".csv", ".tsv") and has_markdown_table(text):
        return _from_markdown(text, filename)
    return _from_csv(text, filename)


def annex_rows_to_csv(table: AnnexTable) -> bytes:
    """The annex as UTF-8 CSV with `;`: a `ligne` column, the signed headers, the total row last."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["ligne", *(column.header for column in ANNEX_COLUMNS)])
    for row in (*table.rows, *((table.total,) if table.total else ())):
        cells = [
            _amount_text(row.amount(column.field)) if column.is_amount else row.text(column.field)
            for column in ANNEX_COLUMNS
        ]
        writer.writerow([row.row, *safe_row(cells)])
    return buffer.getvalue().encode("utf-8")


def _amount_text(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    if is_whole(amount):
        return str(int(amount))
    return f"{amount:f}".replace(".", ",")


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


def _header_field(cell: str) -> str | None:
    """The annex field a header cell names, or None for a column the annex does not have."""
    folded = _fold(cell)
    compact = re.sub(r"[^a-z0-9°]", "", folded)
    if compact in _NUMBER_HEADERS or compact.startswith(("n°", "numero")):
        return "number"
    for field, alternatives in _HEADER_RULES:
        if any(all(word in compact for word in words) for words in alternatives):
            return field
    return None


def _map_header(cells: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """Field → column index for a header row, and the fields named more than once."""
    mapping: dict[str, int] = {}
    doubled: list[str] = []
    for index, cell in enumerate(cells):
        field = _header_field(cell)
        if field is None:
            continue
        if field in mapping:
            doubled.append(field)
        else:
            mapping[field] = index
    return mapping, doubled


def _missing_columns_error(mapping: dict[str, int], filename: str) -> AnnexFormatError:
    labels = [f"« {c.label} »" for c in ANNEX_COLUMNS if c.field not in mapping]
    if len(labels) == 1:
        return AnnexFormatError(f"Colonne manquante : {labels[0]}")
    if len(mapping) >= _HEADER_LIKE:
        return AnnexFormatError(f"Colonnes manquantes : {', '.join(labels)}")
    return AnnexFormatError(
        f"« {filename} » : aucun tableau avec les colonnes de l'annexe (n°, Action, …, "
        "Estimation cofinancements année 2) n'a été trouvé"
    )


def _find_header(
    grid: Sequence[Sequence[str]], candidates: Iterable[int]
) -> tuple[int | None, dict[str, int]]:
    """Index and mapping of the first complete header among `candidates`, else the best partial."""
    best: dict[str, int] = {}
    for index in candidates:
        mapping, doubled = _map_header(grid[index])
        if len(mapping) == len(ANNEX_COLUMNS):
            if doubled:
                labels = ", ".join(f"« {COLUMNS_BY_FIELD[f].label} »" for f in doubled)
                raise AnnexFormatError(f"Colonne en double : {labels}")
            return index, mapping
        if len(mapping) > len(best):
            best = mapping
    return None, best


def _from_markdown(text: str, filename: str) -> AnnexTable:
    """The first Markdown table of the document whose header has the annex's columns."""
    best: dict[str, int] = {}
    for block in markdown_tables(text):
        index, mapping = _find_header(block, [0])
        if index is not None:
            rows = [cells for cells in block[1:] if any(cells)]
            return _build_table(block[0], mapping, rows)
        best = max(best, mapping, key=len)
    raise _missing_columns_error(best, filename)


def _from_csv(text: str, filename: str) -> AnnexTable:
    """The table read with the separator that finds the annex's header.

    Strict quoting makes a wrong separator fail to parse: such a failure is reported only when
    no separator finds the table and it came from the file's most frequent separator.
    """
    grids: list[list[list[str]]] = []
    refusals: dict[str, AnnexFormatError] = {}
    delimiters = (";", ",", "\t")
    for delimiter in delimiters:
        try:
            grids.append(csv_grid(text, delimiter, filename))
        except AnnexFormatError as exc:
            refusals[delimiter] = exc
    try:
        return _from_grid(grids, filename)
    except AnnexFormatError:
        likely = max(delimiters, key=text.count)
        if likely in refusals:
            raise refusals[likely] from None
        raise


def _from_grid(grids: list[list[list[str]]], filename: str) -> AnnexTable:
    """The table under the first row of a sheet (or CSV) whose cells are the annex headers.

    The table runs until the first blank row, so notes below it are not read as actions.
    """
    best: dict[str, int] = {}
    for grid in grids:
        index, mapping = _find_header(grid, range(len(grid)))
        if index is None:
            best = max(best, mapping, key=len)
            continue
        rows: list[list[str]] = []
        for cells in grid[index + 1 :]:
            if any(cells):
                rows.append(cells)
            elif rows:
                break
        return _build_table(grid[index], mapping, rows)
    raise _missing_columns_error(best, filename)


def _build_table(
    header: Sequence[str], mapping: dict[str, int], rows: list[list[str]]
) -> AnnexTable:
    """Action rows and total row from the data rows under a header, repeated headers skipped."""
    folded_header = [_fold(cell) for cell in header]
    records: list[dict[str, str]] = []
    for cells in rows:
        if [_fold(cell) for cell in cells[: len(header)]] == folded_header:
            continue  # the header repeated at a page break
        records.append({f: cells[i] if i < len(cells) else "" for f, i in mapping.items()})
    if not records:
        raise AnnexFormatError("Le tableau de l'annexe ne contient aucune ligne d'action")
    total_record = records[-1] if _is_total(records[-1]) else None
    action_count = len(records) - (1 if total_record else 0)
    if action_count == 0:
        raise AnnexFormatError("Le tableau de l'annexe ne contient aucune ligne d'action")
    parsed = [
        _row(position, record, is_total=record is total_record)
        for position, record in enumerate(records, start=1)
    ]
    return AnnexTable(rows=tuple(parsed[:action_count]), total=parsed[-1] if total_record else None)


def _is_total(record: dict[str, str]) -> bool:
    """A last row is the total when its n° or title says so, or it has amounts and no text.

    Dijon's total is numbered "17" with every text cell empty; an action's text is never blank.
    """
    if any(_TOTAL_WORD.search(_fold(record[field])) for field in ("number", "title")):
        return True
    texts = [record[field] for field in TEXT_FIELDS if field != "number"]
    return not any(texts) and any(record[field] for field in AMOUNT_FIELDS)


def _row(position: int, record: dict[str, str], *, is_total: bool) -> AnnexRow:
    amounts = {field: _amount(position, field, record[field], is_total) for field in AMOUNT_FIELDS}
    texts = {field: record[field] for field in TEXT_FIELDS}
    return AnnexRow(row=position, **texts, **amounts)


def _amount(position: int, field: str, text: str, is_total: bool) -> Decimal | None:
    label = COLUMNS_BY_FIELD[field].label
    where = f"Ligne {position}{' (total)' if is_total else ''}, colonne « {label} »"
    try:
        amount = parse_decimal(text)
    except NotANumber as exc:
        raise AnnexFormatError(f"{where} : « {text} » n'est pas un montant lisible") from exc
    if amount is not None and int(amount.normalize().as_tuple().exponent) < -AMOUNT_DECIMALS:
        raise AnnexFormatError(
            f"{where} : « {text} » a plus de {AMOUNT_DECIMALS} décimales, "
            "un montant est gardé au centime"
        )
    if amount is not None and amount < 0:
        raise AnnexFormatError(
            f"{where} : « {text} » est négatif, un montant de l'annexe ne peut l'être"
        )
    return amount
