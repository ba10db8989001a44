"""The presentation of a year as a sequence of slides, from the execution report's data.

The same sequence feeds the Présentation page and the PowerPoint deck (issue 5): title, key
figures, one slide per category of actions, one per action, the comparison with the year before,
what is at risk of clawback, and what comes next. The presentation is not a control view: it
counts submitted figures too and marks them « à valider » (DOMAIN.md section 9); the clawback
slide alone, like the execution report, counts validated figures only.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from lda_dash import fmt
from lda_dash.domain.model import SPENDING_CODE, Status
from lda_dash.domain.progress_report import action_status
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.story import outlook
from lda_dash.story.basis import basis_words, data_date_words, full
from lda_dash.story.forecast_slide import forecast_slide
from lda_dash.story.model import Bar, Chart, ChartUnit, KeyFigure, Series, Slide, SlideKind
from lda_dash.story.outlook import mean_attainment, shown
from lda_dash.words import values as words

NO_CATEGORY = "Sans catégorie"
OBJECTIVE_LINE = "objectif : 100 %"


def build_story(data: ExecutionReportData, *, hide_partners: bool = False) -> list[Slide]:
    """Every slide of the year's presentation, in showing order.

    Each category's slide comes before the slides of its actions, so the story goes from the
    whole to the detail one category at a time.
    """
    slides = [title_slide(data), key_figures_slide(data)]
    actions = {action["number"]: action for action in data.actions}
    for name, numbers in categories(data):
        slides.append(category_slide(data, name, numbers))
        slides += [action_slide(data, actions[n], hide_partners) for n in numbers]
    comparison = outlook.comparison_slide(data)
    if comparison is not None:
        slides.append(comparison)
    ahead = forecast_slide(data)  # an open year only
    if ahead is not None:
        slides.append(ahead)
    slides += [outlook.clawback_slide(data), outlook.next_slide(data, hide_partners)]
    return slides


def categories(data: ExecutionReportData) -> list[tuple[str, list[int]]]:
    """Categories in annex order ("1. Coordination…" first), each with its action numbers."""
    grouped: dict[str, list[int]] = {}
    for action in data.actions:
        grouped.setdefault(action["category"] or NO_CATEGORY, []).append(action["number"])
    return sorted(grouped.items(), key=lambda item: _category_order(item[0]))


def _category_order(name: str) -> tuple:
    """`2. Ingénierie…` before `10. …`; categories without a number after, "sans" last."""
    number = name.split(".", 1)[0].strip()
    return (name == NO_CATEGORY, not number.isdigit(), int(number) if number.isdigit() else 0, name)


def status_counts(data: ExecutionReportData) -> Counter:
    report = shown(data)
    return Counter(action_status(report, n) for n in report.action_attainments)


def pending_of(data: ExecutionReportData, number: int) -> list[str]:
    """`Mesures ASLL renforcées exercées (T4)`: the action's figures waiting for validation."""
    labels = {(r.spec.action, r.spec.code): r.spec.label for r in shown(data).rows}
    return [
        f"{labels.get((action, code), code)} ({words.quarters(quarters, data.year)})"
        for (action, code), quarters in sorted(data.unvalidated.items())
        if action == number
    ]


def spending(data: ExecutionReportData, number: int | None = None) -> Fraction | None:
    """State-funded spending of one action, or of all, from the figures shown."""
    values = [
        row.value
        for row in shown(data).rows
        if row.spec.code == SPENDING_CODE
        and row.value is not None
        and (number is None or row.spec.action == number)
    ]
    return sum(values, Fraction(0)) if values else None


def title_slide(data: ExecutionReportData) -> Slide:
    c, year = data.convention, data.year
    position = year - c["first_year"] + 1
    lines = [
        words.sentence(data_date_words(data)),
        f"Année {position} de la convention {c['first_year']}-{c['last_year']}",
    ]
    if not data.progress.year_over:
        lines.append(f"Année {year} en cours : les statuts mesurent le rythme à date")
    lines.append(basis_words(data))
    if data.demo:
        lines.append("Données de démonstration : les chiffres sont fictifs")
    return Slide(
        SlideKind.TITLE,
        title=f"Plan « Logement d'abord » : bilan {year}",
        subtitle=f"{c['territory_name']} · {c['title']}",
        bullets=tuple(lines),
        notes=(
            f"Bilan {year} de la convention « Logement d'abord » de {c['territory_name']}, "
            f"{data_date_words(data)}. {basis_words(data)}."
        ),
        file_stem=f"titre-{year}",
    )


