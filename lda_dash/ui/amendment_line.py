"""One short line under a page's title: which amendment the year's targets, payment, weights and
allocation come from on the page's date (DOMAIN.md section 13), « Cibles et versement : Avenant
2022 du 25/05/2022 ; poids : Avenant bis du 30/06/2022 »."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lda_dash import config
from lda_dash.services.context import unit_of_work
from lda_dash.services.in_force import source_line


def amendment_caption(convention_id: str, year: int, as_of: date | None = None) -> None:
    with unit_of_work(config.db_path()) as con:
        line = source_line(con, convention_id, year, as_of)
    if line:
        st.caption(line)
