"""The quarterly entry form: the right input per mode, the earlier quarters beside each field,
each issue next to its field, then draft or submission (the Streamlit side of ui.entry_data).

Typed values live in widget state kept for the whole session (`persist_state="session"`), so an
error, a rerun or a visit to another page never loses them. Each field starts from the stored
figure, and the version read then is what saving checks (a colleague's edit is never overwritten).
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from lda_dash import config
from lda_dash.domain.entry import FieldInput
from lda_dash.domain.model import Mode
from lda_dash.domain.numbers import normalised
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.domain.workflow import ConcurrentEdit, FigureStatus
from lda_dash.services.entry import EntryData, EntryIndicator, save_entry
from lda_dash.services.errors import DatabaseBusy
from lda_dash.ui import auth
from lda_dash.ui.entry_fields import PRODUCED, indicator_groups, parts, widget_key
from lda_dash.ui.safe_text import md

ISSUES_KEY = "entry_issues"  # period → {field: FieldIssues} of the last attempt
VERSIONS_KEY = "entry_versions"  # period → {figure: version} read when each field started
NOTICE_KEY = "entry_notice"  # (kind, text) about the last attempt, shown under the form
CONFIRM_KEY = "entry_confirm"  # period whose submission waits for confirmation
CONFLICT_KEY = "entry_conflict"  # period whose last save met a colleague's edit


def _initial(indicator: EntryIndicator, record: dict | None, part: str):
    """The widget value a stored figure starts from: French text, or the milestone's choice."""
    if part == "comment":
        return "" if record is None else record["comment"] or ""
    stored = None if record is None else record[part]
    if indicator.spec.mode is Mode.JALON:
        return None if stored is None else PRODUCED[0] if stored >= 1 else PRODUCED[1]
    if stored is None:
        return ""
    if indicator.spec.unit == "€":
        return f"{Decimal(stored):.2f}".replace(".", ",")
    return format(normalised(Decimal(stored)), "f").replace(".", ",")


def prepare(data: EntryData) -> None:
    """Start each editable field from its stored figure once, remembering the version read."""
    period = (data.year, data.quarter)
    versions = st.session_state.setdefault(VERSIONS_KEY, {}).setdefault(period, {})
    for indicator in data.editable_indicators:
        if widget_key(period, indicator.key, "comment") in st.session_state:
            continue  # typed or kept since: the person's values win
        record = data.record(indicator)
        for part in parts(indicator):
            st.session_state[widget_key(period, indicator.key, part)] = _initial(
                indicator, record, part
            )
        versions[(*indicator.key, *period)] = None if record is None else record["version"]


def forget_fields(data: EntryData) -> None:
    """Drop the fields' state so that they start again from what is stored."""
    period = (data.year, data.quarter)
    for indicator in data.indicators:
        for part in ("value", "numerator", "denominator", "comment"):
            st.session_state.pop(widget_key(period, indicator.key, part), None)
    st.session_state.get(VERSIONS_KEY, {}).pop(period, None)
    st.session_state.get(ISSUES_KEY, {}).pop(period, None)
    for key in (CONFIRM_KEY, CONFLICT_KEY):
        if st.session_state.get(key) == period:
            st.session_state.pop(key)


def forget_all_fields() -> None:
    """After an import, which may touch any quarter: every field starts again from the store."""
    for key in [k for k in st.session_state if str(k).startswith("_w_entry_")]:
        st.session_state.pop(key)
    for key in (VERSIONS_KEY, ISSUES_KEY, CONFIRM_KEY, CONFLICT_KEY, NOTICE_KEY):
        st.session_state.pop(key, None)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def field_input(data: EntryData, indicator: EntryIndicator) -> FieldInput:
    """What the field holds, as the texts a file row would hold."""
    period = (data.year, data.quarter)

    def typed(part: str):
        return st.session_state.get(widget_key(period, indicator.key, part))

    action, code = indicator.key
    comment = typed("comment") or ""
    if indicator.spec.mode is Mode.TAUX:
        return FieldInput(
            action, code, numerator=_text(typed("numerator")),
            denominator=_text(typed("denominator")), comment=comment,
        )  # fmt: skip
    value = typed("value")
    if indicator.spec.mode is Mode.JALON:
        value = {PRODUCED[0]: "1", PRODUCED[1]: "0"}.get(value)
    return FieldInput(action, code, value=_text(value), comment=comment)


def _fields_to_save(data: EntryData, submitting: bool) -> list[FieldInput]:
    """Every editable field on submission; for a draft, those filled or already stored."""
    inputs = []
    for indicator in data.editable_indicators:
        entry = field_input(data, indicator)
        if submitting or not entry.blank or data.record(indicator) is not None:
            inputs.append(entry)
    return inputs


def _notice(kind: str, text: str) -> None:
    st.session_state[NOTICE_KEY] = (kind, text)


