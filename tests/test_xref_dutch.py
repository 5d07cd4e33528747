"""The Dutch synthetic linkage set of `make bench-xref`: its truth is right and its damage is there."""

from benchmarks.xref_dutch import COLUMNS, DAMAGES, exports


def test_truth_pairs_share_the_hidden_person_and_number_the_overlap():
    made = exports(3000, overlap=0.6, seed=5)
    left_person = dict(zip(made.left["id"], made.left_person, strict=True))
    right_person = dict(zip(made.right["id"], made.right_person, strict=True))
    assert len(made.truth) == 1800
    assert all(left_person[a] == right_person[b] for a, b in made.truth)
    in_truth = {b for _, b in made.truth}
    assert not set(left_person.values()) & {p for b, p in right_person.items() if b not in in_truth}


def test_every_damage_of_item_2_occurs_and_about_a_quarter_of_rows_is_undamaged():
    made = exports(3000, seed=5)
    assert set(made.damage_counts()) == set(DAMAGES)
    undamaged = [j for j, kinds in enumerate(made.damages) if not kinds]
    assert 0.15 < len(undamaged) / 3000 < 0.35
    assert set(made.left) == set(made.right) == set(COLUMNS)


def test_the_same_seed_gives_the_same_exports():
    assert exports(500, seed=9).right == exports(500, seed=9).right
    assert exports(500, seed=9).right != exports(500, seed=10).right
