"""Weerbaar: the shared information platform for the integrated approach to ondermijning."""
