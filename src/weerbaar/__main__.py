"""The `weerbaar` console command: Django's management commands with the project settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["weerbaar", *sys.argv[1:]])


if __name__ == "__main__":
    main()
