"""Pages for signals and cases. Thin: each builds the processing context once and hands it to the
selectors (reads, audited there) and services (writes); access is never only in a template."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.subjects import kinds_in_order
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.context import request_context
from weerbaar.privacy.models import LegalBasis

from . import selectors, services, workflow
from .forms import (
    ADD_SUBJECT,
    AgendaForm,
    AssignForm,
    AttachmentForm,
    CommentForm,
    EvaluationForm,
    InterventionForm,
    InterventionResultForm,
    SignalForm,
    SubjectForm,
    TeamForm,
    TransitionForm,
    subject_formset,
    suggested_kinds,
    with_another_subject,
)
from .keys import address_key, subject_key
from .mapsvg import region_svg
from .models import Bottleneck, Case, DisclosureRequest, Signal
from .policies import is_worker
from .timeline import time_axis
from .workflow import RIEC, State


def worker_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (else to the login page), then a worker role with an organisation (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_worker(request_context(request)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@worker_required
@require_GET
def signal_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    scope = request.GET.get("scope", "all")
    scope = scope if scope in {"all", "mine", "assigned"} else "all"
    state = request.GET.get("status", "")
    state = state if state in State.values else ""
    return render(
        request,
        "signals/list.html",
        {
            "signals": selectors.signal_list(ctx=ctx, scope=scope, state=state, limit=200),
            "scope": scope,
            "state": state,
            "states": State.choices,
            "unread": selectors.unread_notifications(ctx=ctx),
            "can_create": policy_for(Signal).can_create(ctx),
        },
    )


@worker_required
def signal_create_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not policy_for(Signal).can_create(ctx):
        raise PermissionDenied
    form = SignalForm(request.POST or None, initial={"received_on": timezone.localdate()})
    subjects = subject_formset(ctx, request.POST or None)
    found = None
    if request.method == "POST" and ADD_SUBJECT in request.POST:
        form, subjects = with_another_subject(ctx, form, subjects)
    elif request.method == "POST" and all([form.is_valid(), subjects.is_valid()]):
        data = form.cleaned_data
        data["subjects"] = subjects.subjects()
        keys = [
            subject_key(s["kind"], s["identifier"], s["name"], s.get("birth_date")) for s in data["subjects"]
        ]
        found = selectors.duplicates(ctx=ctx, subject_keys=keys, address_key=address_key(data["address"]))
        if found.hit and not data["confirm"]:
            form.data = form.data.copy()
            form.data["confirm"] = "True"
            messages.warning(
                request,
                _("Er zijn al signalen over dit onderwerp of adres. Controleer ze en sla opnieuw op."),
            )
        else:
            geometry = data.pop("geometry")
            data["point" if geometry is not None and geometry.geom_type == "Point" else "area"] = geometry
            try:
                signal = services.signal_create(
                    ctx=ctx,
                    data=data,
                    subjects=data["subjects"],
                    assigned_organisation=data["assigned_organisation"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Signaal %(n)s is geregistreerd.") % {"n": signal.number})
                return redirect("signals:detail", signal.pk)
    return render(
        request,
        "signals/form.html",
        {
            "form": form,
            "subjects": subjects,
            "add_subject": ADD_SUBJECT,
            "duplicates": found,
            "region_map": region_svg(),
        },
    )


def _ended_from(timeline: list) -> str:
    """The state a signal was in when it was ended without follow-up (its stepper shows the path up
    to there), or "" when it never was."""
    ended = [e.from_state for e in timeline if e.to_state == State.GEEN_VERVOLG]
    return ended[-1] if ended else ""


@worker_required
@require_GET
def signal_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    detail = selectors.signal_detail(ctx=ctx, pk=pk)
    signal, case = detail.signal, detail.case
    context = {
        "signal": signal,
        "subjects": detail.subjects,
        "duplicates": detail.duplicates,
        "enrichment": detail.enrichment.run,
        "facts": detail.enrichment.facts,
        "stale": detail.enrichment.stale,
        "steps": workflow.steps(signal.state, furthest=_ended_from(detail.timeline)),
        "transitions": [
            {
                "target": t.target,
                "label": State(t.target).label,
                "reason_required": t.reason_required,
                "primary": t.target == workflow.primary_target(signal.state),
            }
            for t in services.available_transitions(ctx, signal)
        ],
        # nothing to do here for this reader: say whose turn it is
        "waiting_for": workflow.next_step_by(signal.state),
        "comments": detail.comments,
        "attachments": detail.attachments,
        "documents": len(detail.comments) + len(detail.attachments),
        "timeline": detail.timeline,
        "case": case,
        "members": detail.members,
        "interventions": detail.interventions,
        "evaluation": detail.evaluation,
        "can_change": detail.can_change,
        "is_riec": RIEC in detail.scopes,
        "forms": {
            "subject": SubjectForm(auto_id="subject_%s", suggesting=suggested_kinds(ctx)),
            "comment": CommentForm(auto_id="comment_%s"),
            "attachment": AttachmentForm(auto_id="attachment_%s"),
            "assign": AssignForm(auto_id="assign_%s"),
        },
    }
    return render(request, "signals/detail.html", context)


def _evaluation_initial(evaluation: Any) -> dict[str, Any]:
    if evaluation is None:
        return {}
    return {k: getattr(evaluation, k) for k in ("effect", "what_worked", "bottlenecks", "lessons")}


def _require_valid(form: Any, message: str = "") -> None:
    """An invalid form as a ValidationError (its own errors, or `message`), for the actions below."""
    if not form.is_valid():
        raise ValidationError(message or form.errors.as_text())


def _back(viewname: str, pk: int, tab: str) -> HttpResponse:
    """Back to the page, on the tab (section) where the action was taken."""
    return redirect(reverse(viewname, args=[pk]) + (f"#{tab}" if tab else ""))


def _post_action(
    request: HttpRequest, pk: int, action: Callable[[ProcessingContext, Signal], Any], *, tab: str = ""
) -> HttpResponse:
    """Run `action(ctx, signal)` on a visible signal; a ValidationError becomes messages. Back to it."""
    ctx = request_context(request)
    signal = selectors.signal_get(ctx=ctx, pk=pk)
    try:
        action(ctx, signal)
    except ValidationError as exc:
        _errors(request, exc)
    return _back("signals:detail", signal.pk, tab)


def _case_action(
    request: HttpRequest, pk: int, action: Callable[[ProcessingContext, Case], Any], *, tab: str
) -> HttpResponse:
    """Run `action(ctx, case)` on a visible case; a ValidationError becomes messages. Back to the
    case page, which holds the case's team, interventions and evaluation."""
    ctx = request_context(request)
    read = selectors.case_get(ctx=ctx, pk=pk)
    try:
        action(ctx, read.case)
    except ValidationError as exc:
        _errors(request, exc)
    return _back("signals:case", read.case.pk, tab)


