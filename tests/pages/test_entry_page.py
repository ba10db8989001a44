"""Saisie trimestrielle: a partner's form, draft, submission, messages next to the fields, a
colleague's concurrent edit, and the upload with its line-numbered preview."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import plain, signed_in
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from lda_dash import storage
from lda_dash.domain.entry import latest_ended_quarter
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.services.accounts import add_account
from lda_dash.storage import database

ORGANISATION = "association-habitat-solidaire-demo"  # demo-partenaire: actions 2, 3, 4, 5
CID = "dijon-2021-2022"
EMPTY = (2022, 4)  # no demo figure there: the demonstration date falls in this quarter


def partner(period: tuple[int, int] | None = EMPTY) -> AppTest:
    at = signed_in("partenaire", ORGANISATION)
    if period:
        at.session_state["entry_period"] = period
    at.run()
    assert not at.exception, at.exception
    return at


def key(code: str, action: int, part: str = "value", period=EMPTY) -> str:
    return f"_w_entry_{period[0]}_{period[1]}_{action}_{code}_{part}"


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def stored(db_path, action: int, code: str, period=EMPTY) -> dict | None:
    with database.connect(db_path) as con:
        for record in storage.figure_records(con, CID):
            if (record["action"], record["code"], record["year"], record["quarter"]) == (
                action,
                code,
                *period,
            ):
                return record
    return None


def editable_fields(at: AppTest) -> list[str]:
    return [t.key for t in at.text_input if t.key and t.key.startswith("_w_entry_")]


def widget_keys(node) -> set[str]:
    if isinstance(node, Block):
        return set().union(*(widget_keys(child) for child in node.children.values()))
    return {node.key} if getattr(node, "key", None) else set()


def field_box(at: AppTest, value_key: str) -> Block:
    """The largest block holding this field's widgets and no other field's: its bordered box."""
    prefix = value_key.rsplit("_", 1)[0]
    found = []

    def walk(node) -> None:
        if not isinstance(node, Block):
            return
        keys = widget_keys(node)
        if value_key in keys and all(k.startswith(prefix) for k in keys):
            found.append(node)
            return
        for child in node.children.values():
            walk(child)

    walk(at._tree)
    assert found, value_key
    return found[0]


def fill_quarter(at: AppTest, capt: str = "9") -> None:
    """Every field of demo-partenaire's quarter, with plausible values."""
    at.text_input(key=key("CAPT", 2)).input(capt)
    at.radio(key=key("BILAN", 3)).set_value("Non produit")
    at.text_input(key=key("GLA", 4)).input("42")
    at.text_input(key=key("REPIT", 5)).input("1")
    at.text_input(key=key("REPIT_OCC", 5, "numerator")).input("60")
    at.text_input(key=key("REPIT_OCC", 5, "denominator")).input("91")
    for action in (2, 3, 4, 5):
        at.text_input(key=key("DEP_AMI", action)).input("1 250,50")


def test_the_partner_gets_its_actions_only_and_the_latest_ended_quarter(demo_app_db):
    at = partner(period=None)
    assert at.title[0].value == "Saisie trimestrielle"
    year, quarter = latest_ended_quarter(date(2022, 10, 15))  # the demonstration date
    assert at.selectbox(key="_w_period_year").value == year
    assert at.radio(key="_w_period_quarter").value == quarter
    headings = [h.value for h in at.subheader]
    assert [h.split(" · ")[0] for h in headings] == [f"Action n° {n}" for n in (2, 3, 4, 5)]
    labels = [t.label for t in at.text_input]
    assert labels.count("Dépenses réalisées sur crédits AMI (€)") == 4
    assert "Taux d'occupation du lieu de répit : numérateur" in labels
    assert at.radio(key=key("BILAN", 3, period=(year, quarter))).options == [
        "Produit",
        "Non produit",
    ]


def test_the_form_offers_the_right_input_for_each_mode(demo_app_db):
    at = partner()
    assert at.text_input(key=key("CAPT", 2)).placeholder == "nombre entier, ex. 12"
    assert at.text_input(key=key("REPIT_OCC", 5, "denominator")).placeholder.startswith(
        "nombre entier"
    )
    assert at.text_input(key=key("DEP_AMI", 2)).placeholder == "en euros, ex. 1 250,50"
    assert at.text_input(key=key("GLA", 4)).placeholder == "ex. 42 ou 42,5"  # a stock level
    assert at.radio(key=key("BILAN", 3)).options == ["Produit", "Non produit"]