def on_save(data: EntryData, status: str, confirmed: bool = False) -> None:
    """Check, then save a draft; a submission is checked first and waits for confirmation."""
    period = (data.year, data.quarter)
    st.session_state.pop(CONFIRM_KEY, None)
    st.session_state.pop(NOTICE_KEY, None)
    submitting = status == FigureStatus.SUBMITTED
    inputs = _fields_to_save(data, submitting)
    if not inputs:
        _notice("info", "Rien à enregistrer : aucun chiffre n'est saisi pour ce trimestre.")
        return
    try:
        check = save_entry(
            config.db_path(), data.context.convention_id, auth.current_actor(), inputs,
            year=data.year, quarter=data.quarter, status=status,
            expected_versions=st.session_state.get(VERSIONS_KEY, {}).get(period, {}),
            write=confirmed or not submitting,
        )  # fmt: skip
    except ConcurrentEdit as conflict:
        st.session_state[CONFLICT_KEY] = period
        labels = {i.key: i.spec.label for i in data.indicators}
        _notice("error", conflict.message(labels.get(conflict.key[:2])))
        return
    except (PermissionDenied, DatabaseBusy) as refused:
        _notice("error", f"Rien n'a été enregistré : {md(refused)}")
        return
    st.session_state.setdefault(ISSUES_KEY, {})[period] = check.issues
    if not check.ok:
        blocking = [
            f"action {i.spec.action} · {md(i.label)}"
            for i in data.indicators
            if i.key in check.issues and check.issues[i.key].blocking
        ]
        plural = "s" if len(blocking) > 1 else ""
        _notice(
            "error",
            f"Rien n'a été enregistré : {len(blocking)} champ{plural} à corriger ou à commenter "
            f"({' ; '.join(blocking)}). Le message est sous chaque champ.",
        )
        return
    if submitting and not confirmed:
        st.session_state[CONFIRM_KEY] = period
        return
    forget_fields(data)
    quarter = f"T{data.quarter} {data.year}"
    if submitting:
        _notice(
            "success",
            f"Trimestre {quarter} soumis à la coordination ({len(check.figures)} chiffres). "
            "Il n'est plus modifiable, sauf si la coordination vous le renvoie.",
        )
    else:
        _notice("success", f"Brouillon du {quarter} enregistré ({len(check.figures)} chiffres).")


def _show_notice() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, text = notice
        {"success": st.success, "info": st.info, "error": st.error}[kind](text)
        if kind == "success":  # short: a long toast is cut with an English « view more »
            st.toast(text.split(" (")[0] + ".", icon="✅")


def _cancel_submission() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def entry_form(data: EntryData) -> None:
    """The quarter's indicators grouped by action, editable ones in one form."""
    prepare(data)
    period = (data.year, data.quarter)
    issues = st.session_state.get(ISSUES_KEY, {}).get(period, {})
    editable = data.editable_indicators
    if not editable:  # e.g. just submitted: say so before the read-only figures
        _show_notice()
        indicator_groups(data, issues)
        return
    with st.form(f"entry_{data.year}_{data.quarter}", border=False, enter_to_submit=False):
        indicator_groups(data, issues)
        st.caption(
            "Le brouillon garde vos chiffres sans les transmettre. La soumission les transmet à "
            "la coordination pour validation ; ils ne sont alors plus modifiables."
        )
        draft, submit = st.columns(2)
        draft.form_submit_button(
            "Enregistrer le brouillon", icon=":material/save:", on_click=on_save,
            args=(data, FigureStatus.DRAFT), width="stretch",
        )  # fmt: skip
        submit.form_submit_button(
            "Soumettre le trimestre", type="primary", icon=":material/send:", on_click=on_save,
            args=(data, FigureStatus.SUBMITTED), width="stretch",
        )  # fmt: skip
    _after_form(data, len(editable))


def _after_form(data: EntryData, count: int) -> None:
    """What the last attempt gave: the confirmation asked, the outcome, a colleague's edit."""
    period = (data.year, data.quarter)
    _show_notice()
    if st.session_state.get(CONFIRM_KEY) == period:
        with st.container(border=True):
            st.warning(
                f"**Soumettre le T{data.quarter} {data.year} ?** Les {count} chiffres seront "
                "transmis à la coordination et ne seront plus modifiables, sauf renvoi.",
                icon=":material/send:",
            )
            yes, no = st.columns(2)
            yes.button(
                "Confirmer la soumission", type="primary", on_click=on_save,
                args=(data, FigureStatus.SUBMITTED, True), width="stretch",
            )  # fmt: skip
            no.button("Annuler", on_click=_cancel_submission, width="stretch")
    if st.session_state.get(CONFLICT_KEY) == period:
        st.button(
            "Recharger les chiffres enregistrés (vos saisies non enregistrées seront perdues)",
            icon=":material/refresh:", on_click=forget_fields, args=(data,),
        )  # fmt: skip
