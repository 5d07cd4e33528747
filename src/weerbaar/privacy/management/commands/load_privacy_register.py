from django.core.management.base import BaseCommand

from weerbaar.privacy.services import register_load


class Command(BaseCommand):
    help = "Load the register of processing activities and their legal bases."

    def handle(self, *args, **options):
        bases, activities = register_load()
        self.stdout.write(self.style.SUCCESS(f"{bases} legal bases, {activities} processing activities"))
