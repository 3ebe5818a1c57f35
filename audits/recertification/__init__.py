"""Re-certification (RCT-1): the audit that renews a certificate in its last year, and the notice of one expired."""
