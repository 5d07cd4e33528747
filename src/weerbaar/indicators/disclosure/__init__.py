"""Statistical disclosure control for published counts (what τ-ARGUS does for CBS, in small).

A table is a set of cells (area × period × category, or any hashable key) and the linear
relations between them: `total = part_1 + ... + part_n` (row and column totals, a parent area
and its children, a year and its months, a cumulative period and its last month). A relation
may carry a hidden *rest* cell (the children a source does not list): it is never published.

What must hold for a table returned by `protect`:
- primary: every count below the threshold (0 included) is suppressed, shown as "< 5";
- secondary: no suppressed cell and no rest cell below the threshold is *determined* by the
  published cells through the relations: there are two solutions of the relations that agree on
  every published cell and differ in that cell. This is checked exactly (null space of the
  relations restricted to the unpublished cells, `exposed`), not only by the "no relation with a
  single suppressed cell" rule, which is necessary but not enough in linked tables.

Left for later: bounds. An attacker who also knows that counts are non-negative and that a
"< 5" cell is below 5 may narrow a suppressed cell to an interval; the exact test here covers
totals and differences (linear combinations), an interval test needs linear programming.
"""

from .protect import Protected, determined, exposed, protect
from .table import Relation, Table, area_period_table, area_table, hierarchical, linked

__all__ = [
    "Protected",
    "Relation",
    "Table",
    "area_period_table",
    "area_table",
    "determined",
    "exposed",
    "hierarchical",
    "linked",
    "protect",
]
