"""Each role's inbox on a real demo database, across every period."""

from datetime import date

from lda_dash import storage
from lda_dash.domain.entry import FieldInput
from lda_dash.domain.permissions import Actor
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.entry import save_entry
from lda_dash.services.inbox import load_inbox
from lda_dash.services.review import review
from lda_dash.storage import database

CONVENTION = "dijon-2021-2022"
TODAY = date(2023, 3, 1)
HABITAT = Actor("demo-partenaire", "partenaire", "association-habitat-solidaire-demo")


def test_a_figure_sent_back_reaches_the_partner_whatever_period_they_look_at(demo_db_path):
    # Habitat submits its third quarter of 2022, still to report on the demonstration date.
    key = (2, "CAPT", 2022, 3)
    check = save_entry(
        None, CONVENTION, HABITAT, [FieldInput(2, "CAPT", value="4")], year=2022, quarter=3,
        status=FigureStatus.SUBMITTED, expected_versions={},
    )  # fmt: skip
    assert check.ok, check
    coordination = Actor("demo-coordination", "coordination", None)
    review(None, CONVENTION, coordination, [key], FigureStatus.RETURNED, "total **faux**\nrevoir")
    items = load_inbox(HABITAT, TODAY)
    returned = [i for i in items if i.kind == "renvoyé"]
    assert len(returned) == 1
    assert "motif : total \\*\\*faux\\*\\* revoir" in returned[0].text
    anchor = f"corriger-{key[0]}-{key[1].lower().replace('_', '-')}"
    assert returned[0].link == f"/?annee={key[2]}&trimestre={key[3]}#{anchor}"
    other = Actor("demo-partenaire-ccas", "partenaire", "ccas-de-dijon-demo")
    assert not [i for i in load_inbox(other, TODAY) if i.kind == "renvoyé"]
    waiting = [i for i in load_inbox(coordination, TODAY) if i.kind == "en correction"]
    assert waiting and waiting[0].text.startswith(
        f"T{key[3]} {key[2]} : 1 chiffre renvoyé en attente de correction"
    )


def test_the_coordination_sees_submissions_to_validate(demo_db_path):
    items = load_inbox(Actor("demo-coordination", "coordination", None), TODAY)
    assert [i.text for i in items if i.kind == "à valider"] == [
        "T3 2022 : 4 chiffres soumis à valider"  # actions 10 (2), 14 and 16 in the demo
    ]


def test_the_prefecture_sees_closed_years_without_decision(demo_db_path):
    items = load_inbox(Actor("demo-prefecture", "prefecture", None), TODAY)
    assert [i.text for i in items] == [
        "Année 2021 close, sans décision de reversement",
        "Année 2022 close, sans décision de reversement",
    ]
    assert load_inbox(Actor("demo-prefecture", "prefecture", None), date(2022, 6, 1))[0].link == (
        "/controle?annee=2021"
    )


def test_quarters_due_and_late_for_a_partner_with_nothing_submitted(db_path):
    with database.connect() as con:
        storage.upsert_organisation(con, "relais", "Relais")
        storage.assign(con, CONVENTION, 7, "relais")
    items = load_inbox(Actor("yanis", "partenaire", "relais"), date(2022, 4, 1))
    assert [(i.kind, i.text) for i in items] == [
        ("en retard", "T1 2021 : chiffres attendus le 15/04/2021"),
        ("en retard", "T2 2021 : chiffres attendus le 15/07/2021"),
        ("en retard", "T3 2021 : chiffres attendus le 15/10/2021"),
        ("en retard", "T4 2021 : chiffres attendus le 15/01/2022"),
        ("à rendre", "T1 2022 : chiffres attendus le 15/04/2022"),
    ]


def test_a_demo_database_reads_its_inbox_on_the_demonstration_date(demo_db_path):
    """15 October 2022: Habitat's third quarter is due that day (not late), the fourth not yet."""
    items = load_inbox(HABITAT)
    assert [(i.kind, i.text) for i in items] == [
        ("à rendre", "T3 2022 : chiffres attendus le 15/10/2022")
    ]