def test_a_french_amount_is_read_as_written(demo_app_db):
    at = partner()
    at.text_input(key=key("DEP_AMI", 2)).input("1 250,50 €")
    button(at, "Enregistrer le brouillon").click().run()
    assert stored(demo_app_db, 2, "DEP_AMI")["value"] == Decimal("1250.5")
    assert at.text_input(key=key("DEP_AMI", 2)).value == "1250,50"


def test_a_word_instead_of_a_number_is_explained(demo_app_db):
    at = partner()
    at.text_input(key=key("CAPT", 2)).input("douze")
    button(at, "Enregistrer le brouillon").click().run()
    assert "« douze » n'est pas un nombre" in field_box(at, key("CAPT", 2)).error[0].value
    assert at.text_input(key=key("CAPT", 2)).value == "douze"  # kept as typed


def test_earlier_quarters_are_shown_beside_each_field(demo_app_db):
    at = partner(period=(2022, 3))  # the quarter to report on the demonstration date
    captions = [plain(c.value) for c in at.caption]
    assert any("T1 : 8 · T2 : 10" in c for c in captions), captions
    assert editable_fields(at)
    at = partner(period=(2022, 2))
    assert not editable_fields(at)  # validated quarter: read-only
    assert any("Trimestre validé" in s.value for s in at.success)


def test_a_draft_is_saved_and_what_was_typed_stays(demo_app_db):
    at = partner()
    at.text_input(key=key("CAPT", 2)).input("9")
    button(at, "Enregistrer le brouillon").click().run()
    assert not at.exception
    assert "Brouillon du T4 2022 enregistré (1 chiffres)" in at.success[0].value
    record = stored(demo_app_db, 2, "CAPT")
    assert record["status"] == "draft" and record["value"] == 9
    assert at.text_input(key=key("CAPT", 2)).value == "9"
    box = field_box(at, key("CAPT", 2))
    assert "✎ brouillon" in box.markdown[0].value
    at.switch_page("lda_dash/pages/dashboard.py").run()
    at.switch_page("lda_dash/pages/entry.py").run()
    assert at.text_input(key=key("CAPT", 2)).value == "9"


def test_an_invalid_value_is_refused_next_to_its_field_and_nothing_is_written(demo_app_db):
    at = partner()
    at.text_input(key=key("CAPT", 2)).input("9")
    at.text_input(key=key("REPIT_OCC", 5, "numerator")).input("95")
    at.text_input(key=key("REPIT_OCC", 5, "denominator")).input("91")
    button(at, "Enregistrer le brouillon").click().run()
    box = field_box(at, key("REPIT_OCC", 5, "numerator"))
    assert "Numérateur 95 supérieur au dénominateur 91" in box.error[0].value
    assert not field_box(at, key("CAPT", 2)).error
    assert any("Rien n'a été enregistré : 1 champ à corriger" in e.value for e in at.error)
    assert stored(demo_app_db, 2, "CAPT") is None  # all or nothing
    assert at.text_input(key=key("REPIT_OCC", 5, "numerator")).value == "95"  # kept


def test_a_negative_count_and_a_lower_year_to_date_are_explained(demo_app_db):
    at = partner()
    at.text_input(key=key("CAPT", 2)).input("-3")
    button(at, "Enregistrer le brouillon").click().run()
    assert "ne peut pas être négative" in field_box(at, key("CAPT", 2)).error[0].value


def test_an_unusual_value_is_saved_only_with_a_comment(demo_app_db):
    at = partner()
    at.text_input(key=key("CAPT", 2)).input("50")  # more than 3 × 14, the largest before
    button(at, "Enregistrer le brouillon").click().run()
    box = field_box(at, key("CAPT", 2))
    assert "Valeur inhabituelle" in box.warning[0].value
    assert "commentaire" in box.warning[0].value
    assert stored(demo_app_db, 2, "CAPT") is None
    at.text_input(key=key("CAPT", 2, "comment")).input("Reprise d'un parc de 50 logements")
    button(at, "Enregistrer le brouillon").click().run()
    record = stored(demo_app_db, 2, "CAPT")
    assert record["value"] == 50 and record["comment"] == "Reprise d'un parc de 50 logements"


def test_submitting_needs_every_field(demo_app_db):
    at = partner()
    at.text_input(key=key("CAPT", 2)).input("9")
    button(at, "Soumettre le trimestre").click().run()
    assert "Valeur manquante" in field_box(at, key("GLA", 4)).error[0].value
    assert "Numérateur manquant" in field_box(at, key("REPIT_OCC", 5, "numerator")).error[0].value
    assert stored(demo_app_db, 2, "CAPT") is None


