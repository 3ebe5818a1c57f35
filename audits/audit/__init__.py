"""External audits (AUD-1 … AUD-5): the company's request, booking with a program auditor, the score sheet
and the completion that issues the certificate and the invoice."""
