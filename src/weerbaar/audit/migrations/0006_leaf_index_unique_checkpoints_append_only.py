"""Every entry has its leaf; checkpoints are append-only in the database as entries are.

On SQLite, adding and altering columns rebuilds the table, which drops its triggers: the
triggers of 0002 are created again here (idempotently)."""

from django.db import migrations, models

ENTRY_INLINE = """CREATE TRIGGER IF NOT EXISTS audit_entry_no_{name} BEFORE {event} ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"""

INLINE = """CREATE TRIGGER IF NOT EXISTS audit_checkpoint_no_{name} BEFORE {event} ON audit_signedcheckpoint
       BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END"""
FUNCTION = [
    """CREATE OR REPLACE FUNCTION audit_checkpoint_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'checkpoints are append-only'; END; $$ LANGUAGE plpgsql""",
    """DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_signedcheckpoint""",
    """CREATE TRIGGER audit_checkpoint_append_only BEFORE {events} ON audit_signedcheckpoint
       FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only()""",
]


def create_triggers(apps, schema_editor):
    # as 0002 for entries: DELETE is refused only where the test flush truncates
    features = schema_editor.connection.features
    events = ["UPDATE", "DELETE"] if features.flush_bypasses_row_triggers else ["UPDATE"]
    if features.triggers_call_functions:
        statements = [statement.format(events=" OR ".join(events)) for statement in FUNCTION]
    else:
        statements = [INLINE.format(name=event.lower(), event=event) for event in events]
        statements += [ENTRY_INLINE.format(name=event.lower(), event=event) for event in events]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.features.triggers_call_functions:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_signedcheckpoint")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_checkpoint_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_checkpoint_no_delete")


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_leaves_of_existing_entries")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="leaf_index",
            field=models.BigIntegerField(unique=True),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
