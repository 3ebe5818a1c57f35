from django.shortcuts import redirect, render

from companies.access import employer_company


def home(request):
    """Send each person to where their work is: staff to the dashboard, auditors to their companies,
    employers to theirs."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html")
    if user.is_program_staff:
        return redirect("pages:dashboard")
    if user.is_program_auditor:
        return redirect("companies:list")
    company = employer_company(user)
    if company is None:
        return redirect("companies:register")
    return redirect("companies:detail", company.pk)
