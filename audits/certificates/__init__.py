"""SECOR certificates (CERT-1, CERT-2): issued on an achieved audit, suspended and restored by staff, verified by
anyone on their public page, listed among the certified companies."""
