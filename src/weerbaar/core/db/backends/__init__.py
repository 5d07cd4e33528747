"""Thin subclasses of Django's backends; `settings.DATABASES` points `ENGINE` at them."""
