"""The health & safety manual (MAN-1, MAN-2): sent by section of the audit tool, and its review."""