def test_submitting_is_confirmed_then_the_quarter_is_read_only(demo_app_db):
    at = partner()
    fill_quarter(at)
    button(at, "Soumettre le trimestre").click().run()
    assert "Soumettre le T4 2022 ?" in at.warning[-1].value
    assert stored(demo_app_db, 2, "CAPT") is None  # not before the confirmation
    button(at, "Confirmer la soumission").click().run()
    assert not at.exception
    assert "Trimestre T4 2022 soumis à la coordination (9 chiffres)" in at.success[0].value
    assert stored(demo_app_db, 5, "REPIT_OCC")["status"] == "submitted"
    assert stored(demo_app_db, 4, "DEP_AMI")["value"] == 1250.5
    assert not editable_fields(at)  # submitted: nothing left to edit
    assert any("la coordination doit le valider" in i.value for i in at.info)


def test_a_colleague_edit_meanwhile_is_refused_and_not_overwritten(demo_app_db):
    at = partner()
    with database.connect(demo_app_db) as con:
        add_account(con, "louise", "partenaire", None, organisation="Association Habitat "
                    "Solidaire (démo)", is_demo=True)  # fmt: skip
        storage.save_figures(
            con, CID, [QuarterFigure(2, "CAPT", *EMPTY, value=7, status="draft")],
            Actor("louise", "partenaire", ORGANISATION), "Saisie",
        )  # fmt: skip
    at.text_input(key=key("CAPT", 2)).input("9")
    button(at, "Enregistrer le brouillon").click().run()
    message = at.error[0].value
    assert "modifié par louise" in message and "rien n'a été écrasé" in message
    assert "Logements captés dans le parc privé" in message and "CAPT" not in message
    assert stored(demo_app_db, 2, "CAPT")["value"] == 7
    next(b for b in at.button if b.label.startswith("Recharger")).click().run()
    assert at.text_input(key=key("CAPT", 2)).value == "7"


CSV_WITH_ERRORS = (
    "action;indicateur;annee;trimestre;valeur;numerateur;denominateur;commentaire\r\n"
    "2;CAPT;2022;4;9;;;\r\n"
    "2;CAPT;2022;5;4;;;\r\n"
    "5;REPIT_OCC;2022;4;;95;91;\r\n"
    "6;DIAG;2022;4;3;;;\r\n"
    "3;BILAN;2022;4;2;;;\r\n"
).encode("cp1252")


def test_an_upload_is_previewed_with_every_error_by_line_and_nothing_written(demo_app_db):
    at = partner()
    at.file_uploader[0].upload("chiffres.csv", CSV_WITH_ERRORS, "text/csv").run()
    assert not at.exception
    assert "Fichier refusé : 4 erreurs" in at.error[0].value
    errors = at.table[0].value
    assert list(errors.index) == ["3", "4", "5", "6"]
    assert "trimestre 5" in errors["Erreur"].iloc[0]
    assert "numérateur 95 supérieur au dénominateur 91" in errors["Erreur"].iloc[1]
    assert "action 6 · « Diagnostics" in errors.loc["5", "Erreur"]
    assert "cette action n'est pas confiée à votre organisation" in errors.loc["5", "Erreur"]
    assert "jalon : 1 si produit, 0 sinon" in errors.loc["6", "Erreur"]
    assert not [b for b in at.button if b.label.startswith("Importer")]
    assert stored(demo_app_db, 2, "CAPT") is None


def test_an_upload_for_another_organisation_is_refused_by_line(demo_app_db):
    at = partner()
    content = b"action;indicateur;annee;trimestre;valeur\n2;CAPT;2022;4;9\n6;DIAG;2022;4;3\n"
    at.file_uploader[0].upload("chiffres.csv", content, "text/csv").run()
    errors = at.table[0].value
    assert list(errors.index) == ["3"]
    assert "n'est pas confiée à votre organisation" in errors["Erreur"].iloc[0]


def test_a_valid_upload_is_imported_as_a_draft(demo_app_db):
    at = partner()
    content = b"action;indicateur;annee;trimestre;valeur\n2;CAPT;2022;4;9\n4;GLA;2022;4;41,5\n"
    at.file_uploader[0].upload("chiffres.csv", content, "text/csv").run()
    assert "Fichier correct : 2 lignes" in at.success[0].value
    button(at, "Importer comme brouillon").click().run()
    assert not at.exception
    assert any("importé : 2 chiffres enregistrés comme brouillon" in s.value for s in at.success)
    assert stored(demo_app_db, 4, "GLA")["value"] == 41.5
    assert at.text_input(key=key("GLA", 4)).value == "41,5"  # the form shows the import
