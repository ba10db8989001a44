"""The convention, year and action chosen, kept in st.session_state so they follow between pages.

Streamlit forgets a widget's value when a page without that widget runs, so each choice lives
under its own key and the widgets only copy into it (the widget keys start with `_w_`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from lda_dash import config
from lda_dash.services.context import Context, Selection, SetupNeeded, convention_label
from lda_dash.services.errors import DatabaseBusy
from lda_dash.ui import widgets

CONVENTION_KEY = "convention_id"
YEAR_KEY = "year"
ACTION_KEY = "action"
YEAR_PARAM = "annee"  # the year in the address: `/fiche-action?action=7&annee=2022`

Loaded = TypeVar("Loaded")


def wanted_selection() -> Selection:
    """What the person chose so far; `?action=N&annee=Y` in the address wins (a link, a reload)."""
    action = st.session_state.get(ACTION_KEY)
    asked = st.query_params.get(ACTION_KEY)
    if asked and asked.strip().isdigit():
        action = int(asked)
    year = st.session_state.get(YEAR_KEY)
    asked_year = st.query_params.get(YEAR_PARAM)
    if asked_year and asked_year.strip().isdigit() and len(asked_year.strip()) == 4:
        year = int(asked_year)
    return Selection(st.session_state.get(CONVENTION_KEY), year, action)


QUARTER_PARAM = "trimestre"


def period_from_address() -> tuple[int, int] | None:
    """`?annee=2022&trimestre=4` (a link from the inbox or an e-mail), or None."""
    year, quarter = st.query_params.get(YEAR_PARAM, ""), st.query_params.get(QUARTER_PARAM, "")
    if year.isdigit() and len(year) == 4 and quarter in {"1", "2", "3", "4"}:
        return int(year), int(quarter)
    return None


def show_period(year: int, quarter: int) -> None:
    """Keep the chosen period in the address, so a reload or a link finds it again."""
    st.query_params[YEAR_PARAM] = str(year)
    st.query_params[QUARTER_PARAM] = str(quarter)


def load_or_stop(loader: Callable[..., Loaded], path, wanted: Selection) -> Loaded:
    """Run a loader of ui.data; explain in French and stop the page when it cannot."""
    try:
        return loader(path, wanted)
    except SetupNeeded:
        widgets.setup_needed(path)
        st.stop()
    except DatabaseBusy as busy:
        st.error(str(busy), icon="⏳")
        st.button("Réessayer", type="primary")
        st.stop()


def open_page(loader: Callable[..., Loaded]) -> Loaded:
    """How a page of one convention and year opens: load what the person chose (or explain and
    stop), keep the choice, label demo data, and draw the convention and year selectors."""
    data = load_or_stop(loader, config.db_path(), wanted_selection())
    remember(data.context)
    widgets.demo_banner(data.context.demo, data.context.demo_day)
    context_selectors(data.context)
    return data


def remember(context: Context, action: int | None = None) -> None:
    """Keep the resolved choices, so another page or the next rerun starts from them."""
    st.session_state[CONVENTION_KEY] = context.convention_id
    st.session_state[YEAR_KEY] = context.year
    if action is not None:
        st.session_state[ACTION_KEY] = action


def _copy(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]


def context_selectors(context: Context) -> None:
    """Convention and year selectors in the sidebar, under the page list.

    The convention (territory) switch appears once a second convention is loaded (issue 5):
    with one, it would only take room.
    """
    labels = {c["id"]: convention_label(c) for c in context.conventions}
    st.session_state["_w_year"] = context.year
    with st.sidebar:
        if len(labels) > 1:
            st.session_state["_w_convention"] = context.convention_id
            st.selectbox(
                "Convention",
                list(labels),
                format_func=labels.get,
                key="_w_convention",
                on_change=_copy,
                args=("_w_convention", CONVENTION_KEY),
                help="Le territoire et la convention affichés.",
            )
        st.selectbox(
            "Année",
            context.years,
            format_func=str,
            key="_w_year",
            on_change=_choose_year,
            help="Les années de la convention (versements et cibles).",
        )
    st.query_params[YEAR_PARAM] = str(context.year)


def action_selector(actions: list[dict], number: int) -> None:
    """Pick an action by its canonical number and title; the address follows (`?action=N`)."""
    titles = {a["number"]: f"n° {a['number']} · {a['title']}" for a in actions}
    st.session_state["_w_action"] = number
    st.selectbox(
        "Action",
        list(titles),
        format_func=titles.get,
        key="_w_action",
        on_change=_choose_action,
    )
    st.query_params[ACTION_KEY] = str(number)


def _choose_year() -> None:
    st.session_state[YEAR_KEY] = st.session_state["_w_year"]
    st.query_params[YEAR_PARAM] = str(st.session_state["_w_year"])


def _choose_action() -> None:
    st.session_state[ACTION_KEY] = st.session_state["_w_action"]
    st.query_params[ACTION_KEY] = str(st.session_state["_w_action"])