@worker_required
@require_POST
def signal_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = TransitionForm(request.POST)
    form.is_valid()

    def act(ctx: ProcessingContext, signal: Signal) -> None:
        services.signal_transition(
            ctx=ctx,
            signal=signal,
            to=form.cleaned_data.get("to", ""),
            reason=form.cleaned_data.get("reason", ""),
        )
        messages.success(request, _("De status is gewijzigd."))

    return _post_action(request, pk, act)


@worker_required
@require_POST
def comment_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = CommentForm(request.POST)
    form.is_valid()

    def act(ctx: ProcessingContext, signal: Signal) -> None:
        services.comment_add(ctx=ctx, signal=signal, text=form.cleaned_data.get("text", ""))
        messages.success(request, _("De opmerking is geplaatst."))

    return _post_action(request, pk, act, tab="opmerkingen")


@worker_required
@require_POST
def subject_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = SubjectForm(request.POST)

    def act(ctx: ProcessingContext, signal: Signal) -> None:
        _require_valid(form)
        services.subject_add(ctx=ctx, signal=signal, **form.cleaned_data)
        messages.success(request, _("Het onderwerp is toegevoegd."))

    return _post_action(request, pk, act, tab="onderwerpen")


@worker_required
@require_POST
def subject_share_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a subject (not) shareable with cross-border partners: what a PDF summary may name."""
    ctx = request_context(request)
    subject = selectors.subject_get(ctx=ctx, pk=pk)
    shareable = request.POST.get("shareable") == "1"
    services.subject_set_shareable(ctx=ctx, subject=subject, shareable=shareable)
    if shareable:
        messages.success(request, _("Het onderwerp is deelbaar met grenspartners."))
    else:
        messages.success(request, _("Het onderwerp wordt niet meer met grenspartners gedeeld."))
    return _back("signals:detail", subject.signal_id, "onderwerpen")


@worker_required
@require_POST
def attachment_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)

    def act(ctx: ProcessingContext, signal: Signal) -> None:
        _require_valid(form, _("Kies een bestand."))
        services.attachment_add(ctx=ctx, signal=signal, upload=form.cleaned_data["file"])
        messages.success(request, _("De bijlage is toegevoegd."))

    return _post_action(request, pk, act, tab="opmerkingen")


@worker_required
@require_GET
def attachment_view(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get(ctx=request_context(request), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@worker_required
@require_POST
def enrich_view(request: HttpRequest, pk: int) -> HttpResponse:
    def act(ctx: ProcessingContext, signal: Signal) -> None:
        run = services.enrich(ctx=ctx, signal=signal)
        messages.success(request, _("Verrijkt: %(n)s feiten.") % {"n": len(run.facts)})

    return _post_action(request, pk, act, tab="verrijking")


@worker_required
@require_POST
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AssignForm(request.POST)

    def act(ctx: ProcessingContext, signal: Signal) -> None:
        _require_valid(form, _("Kies een organisatie."))
        services.signal_assign(
            ctx=ctx,
            signal=signal,
            organisation=form.cleaned_data["organisation"],
            person=form.cleaned_data.get("person"),
        )
        messages.success(
            request,
            _("Het signaal is toegewezen aan %(org)s.") % {"org": form.cleaned_data["organisation"].name},
        )

    return _post_action(request, pk, act)


@worker_required
@require_POST
def team_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = TeamForm(request.POST)

    def act(ctx: ProcessingContext, case: Case) -> None:
        _require_valid(form, _("Kies een organisatie."))
        services.case_team_add(
            ctx=ctx,
            case=case,
            organisation=form.cleaned_data["organisation"],
            legal_basis=form.cleaned_data.get("legal_basis"),
        )
        messages.success(
            request,
            _("%(org)s is aan het casusteam toegevoegd.") % {"org": form.cleaned_data["organisation"].name},
        )

    return _case_action(request, pk, act, tab="team")


@worker_required
@require_POST
def intervention_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def act(ctx: ProcessingContext, case: Case) -> None:
        form = InterventionForm(request.POST, case=case)
        _require_valid(form)
        services.intervention_add(ctx=ctx, case=case, data=form.cleaned_data)
        messages.success(request, _("De interventie is vastgelegd."))

    return _case_action(request, pk, act, tab="interventies")


@worker_required
@require_POST
def intervention_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = selectors.intervention_get(ctx=request_context(request), pk=pk)
    form = InterventionResultForm(request.POST)

    def act(ctx: ProcessingContext, _case: Case) -> None:
        _require_valid(form)
        services.intervention_update(ctx=ctx, intervention=intervention, data=form.cleaned_data)
        messages.success(request, _("Het resultaat van de interventie is opgeslagen."))

    return _case_action(request, intervention.case_id, act, tab="interventies")


@worker_required
@require_POST
def evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = EvaluationForm(request.POST)

    def act(ctx: ProcessingContext, case: Case) -> None:
        _require_valid(form, _("Vul effect, wat werkte en lessen in."))
        services.evaluation_save(ctx=ctx, case=case, data=form.cleaned_data)
        messages.success(request, _("De evaluatie is opgeslagen."))

    return _case_action(request, pk, act, tab="evaluatie")


@worker_required
@require_GET
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's network (link chart, expanded one step at a time) and its timeline of dated facts."""
    ctx = request_context(request)
    read = selectors.case_overview(ctx=ctx, pk=pk)
    axis = time_axis(
        [(timezone.localdate(at), f"{number}: {_event_text(e)}") for at, number, e in read.events]
    )
    signal, case = read.signal, read.case
    return render(
        request,
        "signals/case.html",
        {
            "case": case,
            "signal": signal,
            "signals": read.signals,
            "events": read.events,
            "axis": axis,
            "network_kinds": [{"kind": k.name, "label": str(k.label)} for k in kinds_in_order()],
            "steps": workflow.steps(signal.state),
            "members": read.members,
            "interventions": read.interventions,
            "open_interventions": [i for i in read.interventions if not i.result.strip()],
            # who records an outcome (the service decides; this spares others a form it refuses)
            "recordable": {
                i.pk
                for i in read.interventions
                if read.can_change
                and ctx.organisation_id in (i.executing_organisation_id, read.case.lead_organisation_id)
            },
            "evaluation": read.evaluation,
            "can_change": read.can_change,
            "is_riec": RIEC in read.scopes,
            "forms": {
                "team": TeamForm(auto_id="team_%s"),
                "intervention": InterventionForm(case=case, auto_id="intervention_%s"),
                "evaluation": EvaluationForm(
                    initial=_evaluation_initial(read.evaluation), auto_id="evaluation_%s"
                ),
            },
            "show_evaluation_form": signal.state == State.EVALUATIE,
            "show_intervention_form": signal.state in services.INTERVENTION_STATES,
        },
    )


