"""Loading another territory's convention from its budget annex: a preview, then what is confirmed.

Issue 5, item 3. The preview reads the annex (Markdown, CSV or XLSX), checks it and proposes
indicators; nothing is written until the coordinator confirms. Storing creates the territory, the
convention (programme 177), its actions and budgets as signed, the confirmed indicators with their
targets, the payments when known, and a history line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from lda_dash import fmt, storage
from lda_dash.domain.convention_checks import Finding, check_annex
from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.domain.numbers import is_whole
from lda_dash.exports.safety import safe_row
from lda_dash.importers.annex import AnnexFormatError, AnnexTable, read_annex
from lda_dash.importers.quantity_phrases import fold
from lda_dash.importers.target_extraction import ProposedIndicator, propose_for_annex
from lda_dash.services.convention_files import store_annex
from lda_dash.storage import convention_store

__all__ = [
    "AnnexFormatError",
    "ConventionImportError",
    "ImportPreview",
    "preview_convention_import",
    "proposals_to_catalogue_csv",
    "store_convention_import",
    "territory_slug",
]

PROGRAMME = "177"
PROGRAMME_LABEL = "Hébergement, parcours vers le logement et insertion des personnes vulnérables"
# References a caller may give; the CHORUS codes differ per territory, so they stay blank otherwise.
OPTIONAL_REFERENCES = (
    "chorus_activity",
    "chorus_activity_label",
    "functional_domain",
    "programming_activity",
    "payment_due",
)
_CODE = re.compile(r"^[A-Za-z0-9_]+$")
_ACTIVITY_WORDS = (
    ("figures", "chiffre déclaré"),
    ("decisions", "décision de reversement"),
    ("allocations", "répartition modifiée"),
)


class ConventionImportError(ValueError):
    """The convention cannot be stored as asked; the French message says why."""


@dataclass(frozen=True)
class ImportPreview:
    """What an import would store: the annex as read, its anomalies and the proposed indicators."""

    filename: str
    territory_name: str
    territory_id: str
    convention_id: str
    years: tuple[int, ...]
    annex: AnnexTable
    findings: list[Finding]
    proposals: list[ProposedIndicator]

    def proposed_specs(self) -> list[IndicatorSpec]:
        return [proposal.to_spec() for proposal in self.proposals]

    def to_json(self) -> dict[str, object]:
        return {
            "convention": self.convention_id,
            "territory": {"id": self.territory_id, "name": self.territory_name},
            "years": list(self.years),
            "actions": len(self.annex.rows),
            "findings": [finding.to_json() for finding in self.findings],
            "indicators": [proposal.to_json() for proposal in self.proposals],
        }


def territory_slug(name: str) -> str:
    """ "Territoire test" → "territoire-test": the territory's id, from its name."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def check_years(years: Sequence[int]) -> tuple[int, ...]:
    """The convention's years: consecutive, at least the annex's two (année 1 and année 2)."""
    ordered = tuple(years)
    if len(ordered) < 2:
        raise ConventionImportError(
            "indiquez au moins les deux années de l'annexe (année 1 et année 2), ex. 2021,2022"
        )
    if any(later != earlier + 1 for earlier, later in pairwise(ordered)):
        raise ConventionImportError(
            f"années non consécutives : {', '.join(map(str, ordered))} (attendu ex. 2021,2022)"
        )
    if not 2000 <= ordered[0] <= 2100:
        raise ConventionImportError(f"année {ordered[0]} hors de la période attendue")
    return ordered


def preview_convention_import(
    data: bytes, filename: str, territory_name: str, years: list[int]
) -> ImportPreview:
    """Read and check the annex, and propose indicators; nothing is written.

    Raises AnnexFormatError (a missing column, an unreadable amount: row and column named) or
    ConventionImportError (territory name or years).
    """
    name = " ".join(territory_name.split())
    slug = territory_slug(name)
    if not slug:
        raise ConventionImportError(
            "nom de territoire vide : indiquez-le (ex. « Dijon Métropole »)"
        )
    checked = check_years(years)
    annex = read_annex(data, filename)
    return ImportPreview(
        filename=filename,
        territory_name=name,
        territory_id=slug,
        convention_id=f"{slug}-{checked[0]}-{checked[-1]}",
        years=checked,
        annex=annex,
        findings=check_annex(annex),
        proposals=propose_for_annex(annex, checked),
    )


