"""A liveness answer for load balancers and `make bench`'s reference: the stack with no work in it."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    return HttpResponse("ok", content_type="text/plain")
