"""What `make bench` prints of the pages: a row per page measured (warm, and cold after a write; a PDF cached and
rendered), each SCSA page's p50 as a multiple of the admin changelist's at its row count measured beside it, and
the issue's targets as verdicts (issue 23), from the figures of the same run."""

from dataclasses import dataclass, field

from tools.bench.measuring import Timing
from tools.bench.page_list import MAX_QUERIES, PDF_P95_MS, Page

HEADER = f"  {'page':<48} {'queries':>7} {'p50':>6} {'p95':>6} {'p50x8':>6} {'p95x8':>6} {'req/s':>6} {'x ref':>6}\n"
STAFF_LIST_FASTER = 2.0  # the staff list's p50 at least 2x faster than the changelist's
DASHBOARD_SHARE = 0.5  # the dashboard's cold p50 at most half the changelist's
EMPLOYER_HOME_SHARE = 0.30  # the employer home's req/s at least 30% of hello-world's


@dataclass(frozen=True)
class Target:
    """One of the issue's targets, and whether this run met it."""

    met: bool
    text: str

    def __str__(self) -> str:
        return f"  {'met   ' if self.met else 'MISSED'}  {self.text}"


@dataclass
class Measured:
    page: Page
    timing: Timing
    cold: bool
    reference: Timing | None

    @property
    def label(self) -> str:
        return f"{self.page.label}, cold" if self.cold else self.page.label

    @property
    def ratio(self) -> float | None:
        return None if self.reference is None else self.timing.p50_one / self.reference.p50_one


@dataclass
class Report:
    out: object
    measured: list[Measured] = field(default_factory=list)
    references: dict[int, Timing] = field(default_factory=dict)  # the last changelist measured at each row count
    hello: Timing | None = None

    def group(self, title: str) -> None:
        self.out.write(f"\n{title}\n{HEADER}")

    def reference(self, label: str, timing: Timing, rows: int | None = None) -> None:
        if rows is not None:
            self.references[rows] = timing
        self._row(label, timing, ratio=None, verdict="")

    def page(self, page: Page, timing: Timing, *, cold: bool = False) -> None:
        reference = self.references.get(page.rows) if page.rows is not None else None
        measured = Measured(page, timing, cold, reference)
        self.measured.append(measured)
        self._row(measured.label, timing, ratio=measured.ratio, verdict=_verdict(measured))

    def _row(self, label: str, timing: Timing, *, ratio: float | None, verdict: str) -> None:
        queries = "" if timing.queries is None else str(timing.queries)
        times = (timing.p50_one, timing.p95_one, timing.p50_many, timing.p95_many)
        self.out.write(
            f"  {label:<48} {queries:>7} {''.join(f'{ms:>7.0f}' for ms in times)} {timing.per_second:>6.1f} "
            f"{'' if ratio is None else f'{ratio:.2f}':>6}  {verdict}\n"
        )
        self.out.flush()

    def targets(self) -> list[Target]:
        """The issue's targets of the pages, as this run measured them (for every page measured: some may be left
        out by BENCH_ONLY)."""
        found, targets = {m.label: m for m in self.measured}, []
        staff_cold = [m for m in self.measured if m.cold and m.reference is not None]
        slower = [f"{m.page.label.strip()} {m.ratio:.2f}x" for m in staff_cold if m.ratio > 1]
        if staff_cold:
            targets.append(
                Target(
                    not slower,
                    f"every staff page cold p50 <= the changelist's at its row count: {len(staff_cold) - len(slower)}"
                    f" of {len(staff_cold)}" + (f"; slower: {', '.join(slower)}" if slower else ""),
                )
            )
        for label, most, text in (
            ("company list, cold", 1 / STAFF_LIST_FASTER, "the staff list (cold) >= 2x as fast as the changelist"),
            ("company list", 1 / STAFF_LIST_FASTER, "the staff list (warm) >= 2x as fast as the changelist"),
            ("dashboard, cold", DASHBOARD_SHARE, "the dashboard cold p50 <= 0.5x the changelist's"),
        ):
            if label in found:
                ratio = found[label].ratio
                targets.append(Target(ratio <= most, f"{text}: {1 / ratio:.1f}x as fast ({ratio:.2f}x its p50)"))
        counted = [m for m in self.measured if m.page.max_queries is not None and m.timing.queries is not None]
        over = [f"{m.label.strip()} ({m.timing.queries})" for m in counted if m.timing.queries > MAX_QUERIES]
        targets.append(
            Target(
                not over,
                f"<= {MAX_QUERIES} queries on every page, cold or warm: {len(counted) - len(over)} of {len(counted)}"
                + (f"; over: {', '.join(over)}" if over else ""),
            )
        )
        for m in self.measured:
            if m.page.urls:
                targets.append(
                    Target(
                        m.timing.p50_one <= PDF_P95_MS,
                        f"a PDF rendered <= {PDF_P95_MS} ms ({m.page.label.strip()}): p50 {m.timing.p50_one:.0f} ms, "
                        f"p95 {m.timing.p95_one:.0f} ms",
                    )
                )
        if self.hello is not None:
            for label in ("employer home (company page)", "employer home (company page), cold"):
                if label in found:
                    share = found[label].timing.per_second / self.hello.per_second
                    targets.append(
                        Target(
                            share >= EMPLOYER_HOME_SHARE,
                            f"{label.replace('(company page)', '').strip()} >= 30% of hello-world's req/s: {share:.0%}",
                        )
                    )
        return targets


def _verdict(measured: Measured) -> str:
    page, timing, problems = measured.page, measured.timing, []
    if page.target_ms is not None and timing.p95_many > page.target_ms:
        problems.append(f"p95x8 > {page.target_ms:.0f} ms")
    if page.max_queries is not None and timing.queries is not None and timing.queries > page.max_queries:
        problems.append(f"> {page.max_queries} queries")
    if measured.cold and measured.ratio is not None and measured.ratio > 1:
        problems.append("slower than the changelist")
    if timing.errors:
        problems.append(f"{timing.errors} errors")
    return "; ".join(problems) if problems else ("ok" if page.target_ms else "")
