"""The manual's program numbers (MAN-2). Pure: no database."""

# MAN-2: the files of one version of the manual, together.
MANUAL_MAX_MEGABYTES = 50
