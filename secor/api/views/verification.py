"""Public verification (CERT-1, CERT-2), for systems: exactly what `/verify/` shows of a certificate, by its number,
as a company's current certificate by WCB account number, or for a list of up to 1,000 numbers of either kind.
Open without a key, within a limit per address; a key lifts the limit (secor.api.throttling)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from audits.certificates import verification
from secor.api.throttling import ManyNumbersThrottle, OneNumberThrottle


class VerificationSerializer(serializers.Serializer):
    typed = serializers.CharField(help_text="The number as it was given.")
    kind = serializers.ChoiceField(
        choices=[verification.CERTIFICATE, verification.WCB, verification.NOT_A_NUMBER],
        help_text="How the number was read: a certificate number, a WCB account number, or neither.",
    )
    number = serializers.CharField(help_text="The number as printed (certificate) or kept (WCB); empty if neither.")
    status = serializers.ChoiceField(choices=verification.STATUSES, help_text="The certificate's status today.")
    certificate_number = serializers.CharField()
    company_name = serializers.CharField()
    operating_name = serializers.CharField(help_text="Empty when the company operates under its legal name.")
    city = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True, help_text="The last day the certificate is valid.")
    suspended_on = serializers.DateField(allow_null=True, help_text="Since when SCSA suspended it (suspended).")
    superseded_by = serializers.CharField(help_text="The certificate that replaced it (superseded).")
    superseded_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True, help_text="The day its company left the program (ended).")
    ended_how = serializers.CharField(help_text="How the company left the program (ended).")


class NumbersSerializer(serializers.Serializer):
    numbers = serializers.ListField(
        child=serializers.CharField(max_length=100, allow_blank=True, trim_whitespace=False),
        max_length=verification.MOST_NUMBERS,
        help_text="Certificate numbers or WCB account numbers, in any format people type them.",
    )


class VerificationsSerializer(serializers.Serializer):
    results = VerificationSerializer(many=True)


def _one(typed: str) -> Response:
    found = verification.verify_number(typed, today=timezone.localdate())
    if not found.found:
        raise NotFound("No SECOR certificate matches this number. A certificate not found here is not a SECOR one.")
    return Response(VerificationSerializer(found).data)


class CertificateVerification(APIView):
    throttle_classes = [OneNumberThrottle]

    @extend_schema(
        operation_id="verify_certificate",
        summary="A certificate, by its number",
        responses={200: VerificationSerializer},
    )
    def get(self, request, number: str):
        return _one(number)


class CompanyVerification(APIView):
    throttle_classes = [OneNumberThrottle]

    @extend_schema(
        operation_id="verify_company",
        summary="A company's current certificate, by its WCB account number",
        responses={200: VerificationSerializer},
    )
    def get(self, request, wcb_account_number: str):
        return _one(wcb_account_number)


class BulkVerification(APIView):
    throttle_classes = [ManyNumbersThrottle]

    @extend_schema(
        operation_id="verify_numbers",
        summary="Up to 1,000 numbers at once",
        description="Each number's verification, in the order given; one not found has the status `unknown`.",
        request=NumbersSerializer,
        responses={200: VerificationsSerializer},
    )
    def post(self, request):
        numbers = NumbersSerializer(data=request.data)
        numbers.is_valid(raise_exception=True)
        found = verification.verify_numbers(numbers.validated_data["numbers"], today=timezone.localdate())
        return Response({"results": VerificationSerializer(found, many=True).data})
