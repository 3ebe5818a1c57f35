"""A key holder's subscriptions to change events (secor.api.events): made, listed and ended with the key; another
key's subscription does not exist for it (404). The secret that signs the deliveries is answered once, when made."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as InvalidRequest
from rest_framework.response import Response

from secor.api import services
from secor.api.authentication import partner_key
from secor.api.events import EVENTS
from secor.api.models import Subscription
from secor.api.views.records import Pages, an_id


class SubscriptionSerializer(serializers.ModelSerializer):
    url = serializers.URLField(max_length=500, help_text="Where each event is posted (JSON, signed).")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(EVENTS)), min_length=1, max_length=len(EVENTS)
    )

    class Meta:
        model = Subscription
        fields = ["id", "url", "events", "created_at"]
        read_only_fields = ["id", "created_at"]


class MadeSubscriptionSerializer(SubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="Signs every delivery (docs/api.md). Shown this once: keep it."
    )

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]


class PartnerKeys(permissions.BasePermission):
    """Only a partner's key subscribes: change events go to a system, not to a person (a person's own token is
    refused, saying so; without a key the answer is 401)."""

    message = "Only a partner's key subscribes to change events, not a person's own token: ask SCSA staff for a key."

    def has_permission(self, request, view) -> bool:
        key = partner_key(request)
        return key is not None and not key.is_personal


@extend_schema_view(
    list=extend_schema(summary="The key's subscriptions to change events"),
    retrieve=extend_schema(summary="A subscription"),
    create=extend_schema(summary="Subscribe a URL to change events", responses={201: MadeSubscriptionSerializer}),
    destroy=extend_schema(summary="End a subscription"),
)
class Subscriptions(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SubscriptionSerializer
    permission_classes = [PartnerKeys]
    pagination_class = Pages
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Subscription.objects.none()
        return Subscription.objects.filter(key=partner_key(self.request), ended_at__isnull=True).order_by("-pk")

    def get_object(self):
        if an_id(self.kwargs["pk"]) is None:
            raise NotFound
        return super().get_object()

    def create(self, request, *args, **kwargs):
        wanted = SubscriptionSerializer(data=request.data)
        wanted.is_valid(raise_exception=True)
        try:
            made = services.subscription_create(key=partner_key(request), **wanted.validated_data)
        except ValidationError as error:
            raise InvalidRequest(error.message_dict) from None
        return Response(MadeSubscriptionSerializer(made).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.subscription_end(subscription=instance)
