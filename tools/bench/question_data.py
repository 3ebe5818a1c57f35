"""Questions to SCSA at province scale for `make bench`, in proportion to the companies tools/bench/data.py loads."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from companies.models import Company, Membership
from companies.questions.models import Question
from secor.core.models import User
from tools.bench.data import BATCH, BENCH_TODAY, _days_ago


@transaction.atomic
def load_questions(stdout) -> None:
    """Questions to SCSA in proportion: one company in five has asked one or two in the last year, nine in
    ten of them answered within a week; the others wait in the staff queue (a few hundred)."""
    rng = random.Random(2031)
    owners = list(
        Membership.objects.filter(is_owner=True, company__status=Company.Status.REGISTERED)
        .order_by("company_id")
        .values_list("company_id", "user_id")
    )
    staff_id = User.objects.filter(role=User.Role.STAFF).values_list("pk", flat=True).first()
    steps = Question.Step.values
    questions = []
    for company_id, user_id in rng.sample(owners, len(owners) // 5):
        for _ in range(rng.randint(1, 2)):
            asked_on = _days_ago(rng, 0, 365)
            asked_at = timezone.make_aware(datetime.combine(asked_on, time(rng.randint(8, 17))))
            answered = rng.random() < 0.9 and asked_on < BENCH_TODAY - timedelta(days=7)
            questions.append(
                Question(
                    company_id=company_id,
                    asked_by_id=user_id,
                    asked_at=asked_at,
                    step=rng.choice(steps),
                    text="Which of our records show the system working?",
                    answer="Your inspections, meetings and hazard assessments, dated." if answered else "",
                    answered_by_id=staff_id if answered else None,
                    answered_at=asked_at + timedelta(days=rng.randint(1, 7)) if answered else None,
                )
            )
    stdout.write(f"Questions to SCSA ({len(questions):,})…")
    Question.objects.bulk_create(questions, batch_size=BATCH)
