from django.urls import path

from audits.program_documents import views

# Staff keep the versions of the program's documents (samples, blank forms, the submission checklist).
staff_patterns = [
    path("documents/", views.program_documents, name="program_documents"),
    path("documents/<int:pk>/", views.program_document_version, name="program_document_version"),
]
# The current version downloads for everyone signed in: the documents are the program's, not a company's.
public_patterns = [
    path("documents/<slug:kind>/", views.program_document, name="program_document"),
]
