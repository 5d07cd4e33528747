"""Weerbaar's database backends: Django's own, with the capabilities Weerbaar's code asks about.

Code that behaves differently on SpatiaLite and PostGIS asks `connection.features.<flag>`
(see `features.WeerbaarFeatures`), never `connection.vendor`.
"""
