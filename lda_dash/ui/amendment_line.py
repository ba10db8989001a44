"""One short line under a page's title: which amendment the year's targets and payment come
from (DOMAIN.md section 13), « Cibles et versement : Avenant 2022 du 25/05/2022 »."""

from __future__ import annotations

import streamlit as st

from lda_dash import config
from lda_dash.services.amendments import source_line
from lda_dash.services.context import unit_of_work


def amendment_caption(convention_id: str, year: int) -> None:
    with unit_of_work(config.db_path()) as con:
        line = source_line(con, convention_id, year)
    if line:
        st.caption(line)
