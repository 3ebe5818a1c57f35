from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up is an employer; auditors and staff are created by staff."""

    def save_user(self, request, user, form, commit=True):
        user.role = user.Role.EMPLOYER
        return super().save_user(request, user, form, commit=commit)
