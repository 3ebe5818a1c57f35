"""The program's own documents that the seed points employers to: the sample Safe Work Practices and Safe Job
Procedures, the Site Assessment Form, the SECOR Audit Compliance Declaration Form and the Baseline and
Re-Certification Audit Submission Checklist. Staff upload each kind's versions in one place; every step of
the employer's journey offers the current version of the kinds it needs."""
