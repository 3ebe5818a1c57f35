"""What SCSA invoices (ELIG-7, AUD-6): the registration fee and each audit's fee, paid or void."""
