"""The themes of the Samenwerkingsagenda aanpak ondermijning (15 March 2021) and their sub-topics.

The table keeps its first name (`catalog_theme`): the model moved here from the catalog so that
the catalog and the contact directory both depend on it instead of on each other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.i18n import translated


class Theme(models.Model):
    """One of the collaboration agenda's five themes, or a sub-topic of one (`parent`)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subtopics"
    )
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=200)
    name_de = models.CharField(_("naam (Duits)"), max_length=200, blank=True)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "catalog_theme"
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")
