"""The last slides of the presentation: the year before, what is at risk, what comes next.

Everything here is deterministic text from statuses and dates, so that two people presenting the
same data say the same thing. The clawback is only ever a proposal: the Prefect decides (Article 4).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from fractions import Fraction

from lda_dash import fmt
from lda_dash.domain.deadlines import timeline
from lda_dash.domain.model import Status
from lda_dash.domain.progress_report import ProgressReport, action_status
from lda_dash.domain.reporting import missing_quarters, next_quarter_end, payment_due
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.story.basis import full
from lda_dash.story.model import Bar, Chart, ChartUnit, KeyFigure, Series, Slide, SlideKind
from lda_dash.words import values as words

PROPOSAL_ONLY = "Proposition : la décision revient au préfet (article 4 de la convention)."
MOVE_POINTS = 10  # a change of attainment worth saying out loud, in percentage points
TO_FOLLOW = {
    True: (Status.NOT_ACHIEVED, Status.PARTIALLY_ACHIEVED),  # the year is over
    False: (Status.LATE, Status.WATCH),
}


def shown(data: ExecutionReportData) -> ProgressReport:
    """The year's progress the slides show: submitted and validated figures."""
    return data.submitted_progress or data.progress


def mean_attainment(attainments: dict[int, Fraction | None]) -> Fraction | None:
    """The plain mean over the actions that have an attainment (each action counts once)."""
    known = [a for a in attainments.values() if a is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def _achieved(report: ProgressReport) -> int:
    return sum(1 for n in report.action_attainments if action_status(report, n) == Status.ACHIEVED)


def comparison_slide(data: ExecutionReportData) -> Slide | None:
    """Each action's attainment the year before and this year; none for the first year."""
    before, now = data.previous_progress, shown(data)
    if before is None:
        return None
    numbers = sorted(now.action_attainments)
    labels = {n: f"n° {n} · {full(data.titles.get(n, ''))}" for n in numbers}

    def series(report: ProgressReport) -> Series:
        bars = []
        for n in numbers:
            attained = report.action_attainments.get(n)
            value = None if attained is None else float(attained)
            bars.append(Bar(labels[n], value, words.percent(attained)))
        return Series(str(report.year), tuple(bars))

    moves = []
    for n in numbers:
        old, new = before.action_attainments.get(n), now.action_attainments.get(n)
        if old is not None and new is not None and abs(new - old) * 100 >= MOVE_POINTS:
            points = round((new - old) * 100)
            moves.append((points, f"n° {n} : {points:+d} points"))
    ups = [text for points, text in sorted(moves, reverse=True) if points > 0]
    downs = [text for points, text in sorted(moves) if points < 0]
    bullets = []
    if ups:
        bullets.append("En progrès : " + ", ".join(ups))
    if downs:
        bullets.append("En recul : " + ", ".join(downs))
    if not moves:
        bullets.append(f"Aucune action ne varie de {MOVE_POINTS} points ou plus.")
    mean_before, mean_now = (
        mean_attainment(before.action_attainments),
        mean_attainment(now.action_attainments),
    )
    figures = (
        KeyFigure(
            "Actions ayant atteint leurs objectifs",
            f"{_achieved(before)} → {_achieved(now)}",
            f"{before.year} → {now.year}",
        ),
        KeyFigure(
            "Atteinte moyenne des actions",
            f"{words.percent(mean_before)} → {words.percent(mean_now)}",
            f"{before.year} → {now.year}",
        ),
    )
    return Slide(
        SlideKind.COMPARISON,
        title=f"De {before.year} à {now.year}",
        subtitle="Atteinte de chaque action, une année après l'autre",
        figures=figures,
        chart=Chart(
            f"Atteinte des actions en {before.year} et en {now.year}",
            ChartUnit.ATTAINMENT,
            (series(before), series(now)),
            reference=1.0,
            reference_label="objectif : 100 %",
        ),
        bullets=tuple(bullets),
        notes=(
            f"Entre {before.year} et {now.year}, le nombre d'actions ayant atteint leurs "
            f"objectifs passe de {_achieved(before)} à {_achieved(now)} ; l'atteinte moyenne "
            f"passe de {words.percent(mean_before)} à {words.percent(mean_now)}. "
            + " ".join(f"{b}." for b in bullets)
        ),
        file_stem=f"comparaison-{before.year}-{now.year}",
    )


def clawback_slide(data: ExecutionReportData) -> Slide:
    """A closed year: the proposal's terms. An open year: the actions whose money is exposed."""
    year, proposal = data.year, data.proposal
    if proposal is None:
        return _exposure_slide(data)
    terms = [t for t in proposal.actions if t.objective_base > 0]
    bars = tuple(
        Bar(
            f"n° {t.action} · {full(data.titles.get(t.action, ''))}",
            float(t.objective_base),
            f"{fmt.money(t.objective_base)} · {_attainment_words(data, t)}",
        )
        for t in terms
    )
    unspent = fmt.money(proposal.unspent_base) if proposal.unspent_base is not None else "—"
    figures = (
        KeyFigure("Reversement proposé", fmt.money(proposal.proposed_total), "proposition"),
        KeyFigure("Base objectifs", fmt.money(proposal.objective_base_total)),
        KeyFigure("Base non-consommation", unspent),
    )
    bullets = [PROPOSAL_ONLY, "Calcul sur les seuls chiffres validés par la coordination."]
    rule = (
        f"Sous le seuil de {fmt.percent(proposal.threshold)} d'atteinte, chaque action compte "
        "sa part du versement multipliée par l'écart à 100 %. La base non-consommation compare "
        "les versements cumulés aux dépenses AMI validées."
    )
    if data.decision:
        bullets.insert(
            1,
            f"Décision du préfet du {fmt.day(data.decision['decided_on'])} : "
            f"{fmt.money(data.decision['decided_amount'])}.",
        )
    chart = None
    if bars:
        chart = Chart(
            f"Base objectifs par action en {year} (euros)",
            ChartUnit.EUROS,
            (Series(str(year), bars),),
        )
    return Slide(
        SlideKind.CLAWBACK,
        title=f"Reversement {year} : ce qui est en jeu",
        subtitle=f"Versement {year} : {fmt.money(proposal.payment)}",
        figures=figures,
        chart=chart,
        bullets=tuple(bullets),
        notes=(
            f"Pour {year}, le calcul de l'article 4 propose un reversement de "
            f"{fmt.money(proposal.proposed_total)} : la plus grande de la base objectifs "
            f"({fmt.money(proposal.objective_base_total)}) et de la base non-consommation "
            f"({unspent}), sans dépasser le versement. {rule} {PROPOSAL_ONLY}"
        ),
        file_stem=f"reversement-{year}",
    )


def _attainment_words(data: ExecutionReportData, term) -> str:
    """The action's attainment as every other slide and the dashboard show it; when figures
    still wait for validation, also the validated one the proposal is computed from, said so
    rather than shown as a second, contradicting attainment (issue 12)."""
    attained = shown(data).action_attainments.get(term.action)
    text = f"atteinte {words.percent(attained)}"
    if attained != term.attainment:
        text += f" (calcul sur les validés : {words.percent(term.attainment)})"
    return text


def _exposure_slide(data: ExecutionReportData) -> Slide:
    year, report = data.year, shown(data)
    allocations = {f.action: f.allocation for f in data.finances.actions}
    statuses = TO_FOLLOW[report.year_over]
    exposed = [
        (n, action_status(report, n))
        for n in report.action_attainments
        if action_status(report, n) in statuses
    ]
    bullets = [words.sentence(data.no_proposal_reason or "aucune proposition calculée") + "."]
    bullets += [
        f"n° {n} · {full(data.titles.get(n, ''))} : {words.status_word(s)}, "
        f"part du versement {fmt.money(allocations.get(n))}"
        for n, s in exposed
    ]
    if not exposed:
        bullets.append("Aucune action en retard ni à surveiller à ce jour.")
    at_stake = sum((allocations.get(n) or 0) for n, _ in exposed)
    return Slide(
        SlideKind.CLAWBACK,
        title=f"Reversement {year} : ce qui est en jeu",
        subtitle="Aucune proposition avant la fin de l'année",
        figures=(
            KeyFigure("Part du versement des actions à suivre", fmt.money(at_stake)),
            KeyFigure("Actions à suivre", str(len(exposed))),
        ),
        bullets=tuple(bullets),
        notes=" ".join(bullets) + " " + PROPOSAL_ONLY,
        file_stem=f"reversement-{year}",
    )


def next_slide(data: ExecutionReportData, hide_partners: bool) -> Slide:
    """Actions to follow, missing reports, figures awaiting validation, the next dates."""
    year, report, as_of = data.year, shown(data), data.as_of
    bullets: list[str] = []
    statuses = Counter()
    for status in TO_FOLLOW[report.year_over]:
        numbers = [n for n in report.action_attainments if action_status(report, n) == status]
        statuses[status] = len(numbers)
        if numbers:
            listed = ", ".join(f"n° {n}" for n in numbers)
            plural = words.ACTION_STATUS_WORDS[status][1]
            bullets.append(f"Actions {plural} à accompagner : {listed}")
    indicators = [(row.spec.action, row.spec.code) for row in report.rows]
    for action, gaps in missing_quarters(indicators, data.reported_quarters, year, as_of).items():
        who = "" if hide_partners else _partners(data, action)
        bullets.append(f"Action n° {action}{who} : {words.quarters(gaps, year)} non déclaré")
    if data.pending_validation:
        bullets.append(
            f"{fmt.plural(data.pending_validation, 'chiffre')} {year} "
            f"{fmt.noun(data.pending_validation, 'soumis')} "
            f"{'attend' if data.pending_validation < 2 else 'attendent'} la validation "
            "de la coordination"
        )
    bullets += deadlines(data)
    if not bullets:
        bullets.append("Rien en attente : tous les trimestres dus sont déclarés et validés.")
    return Slide(
        SlideKind.NEXT,
        title="Et maintenant ?",
        subtitle=f"Prochaines étapes au {fmt.day(as_of)}",
        bullets=tuple(bullets),
        notes=" ".join(f"{b}." for b in bullets),
        file_stem=f"prochaines-etapes-{year}",
    )


def _partners(data: ExecutionReportData, action: int) -> str:
    names = data.organisations.get(action, ())
    return f" ({', '.join(names)})" if names else ""


def deadlines(data: ExecutionReportData) -> list[str]:
    """The dates ahead: quarter end, payment and year end in an open year; Article 4 after."""
    year, as_of, c = data.year, data.as_of, data.convention
    if not data.progress.year_over:
        lines = []
        quarter_end = next_quarter_end(year, as_of)
        if quarter_end is not None and quarter_end < date(year, 12, 31):
            lines.append(f"{fmt.day(quarter_end)} : fin du trimestre, chiffres à déclarer")
        due = payment_due(year, c.get("payment_due"))
        if due is not None and as_of <= due:
            lines.append(f"{fmt.day(due)} au plus tard : versement {year} de l'État")
        lines.append(
            f"31/12/{year} : fin de l'année, puis rapport d'exécution au préfet et, le cas "
            "échéant, proposition de reversement"
        )
        return lines
    decision = data.decision
    if decision is None:
        return [
            f"Rapport d'exécution {year} au préfet, qui décide d'un éventuel reversement "
            "(article 4)"
        ]
    letter, title, paid = (decision.get(k) for k in ("letter_date", "title_date", "paid_date"))
    decided = (
        f"Décision du préfet sur le reversement {year} : {fmt.money(decision['decided_amount'])}"
    )
    if paid:
        return [decided, f"Reversement {year} payé le {fmt.day(paid)}"]
    if letter is None:
        return [decided, "Prochaine étape : lettre recommandée au président de l'EPCI"]
    _, reply, _, payment = timeline(letter, title, as_of, paid)
    step = payment if title else reply
    late = " (échéance dépassée)" if step.overdue else ""
    return [decided, f"{step.label} : {fmt.day(step.due)}{late}"]
