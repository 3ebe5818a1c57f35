"""The history (django-simple-history) of rows written a batch at a time: an import's, up to half a million rows at
go-live (issue 26). simple-history's bulk_history_create builds one Python object per row and sends each of its
values back; here the database copies the rows it has just written into their history, in one statement, with the
same columns simple-history writes (the tracked fields, the time, the person, the kind of change, no reason)."""

from django.conf import settings
from django.db import connection
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model


def history_written(model, pks: list[int], *, user, updated: bool = False) -> None:
    """A line of history for each of `model`'s rows `pks`, as they now are: created ("+"), or `updated` ("~"). A
    model without history has none."""
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    try:
        history = get_history_manager_for_model(model).model
    except NotHistoricalModelError:
        return
    quote = connection.ops.quote_name
    tracked = ", ".join(quote(field.column) for field in history.tracked_fields)
    kept = ", ".join(
        quote(history._meta.get_field(name).column)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    )
    # The names are the models' own; the values are parameters.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({tracked}, {kept}) "
            f"SELECT {tracked}, %s, NULL, %s, %s FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model._meta.pk.column)} = ANY(%s)",
            [timezone.now(), "~" if updated else "+", getattr(user, "pk", None), list(pks)],
        )
