from django.contrib import admin

from weerbaar.core.admin import PolicyAdmin

from .models import Grant, LegalBasis, ProcessingActivity


@admin.register(LegalBasis)
class LegalBasisAdmin(PolicyAdmin):
    list_display = ["code", "title", "article"]


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(PolicyAdmin):
    list_display = ["code", "name", "legal_basis"]


@admin.register(Grant)
class GrantAdmin(PolicyAdmin):
    list_display = ["organisation", "role", "processing_activity", "valid_from", "valid_until"]
    list_filter = ["role", "processing_activity"]
