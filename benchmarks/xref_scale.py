"""Cross-referencing at scale (`make bench-xref-scale`): N × N Dutch synthetic persons, this matcher
and Splink, each in its own process.

    python -m benchmarks.xref_scale [--persons 1000000] [--record docs/benchmarks.md]

The exports of `benchmarks/xref_dutch.py` (seeded, 60 % of B's persons in A, B damaged) are made
once and written to a scratch file; then each tool runs in a child process of its own that reads
them and links them exactly as `make bench-xref` does. Per tool: the wall time from the columns to
the pairs (inside the child), the child's whole run and its peak memory (its maximum resident set,
from wait4), and the pairs against the truth.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import time
from pathlib import Path
from typing import Any

from benchmarks import harness, xref, xref_dutch

SIDES = {"ours": xref.ours_dutch, "splink": xref.splink_dutch}
#: the issue's memory budget for the matcher at 1,000,000 × 1,000,000
BUDGET_MB = 12 * 1024


def child(side: str, data: Path) -> None:
    """One tool on the exports in `data`: prints its pairs' quality and wall time as JSON."""
    with data.open("rb") as file:
        made: xref_dutch.Exports = pickle.load(file)  # noqa: S301 - written by this benchmark a moment ago
    truth = made.truth
    start = time.perf_counter()
    found, name = SIDES[side](made)
    wall = time.perf_counter() - start
    print(json.dumps({"name": name, "wall": wall, **xref.quality(found, truth)}), flush=True)


def measure(persons: int) -> list[dict[str, Any]]:
    """Both tools, one after the other, each in its own process on the same exports."""
    rows = []
    with harness.scratch() as directory:
        data = directory / "exports.pickle"
        with data.open("wb") as file:
            pickle.dump(xref_dutch.exports(persons), file, protocol=pickle.HIGHEST_PROTOCOL)
        env = {**os.environ, "PYTHONPATH": str(harness.REPO)}
        for side in SIDES:
            finished = harness.run(
                [harness.PY, "-m", "benchmarks.xref_scale", "--side", side, "--data", str(data)], env
            )
            result = json.loads(finished.stdout.strip().splitlines()[-1])
            rows.append({**result, "process": finished.seconds, "peak_mb": finished.peak_mb})
    return rows


def table(rows: list[dict[str, Any]], persons: int) -> str:
    lines = [
        "## Cross-referencing at scale (`make bench-xref-scale`)",
        "",
        f"Dutch synthetic, {persons:,} × {persons:,} persons ({round(persons * 0.6):,} true links; "
        f"`benchmarks/xref_dutch.py`) — {harness.today()}, {platform.python_implementation()} "
        f"{platform.python_version()}, load average {harness.load_average():.1f} at the end ({harness.machine()}). "
        "Each tool in its own process on the same exports, one after the other; wall s from the columns to the "
        "pairs, process s the whole child (reading the exports, scoring against the truth), peak MB its "
        "maximum resident set.",
        "",
        "| matcher | pairs | precision | recall | F1 | wall s | process s | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['pairs']} | {row['precision']:.4f} | {row['recall']:.4f} | {row['f1']:.4f} | "
            f"{row['wall']:.1f} | {row['process']:.1f} | {row['peak_mb']:,.0f} |"
        )
    ours, reference = rows[0], rows[-1]
    faster = "met" if ours["wall"] <= reference["wall"] else "NOT met"
    smaller = "met" if ours["peak_mb"] < BUDGET_MB else "NOT met"
    lines += [
        "",
        f"Target within Splink's time: {faster} ({ours['wall']:.1f} s against {reference['wall']:.1f} s); "
        f"under 12 GB: {smaller} ({ours['peak_mb']:,.0f} MB).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.record_argument(parser)
    parser.add_argument("--persons", type=int, default=1_000_000, help="persons per side")
    parser.add_argument("--side", choices=sorted(SIDES), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.side:
        child(args.side, args.data)
        return
    harness.report("bench-xref-scale", table(measure(args.persons), args.persons), args.record)


if __name__ == "__main__":
    main()
