"""The benchmark's results in a few lines, French first, English in brackets."""

from __future__ import annotations

LABELS = {
    "dashboard_rerun": "Tableau de bord, un territoire (dashboard rerun)",
    "dashboard_rerun_data_changed": "  … après un changement des données (data changed)",
    "floor_rerun": "Page Streamlit nue équivalente (bare floor)",
    "national_rerun": "Vue nationale (national page rerun)",
    "national_rerun_data_changed": "  … après un changement des données (data changed)",
    "progress_one_territory": "progress, un territoire (one territory)",
    "progress_all_territories": "progress, tous les territoires (all territories)",
    "progress_all_territories_one_core": "  … sur un seul cœur (one core, LDA_DASH_CORES=1)",
    "import_figures_file": "Import d'un fichier de chiffres (figures file import)",
    "export_pdf": "Rapport PDF (PDF export)",
    "export_pptx": "Présentation PPTX (PPTX export)",
}
TARGET_LABELS = {
    "dashboard_over_floor": "tableau de bord / plancher à N=46 (dashboard / floor) ≤ 2",
    "dashboard_scaling": "tableau de bord N=460 / N=46 (scaling) ≤ 1,5",
    "progress_all_territories": "progress tous territoires à N=460 ≤ 1 s",
    "import_figures_file": "import de 10 000 lignes ≤ 3 s",
    "peak_memory_mb": "mémoire maximale à N=460 ≤ 600 Mo (peak memory)",
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms".replace(",", "\u202f")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def run_lines(result: dict) -> list[str]:
    p, load = result["parameters"], result["machine"]
    lines = [
        f"N = {p['territories']} territoires × {p['years']} ans, "
        f"{_thousands(result['database']['rows']['figure'])} chiffres ; médianes de "
        f"{p['repeat']} exécutions, {3 * p['repeat']} pour les pages (medians of {p['repeat']} "
        f"runs, {3 * p['repeat']} for pages) ; charge de la machine "
        f"(load average) {load['load_average_before'][0]:.1f} → {load['load_average_after'][0]:.1f}"
    ]
    for name, timing in result["timings"].items():
        cpu = f", CPU {_ms(timing['cpu_median'])}" if "cpu_median" in timing else ""
        first = f", 1re exécution {_ms(timing['first_run'])}" if "first_run" in timing else ""
        lines.append(f"  {LABELS.get(name, name)} : {_ms(timing['median'])}{cpu}{first}")
    ratios = result["ratios"]
    lines.append(
        f"  Tableau de bord / plancher (dashboard / floor) : {ratios['dashboard_over_floor']:.2f}"
        f" ; après un changement des données : {ratios['dashboard_data_changed_over_floor']:.2f}"
    )
    lines.append(f"  Mémoire maximale (peak RSS) : {result['memory']['peak_rss_mb']:.0f} Mo")
    for name in result.get("exports_missing", []):
        lines.append(f"  Export {name} : absent de exports.FORMATS, non mesuré (not measured)")
    return lines


def summary_lines(results: dict) -> list[str]:
    """One block per territory count, then the scaling and the targets when there are several."""
    if "runs" not in results:
        return run_lines(results)
    lines = []
    for result in results["runs"].values():
        lines += run_lines(result)
    scaling = results["scaling"]
    lines.append(f"Coût N={scaling['to']} / N={scaling['from']} (cost ratio) :")
    for name, ratio in scaling["cost_ratio"].items():
        lines.append(f"  {LABELS.get(name, name)} : × {ratio:.2f}")
    lines.append("Objectifs de l'issue 7 (targets) :")
    lines.append("  (horloge / CPU du processus ; wall clock / process CPU time)")
    for name, target in results["targets"].items():
        marks = "".join("✔" if target[k] else "✘" for k in ("met", "met_cpu"))
        lines.append(
            f"  {marks} {TARGET_LABELS[name]} : {target['value']:.2f} / {target['cpu_value']:.2f}"
        )
    return lines


TARGETS = {  # issue 7, "Done when": seconds unless said otherwise
    "progress_all_territories": 1.0,
    "import_figures_file": 3.0,
    "peak_memory_mb": 600,
    "dashboard_over_floor": 2.0,
    "dashboard_scaling": 1.5,
}


def compare(runs: dict[int, dict]) -> dict:
    """Several territory counts: every median of the largest over the same of the smallest."""
    small, large = min(runs), max(runs)
    scaling = {}
    for name, timing in runs[large]["timings"].items():
        base = runs[small]["timings"].get(name)
        if base and base["median"]:
            scaling[name] = timing["median"] / base["median"]
    return {
        "runs": {str(n): result for n, result in sorted(runs.items())},
        "scaling": {"from": small, "to": large, "cost_ratio": scaling},
        "targets": targets(runs, small, large),
    }


def targets(runs: dict[int, dict], small: int, large: int) -> dict:
    """Issue 7's targets against the figures measured (N=46 and N=460 when run for both)."""
    low, high = runs[small], runs[large]
    found = {}
    for kind, key in (("value", "median"), ("cpu_value", "cpu_median")):
        low_t, high_t = low["timings"], high["timings"]
        found[kind] = {
            "dashboard_over_floor": low_t["dashboard_rerun"][key] / low_t["floor_rerun"][key],
            "dashboard_scaling": high_t["dashboard_rerun"][key] / low_t["dashboard_rerun"][key],
            "progress_all_territories": high_t["progress_all_territories"][key],
            "import_figures_file": high_t["import_figures_file"][key],
            "peak_memory_mb": high["memory"]["peak_rss_mb"],
        }
    return {
        name: {
            "value": found["value"][name],
            "cpu_value": found["cpu_value"][name],
            "limit": limit,
            "met": found["value"][name] <= limit,
            "met_cpu": found["cpu_value"][name] <= limit,
        }
        for name, limit in TARGETS.items()
    }
