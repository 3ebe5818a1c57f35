"""Paging lists. `paged`: a list whose rows carry much related data: page the ids first, then load only that
page's rows. `kept_page`: such a list whose count and rendered rows are kept until a write to what they show.
`window`: a short list shown a page at a time without counting it.

Slicing a queryset with its select_related joins makes PostgreSQL join every matching row before it sorts
and takes 25 (~60 ms for the 8,000 submissions of a province-scale queue); ordering the bare ids reads an
index and a narrow join, and the 25 rows are then loaded with everything they show.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from secor.freshness import kept_each_until_changed, kept_until_changed
from secor.query import whole_number


def paged(queryset: QuerySet, number, per_page: int, *, keys: QuerySet | list | None = None, key: str = "pk") -> Page:
    """A page of `queryset`'s rows. `keys`, when given, is what is counted and paged instead of the rows'
    own ids: an ordered queryset of the values of the rows' `key` (e.g. the ids of their reviews, read
    from the reviews' index), or a list of them already read."""
    keys = queryset.values_list("pk", flat=True) if keys is None else keys
    (page,) = pages_of(queryset, [(keys, number)], per_page, key=key)
    return page


def pages_of(queryset: QuerySet, lists: list, per_page: int, *, key: str = "pk") -> list[Page]:
    """A page of each of several lists of `queryset`'s rows, each given as (its keys, the page number) as
    `paged` takes them, and the rows of all these pages loaded in one query (a page showing several tables)."""
    pages = [Paginator(keys, per_page).get_page(number) for keys, number in lists]
    for page in pages:
        page.object_list = list(page.object_list)
    wanted = [value for page in pages for value in page.object_list]
    rows = {getattr(row, key): row for row in queryset.filter(**{f"{key}__in": wanted})}
    for page in pages:
        page.object_list = [rows[value] for value in page.object_list if value in rows]
    return pages


def kept_page(
    queryset: QuerySet,
    number,
    per_page: int,
    *,
    name: str,
    topics: Collection[str],
    render: Callable[[QuerySet], dict[int, object]],
    keys: list | None = None,
) -> Page:
    """A page of `queryset`'s rows rendered, each row by `render(rows) -> {pk: row}`, where both the count and each
    row are kept until a write to `topics`, the topics of everything the list reads (secor.freshness): counting a
    long list and rendering its rows was most of such a page. `name`: the list as asked (its filters and whatever
    else its rows are found by), so that another asking is kept apart. `keys`, when given: the ids of every row,
    read already, in order (then nothing is counted)."""
    if keys is None:
        ids = queryset.values_list("pk", flat=True)
        paginator = Paginator(ids, per_page)
        count_key = f"{name}:count"
        paginator.count = kept_until_changed({count_key: (topics, ids.count)})[count_key]
    else:
        paginator = Paginator(keys, per_page)
    page = paginator.get_page(number)
    pks = list(page.object_list)
    rows = kept_each_until_changed(name, pks, topics, lambda missing: render(queryset.filter(pk__in=missing)))
    page.object_list = [rows[pk] for pk in pks]
    return page


@dataclass(frozen=True)
class Window:
    """A page of a list without its total: one query for the rows (and one more), none to count them."""

    items: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def window(queryset: QuerySet, number, per_page: int) -> Window:
    """The page `number` of an ordered queryset, knowing only whether another follows (a company's own
    tables: the count would be one more query on every view of the page, for a figure nobody needs)."""
    number = whole_number(number, default=1)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return Window(rows[:per_page], number, len(rows) > per_page)
