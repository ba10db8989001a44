"""What synthetic territories are made of: city-like names and Dijon-like actions per category.

Templates follow the Dijon annex (DOMAIN.md sections 2-3): the six categories, the same kinds of
actions and indicators, every accumulation mode. Ranges are what a territory's targets are drawn
from; `None` means the indicator is tracked without a target.
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = (
    "1. Coordination /animation",
    "2. Ingénierie de projet",
    "3. Mesures d'intervention sociale",
    "4. Observation sociale",
    "5. Suivi et évaluation",
    "6. Communication",
)
# How often an action beyond the first six falls in each category (Dijon leans on category 3).
EXTRA_CATEGORY_WEIGHTS = (0.08, 0.25, 0.42, 0.05, 0.1, 0.1)


@dataclass(frozen=True)
class IndicatorTemplate:
    code: str
    label: str
    unit: str
    mode: str
    target: tuple[int, int] | None = None
    baseline: tuple[int, int] | None = None


@dataclass(frozen=True)
class ActionTemplate:
    title: str
    description: str
    indicators: tuple[IndicatorTemplate, ...]


def _milestone(what: str, code: str = "BILAN") -> IndicatorTemplate:
    return IndicatorTemplate(code, f"{what} produit", "jalon", "jalon", (1, 1))


ACTIONS: dict[int, tuple[ActionTemplate, ...]] = {
    0: (
        ActionTemplate("Poste de coordinateur-animateur", "Coordonner et animer le plan",
                       (IndicatorTemplate("COPIL", "Comités de pilotage tenus", "comités",
                                          "somme", (2, 4)),
                        _milestone("Bilan annuel d'activité"))),
        ActionTemplate("Animation du réseau des partenaires", "Réunir les acteurs du territoire",
                       (IndicatorTemplate("REUN", "Réunions du réseau tenues", "réunions",
                                          "somme", (6, 12)),
                        _milestone("Bilan annuel du réseau"))),
    ),
    1: (
        ActionTemplate("Poste de captation des logements privés", "Capter des logements privés",
                       (IndicatorTemplate("CAPT", "Logements captés dans le parc privé",
                                          "logements", "somme", (20, 60)),)),
        ActionTemplate("Gestion locative adaptée", "Gérer les logements captés",
                       (IndicatorTemplate("GLA", "Logements gérés en gestion locative adaptée",
                                          "logements", "stock", (20, 90)),)),
        ActionTemplate("Coordination plateforme logement", "Articuler les intervenants",
                       (_milestone("Bilan annuel de la plateforme"),)),
        ActionTemplate("Intermédiation locative", "Sous-location et mandat de gestion",
                       (IndicatorTemplate("IML", "Logements en intermédiation locative",
                                          "logements", "stock", (10, 50)),
                        IndicatorTemplate("TX_SORTIE", "Taux de sorties vers le logement", "%",
                                          "taux", (30, 60), (10, 25)))),
    ),
    2: (
        ActionTemplate("Prévention des expulsions", "Diagnostics avant commandement",
                       (IndicatorTemplate("DIAG", "Diagnostics avant commandement de quitter "
                                          "les lieux", "diagnostics", "somme", (20, 60)),
                        IndicatorTemplate("MAINTIEN", "Ménages maintenus dans leur logement",
                                          "ménages", "cumul_annuel", (10, 40)))),
        ActionTemplate("Mesures ASLL renforcées", "Accompagnement social lié au logement",
                       (IndicatorTemplate("ASLL", "Mesures ASLL renforcées exercées", "mesures",
                                          "cumul_annuel", (40, 100)),)),
        ActionTemplate("Enquêtes sociales à domicile", "Visites à domicile",
                       (IndicatorTemplate("VAD", "Visites à domicile (enquêtes sociales)",
                                          "visites", "somme", (100, 300)),
                        IndicatorTemplate("TX_REP", "Taux de réponse des ménages", "%", "taux",
                                          (60, 85), (20, 30)))),
        ActionTemplate("Appartement de répit", "Un lieu de répit pour les personnes logées",
                       (IndicatorTemplate("REPIT", "Appartement de répit disponible",
                                          "appartements", "stock", (1, 3)),
                        IndicatorTemplate("REPIT_OCC", "Taux d'occupation du lieu de répit", "%",
                                          "taux"))),
        ActionTemplate("Médiation sociale", "Médiation entre locataires et voisinage",
                       (IndicatorTemplate("MEDIA", "Personnes accompagnées par la médiation "
                                          "sociale", "personnes", "cumul_annuel", (30, 80)),)),
        ActionTemplate("Maraude et aller-vers", "Aller au-devant des personnes à la rue",
                       (IndicatorTemplate("MARAUDE", "Personnes rencontrées en maraude",
                                          "personnes", "cumul_annuel", (80, 200)),
                        _milestone("Bilan annuel de la maraude"))),
        ActionTemplate("Ateliers premier logement", "Préparer l'entrée dans le logement",
                       (IndicatorTemplate("ATEL", "Personnes ayant suivi les ateliers premier "
                                          "logement", "personnes", "cumul_annuel", (30, 80)),)),
    ),
    3: (
        ActionTemplate("Observatoire du sans-abrisme", "Mesurer et comprendre",
                       (_milestone("Bilan annuel de l'observatoire"),)),
        ActionTemplate("Diagnostic territorial partagé", "Actualiser le diagnostic",
                       (_milestone("Diagnostic territorial actualisé", "DIAG_TER"),)),
    ),
    4: (
        ActionTemplate("Évaluation annuelle du plan", "Évaluer les effets du plan",
                       (_milestone("Document d'évaluation annuel", "EVAL"),)),
        ActionTemplate("Suivi des parcours résidentiels", "Suivre les ménages relogés",
                       (IndicatorTemplate("PARC", "Ménages suivis dans leur parcours", "ménages",
                                          "stock", (50, 150)),)),
    ),
    5: (
        ActionTemplate("Colloque annuel", "Partager les pratiques",
                       (IndicatorTemplate("COLLOQ", "Colloques organisés", "colloques", "somme"),
                        _milestone("Bilan annuel des colloques"))),
        ActionTemplate("Formation des professionnels", "Former à l'aller-vers",
                       (IndicatorTemplate("FORM", "Professionnels formés", "professionnels",
                                          "cumul_annuel", (20, 60)),)),
        ActionTemplate("Campagne d'information", "Informer propriétaires et ménages",
                       (IndicatorTemplate("SUPPORTS", "Supports d'information diffusés",
                                          "supports", "somme", (500, 3000)),)),
    ),
}  # fmt: skip

# Added to a territory that would otherwise miss a mode, so every territory has all five.
MODE_FILLERS = {
    "somme": IndicatorTemplate("ENTRETIENS", "Entretiens réalisés", "entretiens", "somme",
                               (50, 200)),
    "cumul_annuel": IndicatorTemplate("PERS_ACC", "Personnes accompagnées depuis le 1er janvier",
                                      "personnes", "cumul_annuel", (30, 100)),
    "stock": IndicatorTemplate("FILE_ACTIVE", "Ménages en file active", "ménages", "stock",
                               (30, 120)),
    "taux": IndicatorTemplate("TX_SATISF", "Taux de satisfaction des ménages accompagnés", "%",
                              "taux", (70, 90)),
    "jalon": _milestone("Bilan annuel du territoire", "BILAN_TER"),
}  # fmt: skip
SPENDING = IndicatorTemplate("DEP_AMI", "Dépenses réalisées sur crédits AMI", "€", "somme")

_STARTS = ("Saint-", "Mont", "Beau", "Belle", "Château", "Fontaine", "Bourg", "Val", "Roche",
           "Clair", "Pont", "Ville", "Neuf", "Grand", "Haute", "Bois", "Mare", "Cour", "Font",
           "Mont-Saint-", "Lan", "Ker", "Plou")  # fmt: skip
_MIDDLES = ("", "", "mar", "vil", "ber", "lor", "ran", "bel", "court", "four", "mont", "roc",
            "sau", "vic", "an", "ais")  # fmt: skip
_ENDS = ("ville", "court", "mont", "bourg", "ac", "ières", "-sur-Loire", "-les-Bains",
         "-la-Forêt", "-sur-Mer", "-en-Vallée", "y", "ignac", "heim", "oux", "-le-Château",
         "-sur-Saône", "euil", "ans", "-la-Rivière")  # fmt: skip


def city_name(pick) -> str:
    """A French-sounding city name; `pick(n)` returns an index below n (the caller's RNG)."""
    start = _STARTS[pick(len(_STARTS))]
    middle = _MIDDLES[pick(len(_MIDDLES))]
    end = _ENDS[pick(len(_ENDS))]
    if start.endswith("-"):  # Saint-Martin-sur-Loire, not Saint-marville
        saint = _SAINTS[pick(len(_SAINTS))]
        return f"{start}{saint}{end if end.startswith('-') else ''}"
    return f"{start}{middle}{end}"


_SAINTS = ("Martin", "Denis", "Étienne", "Julien", "Laurent", "Aubin", "Germain", "Marcel")
