"""Pages for signals and cases. Thin: access in selectors and services, never only in templates."""

from __future__ import annotations

from datetime import datetime, time
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.core.policies import policy_for

from . import enrichment, services
from .forms import (
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
)
from .keys import address_key, subject_key
from .models import Bottleneck, Case, Intervention, Signal
from .policies import is_worker, scopes_of
from .selectors import (
    attachment_get,
    bottleneck_list,
    case_get,
    disclosure_get,
    disclosure_list,
    duplicates,
    notifications_for,
    signal_get,
    signal_list,
    subject_get,
    subject_list,
)
from .workflow import RIEC, State


def worker_required(view):
    """Logged in (else to the login page), then a worker role with an organisation (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not is_worker(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@worker_required
@require_GET
def signal_list_view(request: HttpRequest) -> HttpResponse:
    scope = request.GET.get("scope", "all")
    scope = scope if scope in {"all", "mine", "assigned"} else "all"
    state = request.GET.get("status", "")
    state = state if state in State.values else ""
    signals = list(signal_list(user=request.user, scope=scope, state=state, request=request)[:200])
    return render(
        request,
        "signals/list.html",
        {
            "signals": signals,
            "scope": scope,
            "state": state,
            "states": State.choices,
            "unread": notifications_for(user=request.user, unread_only=True).count(),
            "can_create": policy_for(Signal).can_create(request.user),
        },
    )


@worker_required
def signal_create_view(request: HttpRequest) -> HttpResponse:
    if not policy_for(Signal).can_create(request.user):
        raise PermissionDenied
    form = SignalForm(request.POST or None, initial={"received_on": timezone.localdate()})
    found = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        keys = [
            subject_key(s["kind"], s["identifier"], s["name"], s.get("birth_date")) for s in data["subjects"]
        ]
        found = duplicates(
            user=request.user, subject_keys=keys, address_key=address_key(data["address"]), request=request
        )
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
                    actor=request.user,
                    data=data,
                    subjects=data["subjects"],
                    assigned_organisation=data["assigned_organisation"],
                    request=request,
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Signaal %(n)s is geregistreerd.") % {"n": signal.number})
                return redirect("signals:detail", signal.pk)
    from .mapsvg import region_svg

    return render(
        request, "signals/form.html", {"form": form, "duplicates": found, "region_map": region_svg()}
    )


def _signal(request: HttpRequest, pk: int) -> Signal:
    return signal_get(user=request.user, pk=pk, request=request)


@worker_required
@require_GET
def signal_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _signal(request, pk)
    run = policy_for(signal.enrichments.model).visible(request.user, signal.enrichments.all()).first()
    case = signal.case if signal.case_id and policy_for(Case).can_view(request.user, signal.case) else None
    subjects = signal.visible_subjects
    found = duplicates(
        user=request.user,
        subject_keys=[s.key for s in subjects],
        address_key=signal.address_key,
        exclude=signal.pk,
        request=request,
    )
    scopes = scopes_of(request.user, signal)
    context = {
        "signal": signal,
        "subjects": subjects,
        "duplicates": found,
        "enrichment": run,
        "facts": enrichment.facts_for(request.user, run, request) if run else [],
        "stale": enrichment.stale(run),
        "transitions": [
            {"target": t.target, "label": State(t.target).label, "reason_required": t.reason_required}
            for t in services.available_transitions(request.user, signal)
        ],
        "comments": signal.comments.select_related("organisation"),
        "attachments": signal.attachments.all(),
        "timeline": signal.timeline.all(),
        "case": case,
        "members": case.members.select_related("organisation", "legal_basis") if case else [],
        "interventions": case.interventions.select_related("executing_organisation") if case else [],
        "evaluation": getattr(case, "evaluation", None) if case else None,
        "can_change": policy_for(Signal).can_change(request.user, signal),
        "is_riec": RIEC in scopes,
        "forms": {
            "subject": SubjectForm(auto_id="subject_%s"),
            "comment": CommentForm(auto_id="comment_%s"),
            "attachment": AttachmentForm(auto_id="attachment_%s"),
            "assign": AssignForm(auto_id="assign_%s"),
            "team": TeamForm(auto_id="team_%s"),
            "intervention": InterventionForm(case=case, auto_id="intervention_%s"),
            "evaluation": EvaluationForm(initial=_evaluation_initial(case), auto_id="evaluation_%s"),
        },
        "show_evaluation_form": case is not None and signal.state == State.EVALUATIE,
        "show_intervention_form": case is not None and signal.state in services.INTERVENTION_STATES,
    }
    return render(request, "signals/detail.html", context)


def _evaluation_initial(case):
    evaluation = getattr(case, "evaluation", None) if case else None
    if evaluation is None:
        return {}
    return {k: getattr(evaluation, k) for k in ("effect", "what_worked", "bottlenecks", "lessons")}


def _require_valid(form, message: str = "") -> None:
    """An invalid form as a ValidationError (its own errors, or `message`), for the actions below."""
    if not form.is_valid():
        raise ValidationError(message or form.errors.as_text())


def _post_action(request, pk, action):
    """Run `action(signal)` on a visible signal; a ValidationError becomes messages. Back to the signal."""
    signal = _signal(request, pk)
    try:
        action(signal)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("signals:detail", signal.pk)


def _case_action(request, pk, action):
    """Run `action(case)` on a visible case; a ValidationError becomes messages. Back to its signal."""
    case, signal = _case_signal(request, pk)
    try:
        action(case)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("signals:detail", signal.pk)


@worker_required
@require_POST
def signal_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = TransitionForm(request.POST)
    form.is_valid()

    def act(signal):
        services.signal_transition(
            actor=request.user,
            signal=signal,
            to=form.cleaned_data.get("to", ""),
            reason=form.cleaned_data.get("reason", ""),
            request=request,
        )
        messages.success(request, _("De status is gewijzigd."))

    return _post_action(request, pk, act)


@worker_required
@require_POST
def comment_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = CommentForm(request.POST)
    form.is_valid()
    return _post_action(
        request,
        pk,
        lambda s: services.comment_add(
            actor=request.user, signal=s, text=form.cleaned_data.get("text", ""), request=request
        ),
    )


@worker_required
@require_POST
def subject_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = SubjectForm(request.POST)

    def act(signal):
        _require_valid(form)
        services.subject_add(actor=request.user, signal=signal, request=request, **form.cleaned_data)

    return _post_action(request, pk, act)


@worker_required
@require_POST
def subject_share_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a subject (not) shareable with cross-border partners: what a PDF summary may name."""
    subject = subject_get(user=request.user, pk=pk, request=request)
    services.subject_set_shareable(
        actor=request.user, subject=subject, shareable=request.POST.get("shareable") == "1", request=request
    )
    return redirect("signals:detail", subject.signal_id)


