"""The slide « Ce qui est en jeu d'ici décembre »: an open year's forecast (DOMAIN.md 12).

Drawn by the Présentation page and the PowerPoint deck alike. Like every view of the forecast,
it says « à rythme constant » and never calls the amounts a proposal: the Prefect decides on a
closed year (Article 4).
"""

from __future__ import annotations

from lda_dash import fmt
from lda_dash.domain.forecast import milestone_to_produce
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.story.model import Bar, Chart, ChartUnit, KeyFigure, Series, Slide, SlideKind
from lda_dash.words import values as words

TITLE = "Ce qui est en jeu d'ici décembre"
NOT_A_PROPOSAL = (
    "Une prévision, pas une proposition : le reversement se calcule après le 31 décembre, sur "
    "les chiffres validés, et la décision revient au préfet (article 4)."
)


def forecast_slide(data: ExecutionReportData) -> Slide | None:
    """The money at risk if the pace holds; none once the year is over (or without payment)."""
    report = data.forecast
    if report is None:
        return None
    result, year = report.forecast, data.year
    unspent = "sans objet"
    if result.projected_unspent is not None:
        unspent = fmt.money(result.projected_unspent)
    figures = (
        KeyFigure("Total projeté", fmt.money(result.projected_total), "prévision"),
        KeyFigure("En jeu au titre des objectifs", fmt.money(result.objective_at_risk)),
        KeyFigure("Non-consommation projetée", unspent),
    )
    exposed = [term for term in result.actions if term.at_risk > 0]
    chart = None
    if exposed:
        bars = tuple(
            Bar(
                f"n° {t.action} · {words.short(data.titles.get(t.action, ''), 36)}",
                float(t.at_risk),
                f"{fmt.money(t.at_risk)} · atteinte projetée "
                f"{words.percent(t.projected_attainment)}",
            )
            for t in exposed
        )
        chart = Chart(
            f"Montant en jeu par action d'ici décembre {year} (euros, prévision)",
            ChartUnit.EUROS,
            (Series(f"prévision {year}", bars),),
        )
    bullets = [
        f"Si le rythme des trimestres déclarés se maintient jusqu'au 31/12/{year} "
        f"(prévision à rythme constant, seuil {fmt.percent(result.threshold)}).",
    ]
    if not exposed:
        bullets.append("À rythme constant, aucune action ne resterait sous le seuil.")
    to_produce = [r for r in result.indicators if milestone_to_produce(r)]
    if to_produce:
        listed = ", ".join(f"n° {r.spec.action}" for r in to_produce)
        bullets.append(f"Jalons à produire d'ici décembre : {listed}.")
    bullets.append(NOT_A_PROPOSAL)
    notes = (
        f"À rythme constant, {fmt.money(result.objective_at_risk)} seraient en jeu au titre des "
        f"objectifs en {year}, pour {len(exposed)} action(s) ; la non-consommation projetée est "
        f"de {unspent} ; le total projeté est de {fmt.money(result.projected_total)}. "
        + " ".join(bullets)
    )
    return Slide(
        SlideKind.FORECAST,
        title=TITLE,
        subtitle=f"Prévision {year} à rythme constant, au {fmt.day(report.as_of)}",
        figures=figures,
        chart=chart,
        bullets=tuple(bullets),
        notes=notes,
        file_stem=f"prevision-{year}",
    )
