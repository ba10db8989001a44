"""The file part of the entry page: the prefilled template to download, then an upload checked
whole (every error with its line number) before anything is imported."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.domain.workflow import ConcurrentEdit, FigureStatus
from lda_dash.exports.tables import CSV_MIME, XLSX_MIME
from lda_dash.importers.figures_file import MAX_BYTES, TEMPLATE_HEADER, FiguresFileError
from lda_dash.services.entry import EntryData
from lda_dash.services.entry_files import (
    FileCheck,
    check_file,
    import_file,
    preview_table,
    template_files,
    template_name,
)
from lda_dash.services.errors import DatabaseBusy
from lda_dash.ui import auth
from lda_dash.ui.entry_form import forget_all_fields
from lda_dash.ui.safe_text import md

UPLOADER_KEY = "entry_uploader_round"  # a new uploader, empty, after each import
CHECKS_KEY = "entry_file_checks"  # file id → FileCheck, so a rerun does not check again
DONE_KEY = "entry_import_done"
SHORT_LIST = 50
IMPORTS = {
    FigureStatus.DRAFT: "Importer comme brouillon",
    FigureStatus.SUBMITTED: "Importer et soumettre",
}
FORMAT_HELP = f"""
Une ligne par chiffre, avec les en-têtes `{TEMPLATE_HEADER}` (majuscules et accents
indifférents). `valeur` pour tous les indicateurs sauf les taux, qui ont `numerateur` et
`denominateur` ; `commentaire` est facultatif. CSV séparé par `;` ou `,` (le « CSV » d'Excel
convient tel quel), ou classeur XLSX ; {MAX_BYTES // (1024 * 1024)} Mo au plus.
Le fichier est importé **en entier ou pas du tout** : la moindre erreur le refuse, et chaque
erreur est indiquée avec son numéro de ligne (l'en-tête est la ligne 1).
"""


def upload_section(data: EntryData) -> None:
    st.markdown(FORMAT_HELP)
    csv_file, xlsx_file = template_files(data)
    st.markdown(f"**Modèle prérempli pour le T{data.quarter} {data.year}** (vos indicateurs)")
    left, right = st.columns(2)
    left.download_button(
        "Modèle Excel (XLSX)", xlsx_file, template_name(data, "xlsx"), XLSX_MIME,
        icon=":material/download:", width="stretch",
    )  # fmt: skip
    right.download_button(
        "Modèle CSV", csv_file, template_name(data, "csv"), CSV_MIME,
        icon=":material/download:", width="stretch",
    )  # fmt: skip
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done, icon=":material/check_circle:")
    round_ = st.session_state.get(UPLOADER_KEY, 0)
    uploaded = st.file_uploader(
        "Fichier de chiffres (CSV ou XLSX)",
        type=["csv", "xlsx"],
        key=f"_w_upload_{round_}",
        max_upload_size=MAX_BYTES // 2**20,
    )
    if uploaded is None:
        return
    checks = st.session_state.setdefault(CHECKS_KEY, {})
    check = checks.get(uploaded.file_id)
    if check is None:
        bar = st.progress(0.0, "Lecture du fichier…")
        try:
            check = check_file(
                config.db_path(), data.context.convention_id, auth.current_actor(),
                uploaded.getvalue(), uploaded.name, FigureStatus.DRAFT, progress=bar.progress,
            )  # fmt: skip
        except FiguresFileError as unreadable:
            bar.empty()
            st.error(f"Fichier refusé, rien n'a été enregistré : {md(unreadable)}.")
            return
        bar.empty()
        checks[uploaded.file_id] = check
    _outcome(check)
    if check.ok:
        _import_buttons(data, uploaded)


def _outcome(check: FileCheck) -> None:
    """Errors first, by line, then warnings, then every row as read."""
    errors, warnings = check.errors, check.result.warnings
    lines = len(check.rows)
    if errors:
        st.error(
            f"**Fichier refusé : {fmt.plural(len(errors), 'erreur')}** sur "
            f"{fmt.plural(lines, 'ligne')}. Rien n'a été enregistré ; corrigez le fichier et "
            "déposez-le à nouveau.",
            icon=":material/error:",
        )
        _issue_table(errors, "Erreur")
    else:
        st.success(
            f"Fichier correct : {fmt.plural(lines, 'ligne prête')} à être "
            f"{fmt.noun(lines, 'importée')}."
        )
    if warnings:
        advice = (
            "vérifiez-la ; elle n'empêche pas l'import"
            if len(warnings) < 2
            else "vérifiez-les ; elles n'empêchent pas l'import"
        )
        st.warning(
            f"{fmt.plural(len(warnings), 'valeur inhabituelle')} : {advice}.",
            icon=":material/warning:",
        )
        _issue_table(warnings, "Avertissement")
    with st.expander(f"Aperçu du fichier ({fmt.plural(lines, 'ligne')})", expanded=bool(errors)):
        narrow = st.column_config.TextColumn(width="small")
        st.dataframe(
            preview_table(check), hide_index=True, width="stretch",
            column_config={
                **{name: narrow for name in ("Ligne", "Action", "Année", "Trimestre")},
                "Contrôle": st.column_config.TextColumn(width="large"),
            },
        )  # fmt: skip


def _issue_table(issues, heading: str) -> None:
    """Issues by line: a plain table wraps long messages; a long list scrolls instead."""
    table = pd.DataFrame(
        {"Ligne": [str(i.line) for i in issues], heading: [i.message for i in issues]}
    )
    if len(issues) <= SHORT_LIST:
        st.table(table.set_index("Ligne"))  # text labels: a number index would not be shown
    else:
        st.dataframe(table, hide_index=True, width="stretch")


def _import_buttons(data: EntryData, uploaded) -> None:
    left, right = st.columns(2)
    chosen = None
    if left.button(IMPORTS[FigureStatus.DRAFT], icon=":material/save:", width="stretch"):
        chosen = FigureStatus.DRAFT
    if right.button(IMPORTS[FigureStatus.SUBMITTED], type="primary", icon=":material/send:",
                    width="stretch"):  # fmt: skip
        chosen = FigureStatus.SUBMITTED
    if chosen is None:
        return
    bar = st.progress(0.0, "Import…")
    try:
        check = import_file(
            config.db_path(), data.context.convention_id, auth.current_actor(),
            uploaded.getvalue(), uploaded.name, chosen, progress=bar.progress,
        )  # fmt: skip
    except (FiguresFileError, PermissionDenied, ConcurrentEdit, DatabaseBusy) as refused:
        st.error(f"Import refusé, rien n'a été enregistré : {md(refused)}")
        return
    if not check.ok:  # the stored figures changed since the preview
        st.session_state[CHECKS_KEY][uploaded.file_id] = check
        st.rerun()
    count = len(check.result.figures)
    what = (
        "soumis à la coordination"
        if chosen == FigureStatus.SUBMITTED
        else "enregistrés comme brouillon"
    )
    what = what if count > 1 else what.replace("enregistrés", "enregistré")
    st.session_state[DONE_KEY] = (
        f"Fichier « {uploaded.name} » importé : {fmt.plural(count, 'chiffre')} {what}."
    )
    st.session_state[UPLOADER_KEY] = st.session_state.get(UPLOADER_KEY, 0) + 1
    st.session_state.pop(CHECKS_KEY, None)
    forget_all_fields()
    st.rerun()