@worker_required
@require_POST
def attachment_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)

    def act(signal):
        _require_valid(form, _("Kies een bestand."))
        services.attachment_add(
            actor=request.user, signal=signal, upload=form.cleaned_data["file"], request=request
        )

    return _post_action(request, pk, act)


@worker_required
@require_GET
def attachment_view(request: HttpRequest, pk: int) -> FileResponse:
    attachment = attachment_get(user=request.user, pk=pk, request=request)
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
    def act(signal):
        run = enrichment.enrich(actor=request.user, signal=signal, request=request)
        messages.success(request, _("Verrijkt: %(n)s feiten.") % {"n": len(run.facts)})

    return _post_action(request, pk, act)


@worker_required
@require_POST
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AssignForm(request.POST)

    def act(signal):
        _require_valid(form, _("Kies een organisatie."))
        services.signal_assign(
            actor=request.user,
            signal=signal,
            organisation=form.cleaned_data["organisation"],
            person=form.cleaned_data.get("person"),
            request=request,
        )

    return _post_action(request, pk, act)


def _case_signal(request, pk) -> tuple[Case, Signal]:
    case = case_get(user=request.user, pk=pk, request=request)
    signal = policy_for(Signal).visible(request.user, case.signals.all()).order_by("pk").first()
    if signal is None:
        raise Http404
    return case, signal


@worker_required
@require_POST
def team_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = TeamForm(request.POST)

    def act(case):
        _require_valid(form, _("Kies een organisatie."))
        services.case_team_add(
            actor=request.user,
            case=case,
            organisation=form.cleaned_data["organisation"],
            legal_basis=form.cleaned_data.get("legal_basis"),
            request=request,
        )

    return _case_action(request, pk, act)


@worker_required
@require_POST
def intervention_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case):
        form = InterventionForm(request.POST, case=case)
        _require_valid(form)
        services.intervention_add(actor=request.user, case=case, data=form.cleaned_data, request=request)

    return _case_action(request, pk, act)


@worker_required
@require_POST
def intervention_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = policy_for(Intervention).visible(request.user).filter(pk=pk).first()
    if intervention is None:
        raise Http404
    form = InterventionResultForm(request.POST)

    def act(_case):
        _require_valid(form)
        services.intervention_update(
            actor=request.user, intervention=intervention, data=form.cleaned_data, request=request
        )

    return _case_action(request, intervention.case_id, act)


