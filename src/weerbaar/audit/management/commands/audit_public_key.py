from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.audit.keys import verifier_key


class Command(BaseCommand):
    help = "Print the audit log's published verifier key (signed-note format) and its fingerprint."

    def handle(self, *args: Any, **options: Any) -> None:
        key = verifier_key()
        self.stdout.write(str(key))
        self.stdout.write(f"fingerprint {key.fingerprint}")
