"""The benchmark harness (`benchmarks/`, outside the package): the one writer of docs/benchmarks.md,
the percentile, the feature count the viewer's floor comparison relies on, "not measured"."""

import mapbox_vector_tile
import shapely

from benchmarks import dashboard_data, harness, load, registers, viewer_floor
from weerbaar.geo.mvt import encode_layer

DOC = """# Benchmarks

Written by hand, stays.

<!-- bench-viewer:start -->
## Viewer

Analysis by hand, stays.
<!-- viewer-postgis:start -->
old postgis table
<!-- viewer-postgis:end -->
<!-- bench-viewer:end -->

<!-- bench-catalog:start -->
old catalog
<!-- bench-catalog:end -->
"""


def test_record_replaces_its_own_section_and_nothing_else(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC)
    harness.record("viewer-postgis", "new postgis table\n", doc=doc, within="bench-viewer")
    harness.record("bench-catalog", "new catalog", doc=doc)
    text = doc.read_text()
    assert "old postgis table" not in text and "old catalog" not in text
    assert "<!-- viewer-postgis:start -->\nnew postgis table\n<!-- viewer-postgis:end -->" in text
    assert "<!-- bench-catalog:start -->\nnew catalog\n<!-- bench-catalog:end -->" in text
    assert "Written by hand, stays." in text and "Analysis by hand, stays." in text
    assert text.count(":start -->") == 3


def test_record_puts_a_new_section_at_the_end_of_its_parent_or_of_the_file(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(DOC)
    harness.record("viewer-spatialite", "spatialite table", doc=doc, within="bench-viewer")
    harness.record("bench-signals", "signals", doc=doc)
    text = doc.read_text()
    spatialite = text.index("<!-- viewer-spatialite:start -->")
    assert text.index("<!-- viewer-postgis:end -->") < spatialite < text.index("<!-- bench-viewer:end -->")
    assert text.rstrip().endswith("<!-- bench-signals:start -->\nsignals\n<!-- bench-signals:end -->")
    fresh = tmp_path / "new.md"
    harness.record("bench-catalog", "catalog", doc=fresh)
    assert fresh.read_text().startswith("# Benchmarks\n")


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(20, 0, -1)]
    assert harness.percentile(values, 0.5) == 10
    assert harness.percentile(values, 0.95) == 19
    assert harness.percentile(values, 1.0) == 20
    assert harness.percentile([7.0], 0.95) == 7
    assert harness.percentile([], 0.5) is None
    assert harness.latency([]) == {"n": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}


def test_feature_count_of_a_tile_is_what_a_decoder_finds():
    squares = [shapely.box(10 * i, 10, 10 * i + 5, 15) for i in range(30)]
    tile = encode_layer("brk-percelen", squares, [{"id": str(i), "n": i} for i in range(30)])
    decoded = mapbox_vector_tile.decode(tile)["brk-percelen"]["features"]
    assert viewer_floor.feature_count(tile) == len(decoded) == 30
    assert viewer_floor.feature_count(b"") == 0


def test_lookups_without_persons_are_not_measured_rather_than_zero():
    lookups = {
        "exact_address_p50": 1.25,
        "exact_address_p95": 2.5,
        "fuzzy_name_p50": None,
        "fuzzy_name_p95": None,
        "fuzzy_name_recall": None,
        "fuzzy_name_recall_met_geboortedatum": None,
        "fuzzy_name_recall_alleen_naam": None,
        "fuzzy_name_misses_namesakes": None,
        "fuzzy_name_misses_other": None,
        "n_exact": 10,
        "n_fuzzy": 0,
        "limit": 20,
    }
    text = "\n".join(registers.lookups_table(lookups))
    assert "| 10 | 1.25 / **2.5** |" in text
    assert "| 0 | not measured / **not measured** |" in text
    assert "Fuzzy recall: not measured" in text
    assert "0.0" not in text and "0 %" not in text


def test_load_counts_only_unanswered_requests_right_after_the_kill_as_the_kills():
    """A request the killed worker held fails without an HTTP answer in the seconds after the kill;
    an HTTP error status, or a dropped connection later on, stays an error against the target."""
    kill = {"at": 1000.0}
    reset = "ConnectionResetError(104, 'Connection reset by peer')"
    failures = [
        [1000.5, "page", reset, 0],  # in flight at the kill: no answer
        [1000.5, "page", "LocustBadStatusCode(code=500)", 500],  # an answer, and a wrong one
        [1000.0 + load.KILL_WINDOW_S + 1, "page", reset, 0],  # long after the kill
        [999.0, "page", reset, 0],  # before it
    ]
    row = load.row("page", [10.0, 20.0, 30.0, 40.0], failures, seconds=2.0, kill=kill)
    assert (row["at_kill"], row["errors"]) == (1, 3)
    assert (row["requests"], row["rps"], row["p50"], row["max"]) == (4, 2.0, 20.0, 40.0)


def test_the_dashboard_data_set_has_valid_cbs_codes_and_parents_that_add_up():
    """The fictitious set of `make bench-dashboard`: the 25 Overijssel municipalities among unique
    GM codes, wijk and buurt codes that the indicators app accepts and whose CBS parent is the
    one they were generated under, and every wijk and municipality the sum of its children."""
    from weerbaar.indicators.models import AREA_CODE, parent_area

    geo = dashboard_data.geography(40)
    assert len(set(geo.municipalities)) == 40 and set(dashboard_data.OVERIJSSEL) <= set(geo.municipalities)
    for code in geo.municipalities:
        assert AREA_CODE.match(code)
        for wijk in geo.wijken[code]:
            assert AREA_CODE.match(wijk) and parent_area(wijk) == code
            for buurt in geo.buurten[wijk]:
                assert AREA_CODE.match(buurt) and parent_area(buurt) == wijk
    assert len(dashboard_data.SPECS) == 20 and len({s.key for s in dashboard_data.SPECS}) == 20
    police = next(s for s in dashboard_data.SPECS if s.levels == "BU")
    rows = list(dashboard_data.values(police, geo, dashboard_data.months(2)))
    assert rows == list(dashboard_data.values(police, geo, dashboard_data.months(2)))  # seeded
    value = {(code, start): v for code, start, _end, v, _count in rows}
    for (code, start), v in value.items():
        children = geo.wijken.get(code) or geo.buurten.get(code)
        if children:
            assert v == sum(value[(child, start)] for child in children)
    assert any(v < police.threshold for v in value.values())  # small counts to suppress
