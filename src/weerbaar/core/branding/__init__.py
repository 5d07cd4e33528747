"""The organisation's theme: name, logo and colours as design tokens (NL Design System style),
loaded from `data/themes/<name>/theme.yaml` and chosen with `WEERBAAR_THEME`."""
