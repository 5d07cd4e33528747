"""Dutch normalisation as pure functions over tables (data, no database).

One module per kind of value: `addresses`, `identifiers`, `names`, `companies`, `dates`,
`parcels`, `vehicles`, and `text` for what they share (mojibake repair, folding). Each rule is a
row of a table in its module; the tests hold one parametrised row per rule.
"""