def store_convention_import(
    con,
    preview: ImportPreview,
    confirmed_indicators: list[IndicatorSpec],
    payments: dict[int, Decimal] | None,
    author: str,
    *,
    replace: bool = False,
    references: Mapping[str, str] | None = None,
) -> str:
    """Store the previewed convention with the indicators the coordinator confirmed; its id.

    An existing convention with the same id is replaced only when asked, and never when it
    already holds figures, clawback decisions or allocations: those would be lost.
    """
    cid = preview.convention_id
    _check_indicators(preview.annex, confirmed_indicators)
    payments = _checked_payments(payments or {}, preview.years)
    existed = convention_store.convention_exists(con, cid)
    if existed:
        _check_replaceable(con, cid, replace)
        convention_store.clear_reference_data(con, cid)
    known = convention_store.territory(con, preview.territory_id) or {}
    extra = dict(references or {})
    territory = {
        "id": preview.territory_id,
        "name": preview.territory_name,
        "siret": extra.pop("siret", None) or known.get("siret"),
    }
    convention = {
        "id": cid,
        "title": extra.pop("title", None)
        or f"Convention « Logement d'abord » {preview.territory_name} "
        f"{preview.years[0]}-{preview.years[-1]}",
        "programme": PROGRAMME,
        "programme_label": PROGRAMME_LABEL,
        "first_year": preview.years[0],
        "last_year": preview.years[-1],
        **{field: extra.pop(field, None) or None for field in OPTIONAL_REFERENCES},
    }
    if extra:
        raise ConventionImportError(f"référence inconnue : {', '.join(sorted(extra))}")
    storage.upsert_convention(con, territory, convention)
    store_annex(con, cid, preview.years[0], preview.annex)
    for position, spec in enumerate(confirmed_indicators):
        storage.add_indicator_if_absent(con, cid, spec, position)
    storage.upsert_payments(
        con,
        cid,
        [
            {"year": year, "amount": amount, "note": "Saisi à l'import de la convention"}
            for year, amount in sorted(payments.items())
        ],
    )
    storage.append_history(
        con,
        author,
        "convention",
        cid,
        f"convention {cid}",
        "remplacée" if existed else None,
        f"{len(preview.annex.rows)} actions, {len(confirmed_indicators)} indicateurs, "
        f"{len(payments)} versement(s)",
        f"Import de l'annexe « {preview.filename} » ({preview.territory_name})",
    )
    return cid


def _check_replaceable(con, convention_id: str, replace: bool) -> None:
    if not replace:
        raise ConventionImportError(
            f"la convention « {convention_id} » existe déjà : elle n'est pas écrasée "
            "(demandez explicitement son remplacement)"
        )
    activity = convention_store.convention_activity(con, convention_id)
    held = [fmt.plural(activity[key], what) for key, what in _ACTIVITY_WORDS if activity[key]]
    if held:
        raise ConventionImportError(
            f"la convention « {convention_id} » ne peut pas être remplacée : elle contient "
            f"{', '.join(held)}"
        )


def _check_indicators(annex: AnnexTable, specs: Sequence[IndicatorSpec]) -> None:
    """Each confirmed indicator belongs to an action of the annex, once, with plausible targets."""
    numbers = {row.row for row in annex.rows}
    seen: set[tuple[int, str]] = set()
    for spec in specs:
        where = f"indicateur « {spec.code} » de l'action {spec.action}"
        if spec.action not in numbers:
            raise ConventionImportError(f"{where} : l'annexe n'a pas d'action {spec.action}")
        if not _CODE.match(spec.code or ""):
            raise ConventionImportError(f"{where} : code vide ou avec espaces/accents")
        if (spec.action, spec.code) in seen:
            raise ConventionImportError(f"{where} : code en double dans cette action")
        if not spec.label.strip() or not spec.unit.strip():
            raise ConventionImportError(f"{where} : libellé et unité obligatoires")
        seen.add((spec.action, spec.code))
        for year, target in spec.targets.items():
            if target is not None and not _plausible(spec.mode, target):
                raise ConventionImportError(f"{where}, cible {year} : {target} impossible")


def _plausible(mode: Mode, target: Decimal) -> bool:
    if mode is Mode.JALON:
        return target in (0, 1)
    if mode is Mode.TAUX:
        return 0 <= target <= 100
    return target >= 0


def _checked_payments(payments: Mapping[int, Decimal], years: Sequence[int]) -> dict:
    for year, amount in payments.items():
        if year not in years:
            raise ConventionImportError(
                f"versement {year} : hors des années de la convention ({years[0]}-{years[-1]})"
            )
        if amount is None or amount < 0:
            raise ConventionImportError(f"versement {year} : montant {amount} impossible")
    return {year: Decimal(amount) for year, amount in payments.items()}


def proposals_to_catalogue_csv(proposals: Sequence[ProposedIndicator], years: Sequence[int]):
    """The proposal in the format of data/dijon/indicators.csv, to correct in a spreadsheet.

    The `confiance` and `source` columns are for the reader; reading the file back ignores them.
    Texts come from the annex, so they are guarded against formula injection like every export.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    targets = [f"cible_{year}" for year in years]
    writer.writerow(["action", "code", "libelle", "unite", "mode", *targets, "reference",
                     "poids", "confiance", "source"])  # fmt: skip
    for p in proposals:
        writer.writerow(safe_row(
            [p.action, p.code, p.label, p.unit, p.mode.value,
             *(_number_text(p.targets.get(year)) for year in years), _number_text(p.baseline),
             1, p.confidence, p.source_text]
        ))  # fmt: skip
    return buffer.getvalue()


def _number_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if is_whole(value) else f"{value:f}".replace(".", ",")
