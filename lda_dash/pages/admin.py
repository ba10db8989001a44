"""Administration: load another territory's convention from its annex; accounts and assignments."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.importers.file_limits import MAX_FILE_BYTES
from lda_dash.services.admin import load_admin, save_import
from lda_dash.services.context import convention_label
from lda_dash.services.convention_import import (
    AnnexFormatError,
    ConventionImportError,
    ImportPreview,
    preview_convention_import,
)
from lda_dash.services.indicator_editor import (
    ACTION,
    BASELINE,
    CONFIDENCE,
    MODE,
    MODES,
    SOURCE,
    WEIGHT,
    EditorErrors,
    findings_frame,
    proposals_frame,
    specs_from_frame,
    target_column,
)
from lda_dash.ui import auth, state, widgets
from lda_dash.ui.amount_input import amount_input
from lda_dash.ui.safe_text import md

ANNEX_HELP = (
    "Le tableau de l'annexe 1 avec ses en-têtes (n°, action, catégorie, description, objectif, "
    "effet levier, résultats attendus et indicateurs, dépenses, financements, calendrier, "
    "objectifs et livrables, estimations de l'année 2) : texte Markdown converti du PDF signé "
    "(.md, .txt), CSV ou XLSX."
)


def main() -> None:
    data = state.load_or_stop(lambda path, _: load_admin(path), config.db_path(), None)
    widgets.demo_banner(data.demo)
    st.title("Administration")
    imports, accounts, assignments = st.tabs(
        ["Charger une convention", "Comptes", "Affectations des actions"]
    )
    with imports:
        st.markdown("**Conventions chargées** : " + " ; ".join(
            md(convention_label(c)) for c in data.conventions
        ))  # fmt: skip
        import_convention()
    with accounts:
        st.caption("Lecture seule : les comptes se créent avec `python -m lda_dash user add`.")
        # The organisation's whole name: the table spans the page rather than cut it.
        st.dataframe(data.accounts, hide_index=True, width="stretch")
    with assignments:
        st.caption("Les partenaires d'une organisation déclarent les chiffres de ses actions.")
        st.dataframe(data.assignments, hide_index=True)


def import_convention() -> None:
    """File and territory; the annex's findings; the proposed indicators to correct; save."""
    st.subheader("Charger la convention d'un autre territoire")
    upload = st.file_uploader(
        "Annexe budgétaire (tableau de l'annexe 1)",
        type=["md", "txt", "csv", "xlsx"],
        key="annex_file",
        help=ANNEX_HELP,
        max_upload_size=MAX_FILE_BYTES // 2**20,
    )
    name_column, first_column, last_column = st.columns([3, 1, 1])
    territory = name_column.text_input("Territoire", key="annex_territory",
                                       placeholder="ex. Grand Besançon Métropole")  # fmt: skip
    this_year = date.today().year
    first = first_column.number_input("Année 1 de l'annexe", 2000, 2100, this_year - 1,
                                      key="annex_first_year")  # fmt: skip
    last = last_column.number_input("Dernière année", 2000, 2100, int(first) + 1,
                                    key="annex_last_year")  # fmt: skip
    years = list(range(int(first), int(last) + 1))
    payments = payment_inputs(years)
    if upload is None or not territory.strip():
        st.info("Choisissez le fichier de l'annexe et indiquez le territoire.", icon="ℹ️")
        return
    content = upload.getvalue()
    try:
        preview = preview_convention_import(content, upload.name, territory, years)
    except (AnnexFormatError, ConventionImportError) as problem:
        st.error(f"L'annexe ne peut pas être lue : {md(problem)}", icon="⛔")
        return
    show_findings(preview)
    edited = indicators_editor(preview, content)
    save(preview, edited, payments)


def payment_inputs(years: list[int]) -> dict[int, Decimal]:
    """The State's payment of each year, when known (it can be entered later)."""
    st.markdown("**Versements de l'État** (facultatifs)")
    payments = {}
    for column, year in zip(st.columns(max(len(years), 1)), years, strict=False):
        with column:
            amount, problem = amount_input(
                f"Versement {year} (€)", key=f"annex_payment_{year}", placeholder="ex. 494 000"
            )
        if problem:
            column.error(problem)
        elif amount is not None:
            payments[year] = amount
    return payments


