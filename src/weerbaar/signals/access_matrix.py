"""Signals are for analysts and partners with an organisation (SHIELDED personas); the FG, the
administrator and the public never. Object URLs take an id that does not exist after the `region`
fixture: allowed personas get 404 (the role check comes first, so the others get 403)."""

from weerbaar.core.matrix import SHIELDED, Case

K = {"pk": 999999}
ID = {"id": 999999}

CASES = [
    Case("signals:list", SHIELDED),
    Case("signals:create", SHIELDED),
    Case("signals:create", SHIELDED, method="post", data={"title": ""}),
    Case("signals:notifications", SHIELDED),
    Case("signals:notifications_read", SHIELDED, method="post", ok=302),
    Case("signals:bottlenecks", SHIELDED),
    Case("signals:bottleneck_agenda", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:disclosures", SHIELDED),
    Case("signals:disclosure_decide", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:disclosure_request", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:detail", SHIELDED, kwargs=K, ok=404),
    Case("signals:transition", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:comment", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:subject", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:attachment_upload", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:enrich", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:assign", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:subject_share", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:attachment", SHIELDED, kwargs=K, ok=404, html=False),
    Case("signals:case", SHIELDED, kwargs=K, ok=404),
    Case("signals:team", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:intervention_add", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:intervention_update", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:evaluation", SHIELDED, kwargs=K, method="post", ok=404),
    Case("signals:export", SHIELDED, kwargs=K, ok=404, html=False),
    Case("api:signals-signalen", SHIELDED, api=True),
    Case("api:signals-signaal", SHIELDED, kwargs=ID, api=True, ok=404),
    Case("api:signals-onderwerpen", SHIELDED, kwargs=ID, api=True, ok=404),
    Case("api:signals-transities", SHIELDED, kwargs=ID, api=True, ok=404),
    Case("api:signals-verrijking", SHIELDED, kwargs=ID, api=True, ok=404),
    Case("api:signals-interventies", SHIELDED, kwargs=ID, api=True, ok=404),
    Case("api:signals-evaluatie", SHIELDED, kwargs=ID, api=True, ok=404),
    Case("api:signals-netwerk", SHIELDED, kwargs=ID, api=True, ok=404),
    # writes: the role gate runs before the body is read; an empty body is then 400 for the allowed
    Case("api:signals-signaal-nieuw", SHIELDED, method="post", api=True, ok=400),
    Case("api:signals-onderwerp-nieuw", SHIELDED, kwargs=ID, method="post", api=True, ok=400),
    Case("api:signals-transitie", SHIELDED, kwargs=ID, method="post", api=True, ok=400),
    Case("api:signals-verrijken", SHIELDED, kwargs=ID, method="post", api=True, ok=404),
    Case("api:signals-interventie-nieuw", SHIELDED, kwargs=ID, method="post", api=True, ok=400),
    Case("api:signals-evaluatie-opslaan", SHIELDED, kwargs=ID, method="put", api=True, ok=400),
]
