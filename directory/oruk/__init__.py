"""Open Referral UK (ORUK) 3.0: the one mapping between our listings and ORUK objects."""
