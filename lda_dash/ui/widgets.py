"""Small widgets every page uses: page language, demo banner, status badge, setup message, data
freshness."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.model import STATUS_LABELS, Status
from lda_dash.services import setup
from lda_dash.services.calendar import data_date_words
from lda_dash.ui import framework_french
from lda_dash.words.labels import STATUS_BADGE_COLOURS, STATUS_ICONS
from lda_dash.words.texts import sentence

DEMO_BANNER = (
    "**Données de démonstration** : les chiffres affichés sont fictifs, générés pour présenter "
    "l'outil. Ils ne décrivent pas l'exécution réelle de la convention."
)


FRENCH_DOCUMENT = (
    "<script>document.documentElement.lang = 'fr';</script>"
    # Its element would leave an empty gap at the top of every page.
    "<style>.element-container:has(> .stHtml > script:only-of-type) { display: none; }</style>"
)


def french_document() -> None:
    """Declare the page French: Streamlit's own page says `lang="en"`, which makes screen readers
    read every French word with English pronunciation (RGAA 8.3). A fixed script, no input.
    Streamlit's own English texts are put in French too (ui/framework_french.py)."""
    st.html(FRENCH_DOCUMENT, unsafe_allow_javascript=True)
    framework_french.install()


def demo_banner(is_demo: bool, today: date | None = None) -> None:
    """Shown at the top of every page as long as the database holds demo figures; says the
    demonstration date the app takes as « today » (services/calendar.py)."""
    if is_demo:
        day = (
            f" La démonstration se place au **{fmt.long_day(today)}** : l'année {today.year} "
            "est en cours, avec son rythme attendu et un trimestre à déclarer."
            if today
            else ""
        )
        st.warning(DEMO_BANNER + day, icon="🧪")


def status_badge(status: Status, prefix: str = "") -> None:
    """The status as a coloured badge that also carries its icon and its words."""
    st.badge(
        f"{prefix}{STATUS_ICONS[status]} {STATUS_LABELS[status]}",
        color=STATUS_BADGE_COLOURS[status],
    )


def setup_needed(path=None) -> None:
    """The database is missing or empty: say how to create it rather than fail."""
    target = config.db_path(path)
    # Demo data is refused at the default (production) path: point at the demo file instead.
    demo_target = config.DEMO_DB_PATH if config.is_default_path(path) else target
    st.title("LDA Dash")
    st.error(
        f"La base de données **{target}** n'existe pas encore ou ne contient aucune convention.",
        icon="🗄️",
    )
    st.markdown(
        "Pour la créer avec la convention de Dijon Métropole et des données de démonstration, "
        "lancez depuis le dossier du projet :\n\n"
        "```\nmake run\n```\n\n"
        "ou :\n\n"
        f"```\npython -m lda_dash init --demo --db {demo_target}\n```\n\n"
        "puis rechargez cette page. La variable d'environnement `LDA_DASH_DB` indique la base "
        "à utiliser ; la base par défaut, réservée aux données réelles, se crée avec "
        "`python -m lda_dash init`."
    )


def freshness(last_update: datetime | None, as_of: date) -> None:
    """When the figures last changed (the one « données au » of pages, slides and reports), and
    the reference date that decides if a year is over."""
    if last_update is None:
        st.caption(f"Aucun chiffre saisi pour l'instant · date de référence : {fmt.day(as_of)}")
        return
    st.caption(
        f"{sentence(data_date_words(last_update))} (dernière mise à jour des chiffres) · "
        f"date de référence : {fmt.day(as_of)}"
    )


@st.cache_resource(show_spinner=False)
def ensure_schema(path: str) -> list[str]:
    """Apply pending migrations once per process and database, so an older file keeps working."""
    return setup.migrate(path)
