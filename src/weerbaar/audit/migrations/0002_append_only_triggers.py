"""The database itself refuses UPDATE and DELETE on audit entries (defence in depth).

Someone with DDL rights can still drop the triggers; the hash chain then shows the change.
DELETE is refused only where Django's flush bypasses row triggers (TRUNCATE, on PostgreSQL):
elsewhere (SQLite) the test flush empties tables with DELETE, and a removed entry is already
caught by the chain (previous hash in the middle, the head's count at the end).
"""

from django.db import migrations

#: a trigger with an inline body (SQLite): one per event
INLINE = """CREATE TRIGGER IF NOT EXISTS audit_entry_no_{name} BEFORE {event} ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"""
#: one trigger for all events, calling a stored function (PostgreSQL)
FUNCTION = [
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql""",
    """DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry""",
    """CREATE TRIGGER audit_entry_append_only BEFORE {events} ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
]


def create_triggers(apps, schema_editor):
    features = schema_editor.connection.features
    events = ["UPDATE", "DELETE"] if features.flush_bypasses_row_triggers else ["UPDATE"]
    if features.triggers_call_functions:
        statements = [statement.format(events=" OR ".join(events)) for statement in FUNCTION]
    else:
        statements = [INLINE.format(name=event.lower(), event=event) for event in events]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.features.triggers_call_functions:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
