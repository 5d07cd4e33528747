"""Existing entries become the first leaves of the tree, in the order they were appended.

The append-only trigger refuses UPDATE, so it is switched off for the fill and back on after
(only where there are entries to fill: a new database skips all of it)."""

from django.db import migrations

from weerbaar.audit.leaves import CHAINED_FIELDS, leaf_hash_of

SQLITE_TRIGGER = """CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"""


def fill_leaves(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    alias = schema_editor.connection.alias
    entries = AuditEntry.objects.using(alias).filter(leaf_index__isnull=True).order_by("id")
    if not entries.exists():
        return
    functions = schema_editor.connection.features.triggers_call_functions
    if functions:
        schema_editor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    batch = []
    for index, entry in enumerate(entries.iterator(chunk_size=2000)):
        entry.leaf_index = index
        entry.leaf_hash = leaf_hash_of({name: getattr(entry, name) for name in CHAINED_FIELDS}).hex()
        batch.append(entry)
        if len(batch) == 2000:
            AuditEntry.objects.using(alias).bulk_update(batch, ["leaf_index", "leaf_hash"])
            batch = []
    AuditEntry.objects.using(alias).bulk_update(batch, ["leaf_index", "leaf_hash"])
    if functions:
        schema_editor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")
    else:
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_merkle_tree_and_checkpoints")]
    operations = [migrations.RunPython(fill_leaves, migrations.RunPython.noop)]