def _event_text(event: Any) -> str:
    """One line for a marker's title on the time axis (the list below says the same in full)."""
    if isinstance(event, dict):
        return f"{event['intervention'].get_kind_display()} ({event['label']})"
    if event.to_state:
        return f"{event.get_kind_display()} → {event.to_label}"
    return str(event.get_kind_display())


@worker_required
@require_GET
def case_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request, origin=Origin.EXPORT)
    case = selectors.case_get(ctx=ctx, pk=pk).case
    language = request.GET.get("taal", "nl")
    if language not in ("nl", "de"):
        language = "nl"
    with translation.override(language):
        pdf = services.case_summary_export(ctx=ctx, case=case, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.number}-{language}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@worker_required
@require_GET
def notifications_view(request: HttpRequest) -> HttpResponse:
    items = selectors.notifications_for(ctx=request_context(request), limit=100)
    return render(request, "signals/notifications.html", {"items": items})


@worker_required
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(ctx=request_context(request))
    return redirect("signals:notifications")


@worker_required
@require_GET
def bottleneck_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    items = selectors.bottleneck_list(ctx=ctx, limit=300)
    can_agenda = bool(items) and policy_for(Bottleneck).can_change(ctx, items[0])
    return render(
        request, "signals/bottlenecks.html", {"items": items, "form": AgendaForm(), "can_agenda": can_agenda}
    )


