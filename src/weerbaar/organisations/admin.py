from django.contrib import admin

from weerbaar.core.admin import PolicyAdmin

from .models import Area, Organisation, Region


@admin.register(Organisation)
class OrganisationAdmin(PolicyAdmin):
    list_display = ["code", "name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(PolicyAdmin):
    list_display = ["code", "name"]


@admin.register(Area)
class AreaAdmin(PolicyAdmin):
    list_display = ["code", "name", "kind"]
    exclude = ["geometry"]
