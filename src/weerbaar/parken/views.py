"""Pages of the holiday-park register: thin — build the context, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import policy_for, require_partner
from weerbaar.privacy.context import request_context

from .forms import AssessmentForm, TrajectoryStartForm
from .models import Outcome, Park, Step, Trajectory, Typology
from .selectors import (
    municipalities,
    municipalities_with_parks,
    park_get,
    park_list,
    park_profile,
    trajectory_board,
    trajectory_get,
)
from .services import assessment_record, trajectory_move, trajectory_start
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


def _municipality_choices(ctx: ProcessingContext) -> list[tuple[str, str]]:
    return [(m.code, m.name) for m in municipalities(ctx=ctx)]


def _detail(
    request: HttpRequest,
    ctx: ProcessingContext,
    pk: int,
    *,
    assessment_form: AssessmentForm | None = None,
    trajectory_form: TrajectoryStartForm | None = None,
    status: int = 200,
) -> HttpResponse:
    profile = park_profile(ctx=ctx, pk=pk)
    if profile is None:
        raise Http404
    park = profile.park
    typology = profile.assessment.typology if profile.assessment else ""
    # the forms are offered to who may use them; the services decide again on submit
    may_assess = ctx.has_role(Role.PROVINCIAAL_ADVISEUR) and policy_for(Park).can_change(ctx, park)
    may_start = policy_for(Trajectory).can_create(ctx) and not any(
        row.trajectory.step != Step.AFGEROND for row in profile.trajectories
    )
    return render(
        request,
        "parken/detail.html",
        {
            "profile": profile,
            "park": park,
            "quadrant": [[(t, Typology(t).label, t == typology) for t in row] for row in QUADRANT],
            "steps": Step.choices,
            "outcomes": [c for c in Outcome.choices if c[0]],
            "assessment_form": assessment_form or (AssessmentForm() if may_assess else None),
            "trajectory_form": trajectory_form
            or (
                TrajectoryStartForm(
                    municipalities=_municipality_choices(ctx),
                    initial={"municipality_code": park.municipality_code},
                )
                if may_start
                else None
            ),
        },
        status=status,
    )


@login_required
def park_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    return _detail(request, ctx, pk)


@login_required
@require_POST
def assessment_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    park = park_get(ctx=ctx, pk=pk)
    if park is None:
        raise Http404
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            assessment_record(ctx=ctx, park=park, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vitaliteitsbeoordeling is vastgelegd."))
            return redirect("parken:detail", park.pk)
    return _detail(request, ctx, pk, assessment_form=form, status=400)


@login_required
@require_POST
def trajectory_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    park = park_get(ctx=ctx, pk=pk)
    if park is None:
        raise Http404
    form = TrajectoryStartForm(request.POST, municipalities=_municipality_choices(ctx))
    if form.is_valid():
        try:
            trajectory_start(ctx=ctx, park=park, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het traject is gestart."))
            return redirect("parken:detail", park.pk)
    return _detail(request, ctx, pk, trajectory_form=form, status=400)


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
