"""Staff's pages of the audit tool (MAN-1, AUD-4): its versions with their state, a new version copied from
one, and a draft's sections, pass marks and effective day edited until it takes effect (then read-only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from audits.tool import rules, selectors, services
from audits.tool.forms import SectionFormSet, ToolCopyForm, ToolVersionForm, section_edits
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service, submitted


@staff_required
def tool_versions(request):
    today = timezone.localdate()
    versions = selectors.audit_tool_versions(today=today)
    in_effect = next((version for version in versions if version.state == rules.ToolVersion.IN_EFFECT), None)
    return render(request, "audits/tool_versions.html", {"versions": versions, "in_effect": in_effect})


@staff_required
def tool_version_copy(request, pk: int):
    source = selectors.audit_tool_version_get(pk=pk, today=timezone.localdate())
    form = ToolCopyForm(request.POST or None, initial={"name": f"{source.name} (new version)"})
    if submitted(request, form):
        draft = call_service(
            form, services.audit_tool_version_copy, source=source, actor=request.user, name=form.cleaned_data["name"]
        )
        if draft is not REFUSED:
            messages.success(request, f"{draft} is a draft copied from {source}: edit it, then give it a day.")
            return redirect("audits:audit_tool:version", draft.pk)
    return render(request, "audits/tool_copy.html", {"form": form, "source": source})


@staff_required
def tool_version(request, pk: int):
    """A version: editable (its sections, pass marks and effective day) until it takes effect, then read."""
    version = selectors.audit_tool_version_get(pk=pk, today=timezone.localdate())
    sections = version.sections.order_by("number")
    context = {"version": version, "heading": version.name}  # the saved name, whatever the form holds
    if not version.editable:
        return render(request, "audits/tool_version.html", context | {"sections": sections})
    data = request.POST if request.method == "POST" else None
    form = ToolVersionForm(data, instance=version)
    formset = SectionFormSet(data, queryset=sections)
    if submitted(request, form) and formset.is_valid():
        data = form.cleaned_data
        if (
            call_service(
                form,
                services.audit_tool_version_update,
                version=version,
                actor=request.user,
                name=data["name"],
                effective_from=data["effective_from"],
                overall_pass_percent=data["overall_pass_percent"],
                section_pass_percent=data["section_pass_percent"],
                sections=section_edits(formset),
            )
            is not REFUSED
        ):
            messages.success(request, f"{data['name']} saved.")
            return redirect("audits:audit_tool:version", version.pk)
    return render(request, "audits/tool_version.html", context | {"form": form, "formset": formset})
