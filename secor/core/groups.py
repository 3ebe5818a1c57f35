"""The "Program administrators" group: what SCSA staff may do in the Django admin without being superusers
(superusers are made only with `createsuperuser`). They keep the program settings, the course catalogue and
the audit tool, reset a person's authenticator app, and read every record; the records themselves change
only through SECOR's pages."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

PROGRAM_ADMINISTRATORS = "Program administrators"
# The apps whose records staff read in the admin.
SECOR_APPS = ("core", "companies", "training", "audits", "milestones", "reviews", "notices", "documents", "timeline")
# What they also change there: (app label, model) -> actions.
EDITS = {
    ("core", "programsettings"): ("change",),
    ("training", "course"): ("change",),
    ("audits", "audittoolversion"): ("add", "change"),
    ("audits", "auditsection"): ("change",),
    # A person who lost their phone: resetting their authenticator app has them set one up at the next sign-in.
    ("mfa", "authenticator"): ("view", "delete"),
}


def program_administrators() -> Group:
    """The group with exactly its permissions, and every staff member who is not a superuser in it. Run after
    every migrate (post_migrate), when the permissions of new models exist."""
    from secor.core.models import User

    group, _ = Group.objects.get_or_create(name=PROGRAM_ADMINISTRATORS)
    wanted = Q(content_type__app_label__in=SECOR_APPS, codename__startswith="view_")
    for (app_label, model), actions in EDITS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions])
    group.permissions.set(Permission.objects.filter(wanted))
    group.user_set.add(*User.objects.filter(role=User.Role.STAFF, is_superuser=False))
    return group


def keep_program_administrators(**kwargs) -> None:
    program_administrators()
