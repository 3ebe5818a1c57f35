"""Annual maintenance (MNT-1, MNT-2): a certificate's anniversaries and the package due by each, reviewed by SCSA."""
