"""Documents: every uploaded or issued file, stored once with its type, size and checksum.

Files live under MEDIA_ROOT/private/ with no public URL; the one download view (companies: document)
checks the company scope and streams them. Issued PDFs (letters, certificates, invoices) are rendered
once by secor.pdf, stored here, and served as stored.
"""
