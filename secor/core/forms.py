from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # An address that has an account is told so by email and nothing is created: no password hashed,
            # so the page answered ten times faster than for a new address, and its time told whether an
            # account exists. Hashing the one typed, as a new account's is, evens the two.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
