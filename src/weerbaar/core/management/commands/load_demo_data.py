from django.core.management.base import BaseCommand

from weerbaar.core.demo import demo_loaders


class Command(BaseCommand):
    help = "Load the demo data of every capability (idempotent): accounts, catalog, registers, ..."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="names of the loaders to run")

    def handle(self, *args, only=None, **options):
        for name, loader in demo_loaders.items():
            if only and name not in only:
                continue
            self.stdout.write(f"[{name}]")
            loader(self.stdout)
