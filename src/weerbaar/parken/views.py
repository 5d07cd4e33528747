"""Pages of the holiday-park register: thin — build the context, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import request_context

from .models import Outcome, Step, Typology
from .selectors import municipalities_with_parks, park_list, park_profile, trajectory_board, trajectory_get
from .services import trajectory_move
from .vitality import indicator_set

#: the 2×2 quadrant, drawn as a table: rows outlook high → low, columns quality low → high
QUADRANT = ((Typology.KANSRIJK, Typology.VITAAL), (Typology.NIET_VITAAL, Typology.KWETSBAAR))


@login_required
def park_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    municipality = request.GET.get("gemeente", "")
    typology = request.GET.get("typologie", "")
    parks = park_list(ctx=ctx, municipality=municipality, typology=typology)
    return render(
        request,
        "parken/list.html",
        {
            "parks": parks,
            "municipalities": municipalities_with_parks(ctx=ctx),
            "typologies": Typology.choices,
            "municipality": municipality,
            "typology": typology,
        },
    )


@login_required
def park_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    profile = park_profile(ctx=ctx, pk=pk)
    if profile is None:
        raise Http404
    typology = profile.assessment.typology if profile.assessment else ""
    return render(
        request,
        "parken/detail.html",
        {
            "profile": profile,
            "park": profile.park,
            "quadrant": [[(t, Typology(t).label, t == typology) for t in row] for row in QUADRANT],
            "steps": Step.choices,
            "outcomes": [c for c in Outcome.choices if c[0]],
        },
    )


@login_required
def trajectory_board_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    board = trajectory_board(ctx=ctx)
    columns = [(step, Step(step).label, rows) for step, rows in board.items()]
    return render(request, "parken/trajectories.html", {"columns": columns})


@login_required
@require_POST
def trajectory_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    trajectory = trajectory_get(ctx=ctx, pk=pk)
    if trajectory is None:
        raise Http404
    try:
        trajectory_move(
            ctx=ctx,
            trajectory=trajectory,
            to_step=request.POST.get("stap", ""),
            note=request.POST.get("toelichting", ""),
            outcome=request.POST.get("uitkomst", ""),
        )
        messages.success(request, _("De stap is vastgelegd."))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("parken:detail", trajectory.park_id)


def algorithm_view(request: HttpRequest) -> HttpResponse:
    """The indicator set in the format of the Algoritmeregister; public, as that register is."""
    return render(request, "parken/algorithm.html", {"indicator_set": indicator_set()})