def show_findings(preview: ImportPreview) -> None:
    st.markdown(f"#### 1. Contrôle de l'annexe · {len(preview.annex.rows)} actions lues")
    if not preview.findings:
        st.success("Aucune anomalie dans l'annexe.", icon="✅")
        return
    errors = sum(1 for f in preview.findings if f.level == "error")
    st.warning(
        f"{fmt.plural(len(preview.findings), 'constat')}, dont {fmt.plural(errors, 'erreur')} : "
        "ils sont signalés, "
        "jamais corrigés en silence. La convention peut être chargée telle que signée.",
        icon="⚠️",
    )
    st.dataframe(findings_frame(preview.findings), hide_index=True)


def indicators_editor(preview: ImportPreview, content: bytes):
    st.markdown(f"#### 2. Indicateurs proposés · {len(preview.proposals)}")
    st.caption(
        "Lus dans les colonnes « Objectif », « Résultats attendus et indicateurs » et "
        "« Objectifs et livrables ». Corrigez les codes, libellés, unités, modes, valeurs de "
        "référence et cibles ; ajoutez ou supprimez des lignes. Une cible vide : indicateur "
        "suivi sans cible."
    )
    digest = hashlib.sha256(
        content + f"|{preview.territory_id}|{preview.years}".encode()
    ).hexdigest()[:12]
    numbers = [row.row for row in preview.annex.rows]
    targets = {
        target_column(y): st.column_config.NumberColumn(target_column(y), min_value=0)
        for y in preview.years
    }
    return st.data_editor(
        proposals_frame(preview.proposals, preview.years),
        key=f"annex_editor_{digest}",
        num_rows="dynamic",
        hide_index=True,
        placeholder="—",
        disabled=[CONFIDENCE, SOURCE],
        column_config={
            ACTION: st.column_config.SelectboxColumn(ACTION, options=numbers, required=True),
            MODE: st.column_config.SelectboxColumn(MODE, options=list(MODES), required=True),
            BASELINE: st.column_config.NumberColumn(BASELINE, min_value=0),
            WEIGHT: st.column_config.NumberColumn(WEIGHT, min_value=0, default=1.0),
            SOURCE: st.column_config.TextColumn(SOURCE, width="large"),
            **targets,
        },
    )


def save(preview: ImportPreview, edited, payments: dict[int, Decimal]) -> None:
    st.markdown(f"#### 3. Enregistrer la convention « {md(preview.convention_id)} »")
    paid = ", ".join(f"{fmt.money(a)} ({y})" for y, a in payments.items()) or "aucun versement"
    st.caption(f"{md(preview.territory_name)} · {preview.years[0]}-{preview.years[-1]} · {paid}")
    replace = st.checkbox(
        "Remplacer cette convention si elle existe déjà (seulement sans chiffres ni décision)",
        key="annex_replace",
    )
    if not st.button("Enregistrer la convention", type="primary", key="annex_save"):
        return
    numbers = [row.row for row in preview.annex.rows]
    try:
        specs = specs_from_frame(edited, preview.years, numbers)
        cid = save_import(config.db_path(), auth.current_actor(), preview, specs, payments,
                          replace=replace)  # fmt: skip
    except EditorErrors as problems:
        st.error(
            "Rien n'a été enregistré. À corriger dans le tableau des indicateurs :\n\n"
            + "\n".join(f"- {md(line)}" for line in problems.errors),
            icon="⛔",
        )
        return
    except (ConventionImportError, PermissionDenied) as refusal:
        st.error(f"Rien n'a été enregistré : {md(refusal)}", icon="⛔")
        return
    st.success(
        f"Convention « {md(cid)} » enregistrée : {len(preview.annex.rows)} actions, "
        f"{len(specs)} indicateurs. Choisissez-la dans le menu latéral (« Convention ») des "
        "autres pages.",
        icon="✅",
    )
    st.session_state[state.CONVENTION_KEY] = cid


main()