@worker_required
@require_POST
def bottleneck_agenda_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    bottleneck = selectors.bottleneck_get(ctx=ctx, pk=pk)
    form = AgendaForm(request.POST)
    try:
        form.is_valid()
        bottleneck = services.bottleneck_put_on_agenda(
            ctx=ctx, bottleneck=bottleneck, platform=form.cleaned_data.get("platform", "")
        )
        messages.success(
            request,
            _("Het knelpunt staat op de agenda van het %(platform)s.")
            % {"platform": bottleneck.get_platform_display()},
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("signals:bottlenecks")


@worker_required
@require_POST
def disclosure_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    def act(ctx: ProcessingContext, signal: Signal) -> None:
        holder = Organisation.objects.filter(code=request.POST.get("holder", "")).first()
        if holder is None:
            raise ValidationError(_("Kies een organisatie."))
        services.disclosure_request(
            ctx=ctx, signal=signal, holder=holder, purpose=request.POST.get("purpose", "")
        )
        messages.success(request, _("De aanvraag is verstuurd naar %(holder)s.") % {"holder": holder.name})

    return _post_action(request, pk, act)


@worker_required
@require_GET
def disclosure_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    items = selectors.disclosure_list(ctx=ctx)
    incoming = [i for i in items if i.holder_id == ctx.organisation_id]
    outgoing = [i for i in items if i.requesting_organisation_id == ctx.organisation_id]
    can_decide = {i.pk for i in incoming if policy_for(DisclosureRequest).can_change(ctx, i)}
    labels = selectors.disclosure_key_labels(ctx=ctx, items=items)
    for item in items:
        item.key_labels = [labels[key] for key in item.keys]  # type: ignore[attr-defined]
    return render(
        request,
        "signals/disclosures.html",
        {
            "incoming": incoming,
            "outgoing": outgoing,
            "can_decide": can_decide,
            "bases": LegalBasis.objects.all(),
        },
    )


@worker_required
@require_POST
def disclosure_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    item = selectors.disclosure_get(ctx=ctx, pk=pk)
    basis = LegalBasis.objects.filter(pk=request.POST.get("legal_basis") or None).first()
    try:
        services.disclosure_decide(
            ctx=ctx,
            item=item,
            grant=request.POST.get("decision") == "grant",
            legal_basis=basis,
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Het besluit is vastgelegd."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("signals:disclosures")
