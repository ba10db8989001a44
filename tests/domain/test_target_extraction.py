"""Indicators proposed from the annex texts (issue 5, item 3): every Dijon row, then variants."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from lda_dash.domain.annex_table import AnnexRow
from lda_dash.domain.model import SPENDING_CODE, Mode
from lda_dash.importers.annex import read_annex
from lda_dash.importers.target_extraction import (
    ProposedIndicator,
    propose_for_annex,
    propose_indicators,
)

REPO = Path(__file__).resolve().parents[2]
DIJON_CSV = REPO / "data" / "dijon" / "annex.csv"
CATALOGUE = REPO / "data" / "dijon" / "indicators.csv"
SIGNED = REPO.parent / "shared" / "convention" / "avenant-2022-dijon-metropole.txt"
YEARS = [2021, 2022]
S, C, ST, T, J = Mode.SOMME, Mode.CUMUL_ANNUEL, Mode.STOCK, Mode.TAUX, Mode.JALON
NONE = (None, None)
LOG, PERS = "logements", "personnes"

# (code, unit, mode, (target 2021, target 2022), baseline, confidence), DEP_AMI aside.
DIJON = {
    1: [("BILAN", "jalon", J, (1, 1), None, "haute")],
    2: [("LOGEMENTS", "logements", S, (40, 40), None, "haute")],
    3: [
        ("PROPRIETAIRES", "propriétaires", C, NONE, None, "basse"),
        ("BILAN", "jalon", J, (1, 1), None, "haute"),
    ],
    4: [("LOGEMENTS", "logements", ST, (40, 80), None, "haute")],
    5: [
        ("TAUX_OCCUPATION", "%", T, NONE, None, "basse"),
        ("APPARTEMENTS", "appartements", ST, (1, 1), None, "haute"),
    ],
    6: [("DIAGNOSTICS", "diagnostics", S, (40, 40), None, "haute")],
    7: [("MESURES", "mesures", C, (70, 70), None, "moyenne")],
    8: [
        ("VISITES", "visites", S, (250, 250), None, "moyenne"),
        ("TAUX_REPONSES", "%", T, (75, 75), 25, "moyenne"),
    ],
    9: [("BILAN", "jalon", J, (1, 1), None, "haute")],
    10: [("BILAN", "jalon", J, (1, 1), None, "haute")],
    11: [("PERSONNES", "personnes", C, (60, 60), None, "moyenne")],
    12: [
        ("PROFESSIONNELS_AV", "professionnels", C, (30, 30), None, "moyenne"),
        ("PROFESSIONNELS_PU", "professionnels", C, (30, 30), None, "moyenne"),
    ],
    13: [("PERSONNES", "personnes", C, (70, 70), None, "moyenne")],
    14: [("BILAN", "jalon", J, (1, 1), None, "haute")],
    15: [("BILAN", "jalon", J, (1, 1), None, "haute")],
    16: [("EVALUATION", "jalon", J, (1, 1), None, "haute")],
}
# The reviewed catalogue's indicator each proposal stands for. Not proposed: 14 COLLOQ (the
# reviewer read it in the action's title, which states no target). Proposed beyond it: 3
# PROPRIETAIRES ("nombre de propriétaires", no target).
CATALOGUE_CODES = {
    (1, "BILAN"): "BILAN", (2, "CAPT"): "LOGEMENTS", (3, "BILAN"): "BILAN",
    (4, "GLA"): "LOGEMENTS", (5, "REPIT"): "APPARTEMENTS", (5, "REPIT_OCC"): "TAUX_OCCUPATION",
    (6, "DIAG"): "DIAGNOSTICS", (7, "ASLL"): "MESURES", (8, "VAD"): "VISITES",
    (8, "TX_REP"): "TAUX_REPONSES", (9, "BILAN"): "BILAN", (10, "BILAN"): "BILAN",
    (11, "MEDIA"): "PERSONNES", (12, "FORM_AV"): "PROFESSIONNELS_AV",
    (12, "FORM_PU"): "PROFESSIONNELS_PU", (13, "ATEL"): "PERSONNES", (14, "BILAN"): "BILAN",
    (15, "BILAN"): "BILAN", (16, "EVAL"): "EVALUATION",
}  # fmt: skip


def _row(objective: str = "", results: str = "", deliverables: str = "") -> AnnexRow:
    return AnnexRow(
        row=1,
        number="1",
        title="Action",
        category="3. Mesures d'intervention sociale",
        description="",
        objective=objective,
        leverage="",
        expected_results=results,
        calendar="5 ans",
        deliverables=deliverables,
        cost_y1=None,
        ami_y1=None,
        cofunding_y1=None,
        cost_y2=None,
        cofunding_y2=None,
    )


def _summary(proposals: list[ProposedIndicator], years=YEARS) -> list[tuple]:
    return [
        (
            p.code,
            p.unit,
            p.mode,
            tuple(p.targets[year] for year in years),
            p.baseline,
            p.confidence,
        )
        for p in proposals
        if p.code != SPENDING_CODE
    ]


def _dijon() -> dict[int, list[ProposedIndicator]]:
    by_action: dict[int, list[ProposedIndicator]] = {}
    for proposal in propose_for_annex(read_annex(DIJON_CSV.read_bytes(), "annex.csv"), YEARS):
        by_action.setdefault(proposal.action, []).append(proposal)
    return by_action


@pytest.mark.parametrize("action", sorted(DIJON))
def test_each_dijon_row_proposes_its_stated_targets(action):
    expected = [
        (code, unit, mode, tuple(None if v is None else Decimal(v) for v in targets),
         None if base is None else Decimal(base), confidence)
        for code, unit, mode, targets, base, confidence in DIJON[action]
    ]  # fmt: skip
    assert _summary(_dijon()[action]) == expected


@pytest.mark.parametrize(("key", "code"), sorted(CATALOGUE_CODES.items()))
def test_proposals_agree_with_the_reviewed_catalogue(key, code):
    rows = {(int(r["action"]), r["code"]): r for r in _catalogue() if r["action"] != "*"}
    reviewed = rows[key]
    proposal = next(p for p in _dijon()[key[0]] if p.code == code)
    assert (proposal.unit, proposal.mode.value) == (reviewed["unite"], reviewed["mode"])
    for year in YEARS:
        stated = reviewed[f"cible_{year}"]
        assert proposal.targets[year] == (Decimal(stated) if stated else None)
    assert proposal.baseline == (Decimal(reviewed["reference"]) if reviewed["reference"] else None)


def _catalogue() -> list[dict]:
    return list(csv.DictReader(io.StringIO(CATALOGUE.read_text(encoding="utf-8")), delimiter=";"))


def test_every_action_ends_with_dep_ami_without_target():
    for action, proposals in _dijon().items():
        spending = proposals[-1]
        assert (spending.action, spending.code, spending.unit) == (action, "DEP_AMI", "€")
        assert spending.mode is Mode.SOMME and spending.targets == {2021: None, 2022: None}


def test_codes_are_unique_within_each_action():
    for proposals in _dijon().values():
        codes = [p.code for p in proposals]
        assert len(codes) == len(set(codes))


def test_the_signed_text_gives_the_same_proposals_as_the_reviewed_annex():
    if not SIGNED.is_file():
        pytest.skip(f"signed convention text absent: {SIGNED}")
    signed = propose_for_annex(read_annex(SIGNED.read_bytes(), SIGNED.name), YEARS)
    assert signed == [p for proposals in _dijon().values() for p in proposals]


def test_labels_and_sources_say_where_a_target_was_read():
    dijon = _dijon()
    logements = dijon[2][0]
    assert logements.label == "Logements captés"
    assert logements.source_column == (
        "Résultats attendus et indicateurs + Objectifs et livrables prévisionnels"
    )
    assert logements.source_text == "40 logements captés en 2021 | 40 logements /an"
    assert dijon[8][1].label == "Taux de réponses"
    assert dijon[12][1].label == "Professionnels (Formation Place des usagers)"
    assert dijon[13][0].label == "Personnes (ateliers suivis)"
    assert dijon[16][0].label == "Document d'évaluation annuel produit"


# Variants: (text read as « Résultats attendus », expected proposals as in _summary).
VARIANTS = [
    ("1 200 logements captés en 2022", [("LOGEMENTS", LOG, S, (None, 1200), None, "haute")]),
    ("12,5 % de ménages relogés", [("TAUX_MENAGES", "%", T, (12.5, 12.5), None, "moyenne")]),
    ("taux de réponse de 75 %", [("TAUX_REPONSE", "%", T, (75, 75), None, "moyenne")]),
    ("taux d'occupation : 80 % en 2022", [("TAUX_OCCUPATION", "%", T, (None, 80), None, "haute")]),
    ("de 25 % à 75 % de réponses", [("TAUX_REPONSES", "%", T, (75, 75), 25, "moyenne")]),
    ("passer de 40 à 60 % de sorties", [("TAUX_SORTIES", "%", T, (60, 60), 40, "moyenne")]),
    ("taux de relogement", [("TAUX_RELOGEMENT", "%", T, NONE, None, "basse")]),
    ("40 logements en 2021 et 80 en 2022", [("LOGEMENTS", LOG, S, (40, 80), None, "haute")]),
    ("En 2022 : 80 logements gérés", [("LOGEMENTS", LOG, ST, (None, 80), None, "haute")]),
    ("15 logements en gestion en 2021", [("LOGEMENTS", LOG, ST, (15, 15), None, "haute")]),
    ("10 places disponibles", [("PLACES", "places", ST, (10, 10), None, "moyenne")]),
    ("accompagner 100 ménages par an", [("MENAGES", "ménages", C, (100, 100), None, "haute")]),
    ("30 jeunes accompagnés en année 2", [("JEUNES", "jeunes", C, (None, 30), None, "haute")]),
    ("40 logements gérés à 24 mois", [("LOGEMENTS", LOG, ST, (None, 40), None, "haute")]),
    ("Organiser 4 colloques chaque année", [("COLLOQUES", "colloques", S, (4, 4), None, "haute")]),
    ("Au moins 60 personnes accompagnées", [("PERSONNES", PERS, C, (60, 60), None, "moyenne")]),
    ("100 logements d'ici 2022", [("LOGEMENTS", LOG, S, (None, 100), None, "haute")]),
    ("2000 logements", [("LOGEMENTS", LOG, S, (2000, 2000), None, "moyenne")]),
    ("12 permis de louer", [("PERMIS", "permis", S, (12, 12), None, "moyenne")]),
    ("Ateliers : 12 ; Séances : 30", [
        ("ATELIERS", "ateliers", S, (12, 12), None, "moyenne"),
        ("SEANCES", "séances", S, (30, 30), None, "moyenne"),
    ]),
    ("40 logements captés et 20 logements gérés", [
        ("LOGEMENTS", LOG, S, (40, 40), None, "moyenne"),
        ("LOGEMENTS_GERES", "logements", ST, (20, 20), None, "moyenne"),
    ]),
    ("40 logements captés ; 50 logements captés", [
        ("LOGEMENTS", LOG, S, (40, 40), None, "basse"),
    ]),
    ("Réduire le nombre de retours à la rue", [("RETOURS", "retours", S, NONE, None, "basse")]),
    ("rapport annuel d'activité", [("RAPPORT", "jalon", J, (1, 1), None, "haute")]),
    ("bilan", [("BILAN", "jalon", J, (1, 1), None, "moyenne")]),
    ("bilan final", [("BILAN", "jalon", J, (None, 1), None, "haute")]),
    ("en rapport avec les partenaires", []),
    ("point d'étape à 2 ans ; 66 000 € ; article 3 ; 1er trimestre ; en 2021 et 2022", []),
    ("Maintien dans le logement à moyen terme", []),
    ("", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), VARIANTS, ids=[v[0] or "vide" for v in VARIANTS])
def test_variants_of_wording(text, expected):
    wanted = [
        (code, unit, mode, tuple(None if v is None else Decimal(str(v)) for v in targets),
         None if base is None else Decimal(base), confidence)
        for code, unit, mode, targets, base, confidence in expected
    ]  # fmt: skip
    assert _summary(propose_indicators(_row(results=text), YEARS)) == wanted


@pytest.mark.parametrize(
    ("objective", "results", "deliverables", "codes"),
    [
        ("", "40 logements captés", "bilan annuel", ["LOGEMENTS"]),  # a count makes the bilan moot
        ("", "taux d'occupation", "bilan annuel", ["TAUX_OCCUPATION", "BILAN"]),  # no target
        ("Porter 40 diagnostics par an", "", "bilans annuels", ["DIAGNOSTICS"]),
        ("", "", "bilan annuel ; rapport d'activité", ["BILAN", "RAPPORT"]),
    ],
)
def test_a_milestone_is_proposed_only_when_no_count_has_a_target(
    objective, results, deliverables, codes
):
    proposals = propose_indicators(_row(objective, results, deliverables), YEARS)
    assert [p.code for p in proposals] == [*codes, "DEP_AMI"]


@pytest.mark.parametrize(
    ("text", "years", "targets"),
    [
        ("40 logements /an", [2023, 2024, 2025], (40, 40, 40)),
        ("40 logements en année 3", [2023, 2024, 2025], (None, None, 40)),
        ("2 appartements en 2023", [2023, 2024, 2025], (2, 2, 2)),  # a level carries over
        ("12 visites en 2024", [2023, 2024, 2025], (None, 12, None)),  # a flow does not
    ],
)
def test_targets_follow_the_convention_years(text, years, targets):
    (proposal, _) = propose_indicators(_row(results=text), years)
    assert tuple(proposal.targets[year] for year in years) == tuple(
        None if t is None else Decimal(t) for t in targets
    )


def test_a_year_named_in_the_text_wins_over_every_year():
    (proposal, _) = propose_indicators(
        _row(results="50 logements captés en 2022", deliverables="40 logements /an"), YEARS
    )
    assert proposal.targets == {2021: Decimal(40), 2022: Decimal(50)}
    assert proposal.confidence == "haute"


def test_a_proposal_becomes_an_indicator_spec_and_json():
    (proposal, _) = propose_indicators(_row(deliverables="passer de 25 % à 75,5 %"), YEARS)
    spec = proposal.to_spec()
    assert (spec.code, spec.mode, spec.baseline, spec.weight) == ("TAUX", T, 25, 1)
    assert spec.target(2022) == Decimal("75.5")
    assert proposal.to_json()["targets"] == {"2021": 75.5, "2022": 75.5}
    assert proposal.to_json()["baseline"] == 25
