"""The API's pages: staff make and revoke partners' keys and read each key's requests and deliveries; staff and
program auditors make their own token. A key is shown once, on the page that made it; only its digest is kept."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from secor.api import services
from secor.api.delivery import subscriber_address
from secor.api.forms import KeyForm
from secor.api.models import ApiKey
from secor.api.notices import PARTNER_EVENT
from secor.notices.models import Notice
from secor.paging import paged
from secor.roles import staff_or_auditor_required, staff_required
from secor.viewutils import REFUSED, call_service

PAGE_SIZE = 50


@staff_required
def keys(request):
    """The partners' keys, and a new one made for a holder (plain form post; the key is shown this once)."""
    form, made = KeyForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        made = call_service(form, services.api_key_create, holder=form.cleaned_data["holder"], actor=request.user)
        if made is not REFUSED:
            form = KeyForm()
    listed = ApiKey.objects.filter(user__isnull=True).select_related("created_by")
    page = paged(listed, request.GET.get("page"), PAGE_SIZE)
    context = {"form": form, "page": page, "made": made if made is not REFUSED else None}
    return render(request, "api/keys.html", context, status=400 if form.errors else 200)


@staff_required
def key(request, pk: int):
    """One key: whose, since when, and the requests made with it, the latest first."""
    api_key = get_object_or_404(ApiKey.objects.select_related("user", "created_by"), pk=pk)
    uses = paged(api_key.uses.all(), request.GET.get("page"), PAGE_SIZE)
    subscriptions = list(api_key.subscriptions.all())
    deliveries = Notice.objects.filter(
        kind=PARTNER_EVENT, recipient_email__in=[subscriber_address(subscription.pk) for subscription in subscriptions]
    )[:PAGE_SIZE]
    context = {"key": api_key, "uses": uses, "subscriptions": subscriptions, "deliveries": deliveries}
    return render(request, "api/key.html", context)


@staff_required
@require_POST
def key_revoke(request, pk: int):
    api_key = get_object_or_404(ApiKey, pk=pk)
    services.api_key_revoke(key=api_key, actor=request.user)
    messages.success(request, f"The key of {api_key.holder} is revoked: it opens nothing from now on.")
    return redirect("api_keys:key", api_key.pk)


@staff_or_auditor_required
def my_token(request):
    """A person's own token: it reads what their pages show them. Making a new one revokes the last."""
    made = None
    if request.method == "POST":
        current = ApiKey.objects.filter(user=request.user, revoked_at__isnull=True).first()
        if request.POST.get("revoke") and current is not None:
            services.api_key_revoke(key=current, actor=request.user)
            messages.success(request, "Your token is revoked.")
            return redirect("api_keys:my_token")
        made = services.api_key_create(
            holder=request.user.get_full_name() or request.user.email, actor=request.user, user=request.user
        )
    current = ApiKey.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(request, "api/my_token.html", {"current": current, "made": made})