@worker_required
@require_POST
def evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = EvaluationForm(request.POST)

    def act(case):
        _require_valid(form, _("Vul effect, wat werkte en lessen in."))
        services.evaluation_save(actor=request.user, case=case, data=form.cleaned_data, request=request)
        messages.success(request, _("De evaluatie is opgeslagen."))

    return _case_action(request, pk, act)


@worker_required
@require_GET
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's network (link chart, expanded one step at a time) and its timeline of dated facts."""
    case, signal = _case_signal(request, pk)
    signals = list(policy_for(Signal).visible(request.user, case.signals.all()))
    events = []
    for s in signals:
        events += [(e.at, s.number, e) for e in s.timeline.all()]
    for i in case.interventions.select_related("executing_organisation"):
        for moment, label in ((i.planned_on, _("gepland")), (i.executed_on, _("uitgevoerd"))):
            if moment:
                events.append(
                    (
                        timezone.make_aware(datetime.combine(moment, time.min)),
                        case.number,
                        {"intervention": i, "label": label},
                    )
                )
    events.sort(key=lambda e: e[0])
    return render(
        request, "signals/case.html", {"case": case, "signal": signal, "signals": signals, "events": events}
    )


@worker_required
@require_GET
def case_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    from .export import case_summary_pdf

    case, _signal = _case_signal(request, pk)
    language = request.GET.get("taal", "nl")
    if language not in ("nl", "de"):
        language = "nl"
    with translation.override(language):
        pdf = case_summary_pdf(actor=request.user, case=case, language=language, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.number}-{language}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@worker_required
@require_GET
def notifications_view(request: HttpRequest) -> HttpResponse:
    items = list(notifications_for(user=request.user)[:100])
    return render(request, "signals/notifications.html", {"items": items})


@worker_required
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    notifications_for(user=request.user, unread_only=True).update(read_at=timezone.now())
    return redirect("signals:notifications")


@worker_required
@require_GET
def bottleneck_list_view(request: HttpRequest) -> HttpResponse:
    items = list(bottleneck_list(user=request.user)[:300])
    can_agenda = bool(items) and policy_for(Bottleneck).can_change(request.user, items[0])
    return render(
        request, "signals/bottlenecks.html", {"items": items, "form": AgendaForm(), "can_agenda": can_agenda}
    )


@worker_required
@require_POST
def bottleneck_agenda_view(request: HttpRequest, pk: int) -> HttpResponse:
    bottleneck = bottleneck_list(user=request.user).filter(pk=pk).first()
    if bottleneck is None:
        raise Http404
    form = AgendaForm(request.POST)
    try:
        form.is_valid()
        services.bottleneck_put_on_agenda(
            actor=request.user, bottleneck=bottleneck, platform=form.cleaned_data.get("platform", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("signals:bottlenecks")


__all__ = ["subject_list"]


@worker_required
@require_POST
def disclosure_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    from weerbaar.organisations.models import Organisation

    def act(signal):
        holder = Organisation.objects.filter(code=request.POST.get("holder", "")).first()
        if holder is None:
            raise ValidationError(_("Kies een organisatie."))
        services.disclosure_request(
            actor=request.user,
            signal=signal,
            holder=holder,
            purpose=request.POST.get("purpose", ""),
            request=request,
        )
        messages.success(request, _("De aanvraag is verstuurd naar %(holder)s.") % {"holder": holder.name})

    return _post_action(request, pk, act)


@worker_required
@require_GET
def disclosure_list_view(request: HttpRequest) -> HttpResponse:
    from weerbaar.privacy.models import LegalBasis

    from .models import DisclosureRequest

    items = disclosure_list(user=request.user, request=request)
    incoming = [i for i in items if i.holder_id == request.user.organisation_id]
    outgoing = [i for i in items if i.requesting_organisation_id == request.user.organisation_id]
    can_decide = {i.pk for i in incoming if policy_for(DisclosureRequest).can_change(request.user, i)}
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
    from weerbaar.privacy.models import LegalBasis

    item = disclosure_get(user=request.user, pk=pk, request=request)
    basis = LegalBasis.objects.filter(pk=request.POST.get("legal_basis") or None).first()
    try:
        services.disclosure_decide(
            actor=request.user,
            item=item,
            grant=request.POST.get("decision") == "grant",
            legal_basis=basis,
            note=request.POST.get("note", ""),
            request=request,
        )
        messages.success(request, _("Het besluit is vastgelegd."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("signals:disclosures")
