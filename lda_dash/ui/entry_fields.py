"""The fields of the quarterly entry form: the input of each mode, the earlier quarters and
target beside it, its workflow state, and each issue next to it (Streamlit side)."""

from __future__ import annotations

import streamlit as st

from lda_dash.domain.entry import FieldIssues, FieldKey, field_anchor
from lda_dash.domain.model import Mode
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.entry import EntryData, EntryIndicator
from lda_dash.ui.safe_text import md
from lda_dash.words.labels import indicator_value
from lda_dash.words.workflow import (
    MODE_INPUTS,
    WORKFLOW_COLOURS,
    WORKFLOW_LABELS,
    earlier_quarters,
    figure_shown,
)

PRODUCED = ("Produit", "Non produit")
Period = tuple[int, int]


def widget_key(period: Period, field: FieldKey, part: str) -> str:
    return f"_w_entry_{period[0]}_{period[1]}_{field[0]}_{field[1]}_{part}"


def parts(indicator: EntryIndicator) -> tuple[str, ...]:
    if indicator.spec.mode is Mode.TAUX:
        return ("numerator", "denominator", "comment")
    return ("value", "comment")


def whole(indicator: EntryIndicator) -> bool:
    spec = indicator.spec
    return spec.mode in (Mode.SOMME, Mode.CUMUL_ANNUEL) and spec.unit != "€"


def indicator_groups(data: EntryData, issues: dict[FieldKey, FieldIssues]) -> None:
    for action in data.actions:
        indicators = [i for i in data.indicators if i.spec.action == action]
        if not indicators:
            continue
        # No anchor link: one more Tab stop per action, named in English, before the fields.
        st.subheader(
            f"Action n° {action} · {md(indicators[0].action_title)}", divider="gray", anchor=False
        )
        for indicator in indicators:
            _field_block(data, indicator, issues.get(indicator.key))


def _field_block(data: EntryData, indicator: EntryIndicator, issue: FieldIssues | None) -> None:
    period = (data.year, data.quarter)
    record = data.record(indicator)
    status = None if record is None else record["status"]
    with st.container(border=True):
        if status == FigureStatus.RETURNED:  # the inbox's link opens the page on this heading
            st.subheader("↩ À corriger", anchor=field_anchor(*indicator.key))
        value_column, side_column = st.columns([3, 2], gap="medium")
        with value_column:
            if data.editable(indicator):
                _inputs(indicator, period)
            else:
                st.markdown(f"**{md(indicator.label)}**")
                st.markdown(f"Valeur déclarée : **{figure_shown(indicator.spec, record)}**")
            st.caption(_details(data, indicator, data.editable(indicator)))
        with side_column:
            st.badge(WORKFLOW_LABELS[status], color=WORKFLOW_COLOURS[status])
            if data.editable(indicator):
                st.text_input(
                    "Commentaire", key=widget_key(period, indicator.key, "comment"),
                    placeholder="Facultatif ; obligatoire si la valeur est inhabituelle",
                    max_chars=2000, persist_state="session",
                )  # fmt: skip
            elif record is not None and record["comment"]:
                st.caption(f"Commentaire : {md(record['comment'])}")
        if status == FigureStatus.RETURNED and record.get("return_reason"):
            st.error(f"Renvoyé par la coordination : « {md(record['return_reason'])} »", icon="↩")
        elif status == FigureStatus.DRAFT and record.get("return_reason"):
            st.info(
                f"Renvoyé par la coordination : « {md(record['return_reason'])} ». Corrigé en "
                "brouillon : soumettez le trimestre pour le lui transmettre.",
                icon="↩",
            )
        if issue is not None:
            _issues(issue)


def _details(data: EntryData, indicator: EntryIndicator, editable: bool) -> str:
    """What to type and what to compare with, written under the field: always in view, read
    after the field, and no tooltip button (a Tab stop named in English) before each field."""
    spec = indicator.spec
    phrase = "montant dépensé au cours du trimestre" if spec.unit == "€" else MODE_INPUTS[spec.mode]
    parts = [phrase.capitalize()]
    target = spec.target(data.year)
    if target is not None and spec.mode is Mode.JALON:
        parts.append(f"attendu en {data.year}" if target else f"non attendu en {data.year}")
    elif target is not None:
        parts.append(f"cible {data.year} : {indicator_value(spec, target)}")
    earlier = earlier_quarters(spec, indicator.quarters, data.quarter)
    if earlier:
        parts.append(earlier)
    elif indicator.last_year_end is not None:  # T1: last year's end is the useful reference
        shown = figure_shown(spec, indicator.last_year_end)
        parts.append(f"T4 {data.year - 1} : {shown}")
    details = " · ".join(parts)
    hint = HELP.get(input_kind(indicator)) if editable else None
    return f"{details}. {hint}" if hint else details


# Numbers are typed as text: a browser's number field drops a French decimal comma without a
# word ("1250,50" became 125050 in Chromium), while the import's reader takes "1 250,50 €".
PLACEHOLDERS = {
    "whole": "nombre entier, ex. 12",
    "number": "ex. 42 ou 42,5",
    "money": "en euros, ex. 1 250,50",
}
HELP = {
    "whole": "Un nombre entier, 0 s'il n'y a rien à déclarer.",
    "number": "Un nombre, décimales possibles avec une virgule.",
    "money": "En euros, centimes compris (deux décimales au plus), avec une virgule.",
    "rate": "Deux nombres entiers : le taux est numérateur ÷ dénominateur.",
}


def input_kind(indicator: EntryIndicator) -> str:
    spec = indicator.spec
    if spec.mode is Mode.JALON:
        return "milestone"
    if spec.mode is Mode.TAUX:
        return "rate"
    return "money" if spec.unit == "€" else "whole" if whole(indicator) else "number"


def _inputs(indicator: EntryIndicator, period: Period) -> None:
    """The input of the indicator's mode (DOMAIN.md section 4)."""
    spec, label = indicator.spec, md(indicator.label)

    def key(part: str) -> str:
        return widget_key(period, indicator.key, part)

    if spec.mode is Mode.JALON:
        st.radio(label, PRODUCED, index=None, key=key("value"), horizontal=True,
                 persist_state="session")  # fmt: skip
        return
    if spec.mode is Mode.TAUX:
        left, right = st.columns(2)
        for column, part, word in ((left, "numerator", "numérateur"),
                                   (right, "denominator", "dénominateur")):  # fmt: skip
            column.text_input(
                f"{label} : {word}", key=key(part), placeholder=PLACEHOLDERS["whole"],
                max_chars=20, persist_state="session",
            )  # fmt: skip
        return
    st.text_input(
        label, key=key("value"), placeholder=PLACEHOLDERS[input_kind(indicator)], max_chars=30,
        persist_state="session",
    )  # fmt: skip


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _issues(issue: FieldIssues) -> None:
    for message in issue.errors:
        st.error(md(_sentence(message)), icon=":material/error:")
    for message in issue.warnings:
        if issue.commented:
            st.info(f"Valeur inhabituelle, acceptée avec votre commentaire : {md(message)}")
        else:
            st.warning(
                f"Valeur inhabituelle : {md(message)}. Si elle est juste, expliquez-la dans le "
                "commentaire, puis enregistrez à nouveau.",
                icon=":material/warning:",
            )