def key_figures_slide(data: ExecutionReportData) -> Slide:
    report, year = shown(data), data.year
    counts = status_counts(data)
    total = len(report.action_attainments)
    mean = mean_attainment(report.action_attainments)
    spent, payment = spending(data), data.payments.get(year)
    consumption = ""
    if spent is not None and payment:
        consumption = f"{fmt.percent(spent / Fraction(payment))} du versement"
    figures = (
        KeyFigure(f"Versement de l'État {year}", fmt.money(data.payments.get(year))),
        KeyFigure(
            "Actions ayant atteint leurs objectifs",
            f"{counts[Status.ACHIEVED]} / {total}",
            status=Status.ACHIEVED,
        ),
        KeyFigure("Atteinte moyenne des actions", words.percent(mean)),
        KeyFigure("Dépenses sur crédits AMI", fmt.money(spent), consumption),
    )
    sentence = words.sentence(words.counts_sentence(counts))
    indicator_rows = [r for r in report.rows if r.spec.code != SPENDING_CODE and r.target]
    reached = sum(1 for r in indicator_rows if r.status == Status.ACHIEVED)
    bullets = (
        f"{sentence}.",
        f"{fmt.plural(reached, 'indicateur')} sur {len(indicator_rows)} "
        f"{'a atteint sa' if reached < 2 else 'ont atteint leur'} cible.",
    )
    return Slide(
        SlideKind.KEY_FIGURES,
        title=f"L'essentiel de {year}",
        subtitle=f"{data.convention['territory_name']} · {total} actions financées",
        figures=figures,
        bullets=bullets,
        notes=(
            f"En {year}, l'État a versé {fmt.money(data.payments.get(year))}. "
            f"{sentence}. L'atteinte moyenne des actions est de {words.percent(mean)}."
        ),
        file_stem=f"chiffres-cles-{year}",
    )


def attainment_bar(data: ExecutionReportData, number: int) -> Bar:
    """One action's bar: its attainment and, in words, its status."""
    report = shown(data)
    attained = report.action_attainments.get(number)
    status = action_status(report, number)
    # The full title: the page wraps it (charts/slides.py), the deck's chart data keeps it whole.
    label = f"n° {number} · {full(data.titles.get(number, ''))}"
    check = " · à valider" if pending_of(data, number) else ""
    if attained is None:
        return Bar(label, None, f"aucun chiffre · {words.status_word(status)}{check}", status)
    text = f"{words.percent(attained)} · {words.status_word(status)}{check}"
    return Bar(label, float(attained), text, status)


def category_slide(data: ExecutionReportData, name: str, numbers: list[int]) -> Slide:
    year = data.year
    bars = tuple(attainment_bar(data, n) for n in numbers)
    counts = Counter(bar.status for bar in bars)
    sentence = words.counts_sentence(counts)
    notes = [f"Catégorie « {name} » : {sentence}."]
    notes += [f"Action {bar.label} : {bar.text}." for bar in bars]
    return Slide(
        SlideKind.CATEGORY,
        title=name,
        subtitle=f"Catégorie d'actions · {year}",
        chart=Chart(
            f"Atteinte des actions en {year}",
            ChartUnit.ATTAINMENT,
            (Series(str(year), bars),),
            reference=1.0,
            reference_label=OBJECTIVE_LINE,
        ),
        bullets=(words.sentence(sentence) + ".",),
        notes=" ".join(notes),
        file_stem=f"categorie-{name.split('.')[0].strip() or 'autre'}-{year}",
    )


def action_slide(data: ExecutionReportData, action: dict, hide_partners: bool) -> Slide:
    number, year = action["number"], data.year
    report = shown(data)
    rows = [r for r in report.rows_of(number) if r.spec.code != SPENDING_CODE]
    targeted = [r for r in rows if r.target is not None]
    untargeted = [r for r in rows if r.target is None]
    status = action_status(report, number)
    attained = report.action_attainments.get(number)
    money = next((f for f in data.finances.actions if f.action == number), None)
    subtitle = [action["category"] or NO_CATEGORY]
    partners = data.organisations.get(number, ())
    if partners and not hide_partners:
        subtitle.append("porté par " + ", ".join(partners))
    figures = (
        KeyFigure("Atteinte de l'action", words.percent(attained), status=status),
        KeyFigure(f"Part du versement {year}", fmt.money(money.allocation if money else None)),
        KeyFigure("Dépenses sur crédits AMI", fmt.money(spending(data, number))),
    )
    chart = None
    if targeted:
        bars = tuple(
            Bar(
                full(r.spec.label),
                None if r.attainment is None else float(r.attainment),
                words.indicator_line(r),
                r.status,
            )
            for r in targeted
        )
        chart = Chart(
            f"Indicateurs {year} : réalisé et cible",
            ChartUnit.ATTAINMENT,
            (Series(str(year), bars),),
            reference=1.0,
            reference_label=OBJECTIVE_LINE,
        )
    bullets = tuple(
        f"{r.spec.label} : {words.quantity(r.spec, r.value)} (suivi sans cible)" for r in untargeted
    )
    if not rows:
        bullets = ("Aucun indicateur défini pour cette action.",)
    pending = pending_of(data, number)
    if pending:
        bullets += ("À valider : " + ", ".join(pending),)
    notes = [
        f"En {year}, l'action n° {number} « {action['title']} » atteint "
        f"{words.percent(attained)} de ses objectifs ({words.status_word(status)})."
    ]
    notes += [f"{r.spec.label} : {words.indicator_line(r)}." for r in targeted]
    notes += [f"{bullet}." for bullet in bullets]
    return Slide(
        SlideKind.ACTION,
        title=f"n° {number} · {action['title']}",
        subtitle=" · ".join(subtitle),
        figures=figures,
        chart=chart,
        bullets=bullets,
        notes=" ".join(notes),
        file_stem=f"action-{number}-{year}",
    )
