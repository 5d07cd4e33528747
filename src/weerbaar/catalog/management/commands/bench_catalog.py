from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from weerbaar.catalog.benchmark import (
    generate,
    measure,
    measure_change,
    measure_page,
    record,
    reindex,
    table,
)
from weerbaar.catalog.starter import load_starter
from weerbaar.core.access import Role
from weerbaar.core.context import Origin
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.context import command_context, context_for_user


class Command(BaseCommand):
    help = (
        "Benchmark catalog search over generated factsheets; run on a scratch database (make bench-catalog)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=5000)
        parser.add_argument("--repeats", type=int, default=20)
        parser.add_argument("--record", dest="record_to", help="markdown file for this benchmark's section")

    def handle(self, *args, count, repeats, record_to=None, **options):
        from weerbaar.accounts.models import User

        load_starter(ctx=command_context(command="bench_catalog"))
        total = generate(count)
        build = reindex()
        user = User.objects.filter(username="bench-analist").first() or make_user(
            Role.GEMEENTELIJK_ANALIST, "GM0193", username="bench-analist"
        )
        ctx = context_for_user(user, origin=Origin.PAGE, second_factor=True)
        rows = measure(ctx, repeats=repeats)
        client = Client(SERVER_NAME="localhost")
        login_verified(client, user)
        rows.append(measure_page(client))
        rows += measure_change(ctx, repeats=repeats)
        text = table(total, build, rows, database=connection.display_name)
        self.stdout.write(text)
        if record_to:
            path = Path(record_to)
            path = path if path.is_absolute() else Path(settings.BASE_DIR) / path
            record(path, text)
            self.stdout.write(f"recorded in {path}")
