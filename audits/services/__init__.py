"""Every write of the audits app."""

from audits.services.manual import (
    ManualPart,
    manual_assign,
    manual_decide,
    manual_resubmit,
    manual_submit,
)

__all__ = ["ManualPart", "manual_assign", "manual_decide", "manual_resubmit", "manual_submit"]
