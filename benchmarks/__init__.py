"""Weerbaar's benchmarks (`make bench-*`): not part of the package, never a timed test.

Run from the repository root as `python -m benchmarks.<name>` (`registers`, `viewer`, `catalog`,
`signals`); `benchmarks.harness` starts the server as `make run` serves it, drives concurrent
clients, computes percentiles, runs the reference tools and writes `docs/benchmarks.md`.
"""
