"""One person's training facts for the chart: completions per course (with the equivalences of TRN-4 and
TRN-8), submissions, and the standing of each course on a day (TRN-5 … TRN-8), from loaded rows."""

from collections import defaultdict
from datetime import date

from companies.models import Employee
from training import rules
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.rules import CourseCode, Standing, Status


def counted_code(course: Course, courses_by_id: dict[int, Course]) -> str | None:
    """The course a completion counts as (TRN-4, TRN-8 equivalences), or None when not accepted."""
    if course.counts_as_id is None:
        return course.code
    counts_as = courses_by_id[course.counts_as_id].code
    return (
        counts_as
        if rules.equivalent_accepted(counts_as=counts_as, accepted_by_staff=course.equivalence_accepted)
        else None
    )


# What is missing, in the words of TRN-4 and TRN-8 (which courses are accepted in their place).
MISSING_NAMES = {
    CourseCode.SAFETY_MANAGEMENT: "Safety Management (or Small Employer Safety Management)",
    CourseCode.SCOT: "SCOT (or an accepted Energy Safety Canada equivalent)",
}


class PersonTraining:
    """One employee's training facts: verified and pending completions per course, and submissions."""

    def __init__(self, employee: Employee, records, submissions, courses_by_id: dict[int, Course]):
        self.employee = employee
        self.verified: dict[str, list[TrainingRecord]] = defaultdict(list)
        self.pending: dict[str, list[TrainingRecord]] = defaultdict(list)
        self.returned: dict[str, list[TrainingRecord]] = defaultdict(list)
        by_status = {
            TrainingRecord.Status.VERIFIED: self.verified,
            TrainingRecord.Status.PENDING: self.pending,
            TrainingRecord.Status.REJECTED: self.returned,
        }
        for record in records:
            code = counted_code(courses_by_id[record.course_id], courses_by_id)
            if code is not None:
                by_status[record.status][code].append(record)
        for by_code in (self.verified, self.pending, self.returned):
            for records_of_course in by_code.values():
                records_of_course.sort(key=lambda record: record.completed_on)
        self.submissions = submissions

    def latest(self, code: str) -> TrainingRecord | None:
        return self.verified[code][-1] if self.verified[code] else None

    def first_after(self, code: str, day: date | None) -> TrainingRecord | None:
        if day is None:
            return None
        return next((record for record in self.verified[code] if record.completed_on >= day), None)

    def _submitted_on(self, kind: str, status: str) -> list[date]:
        return [s.submitted_on for s in self.submissions if s.kind == kind and s.status == status]

    def _submission_state(self, kind: str, since: date | None, status: str) -> bool:
        """A submission of this kind in this state, sent for the current training (on or after `since`)."""
        return since is not None and any(
            s.kind == kind and s.status == status and s.submitted_on >= since for s in self.submissions
        )

    def _open(self, kind: str, since: date | None) -> bool:
        return self._submission_state(kind, since, ProficiencySubmission.Status.SUBMITTED)

    def _returned(self, kind: str, since: date | None) -> bool:
        return self._submission_state(kind, since, ProficiencySubmission.Status.RETURNED)

    def training_for(self, kind: str) -> TrainingRecord | None:
        """The training a self-audit or LSE proficiency counts for: the Safety Auditor Training the status is
        anchored to (TRN-5, TRN-6), the latest LSE (TRN-7)."""
        if kind == ProficiencySubmission.Kind.SELF_AUDIT:
            return self.auditor_training()[0]
        return self.latest(CourseCode.LSE)

    @staticmethod
    def deadline(training: TrainingRecord) -> date:
        """TRN-5, TRN-7: the day the proficiency following this training must be accepted by."""
        return rules.proficiency_deadline(training.completed_on, extended_to=training.extended_deadline)

    def standing(self, code: str, today: date) -> tuple[Standing, TrainingRecord | None]:
        """The standing of this person for a chart course, and the record that the cell shows."""
        if code == CourseCode.SCOT and self.verified[code] and not self._scot_valid(today):
            expired = max(self.verified[code], key=lambda record: record.expires_on)
            return rules.expired_equivalent_standing(expired_on=expired.expires_on, course_name=str(expired.course)), (
                expired
            )
        if code in (CourseCode.SAFETY_MANAGEMENT, CourseCode.SCOT):
            valid = self._unexpired(code, today)
            record = valid[0] if valid else None
            standing = rules.course_standing(
                held_on=record and record.completed_on,
                pending=bool(self.pending[code]),
                returned=bool(self.returned[code]),
                course_name=MISSING_NAMES[code],
            )
            return standing, record or next(iter(self.pending[code] or self.returned[code]), None)
        if code in (CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE):
            training, recertified_by_retaking = self.auditor_training()
            training_on = training and training.completed_on
            certificate = self.first_after(CourseCode.INTERNAL_AUDITOR_CERTIFICATE, training_on)
            self_audit = {
                "submitted": self._open(ProficiencySubmission.Kind.SELF_AUDIT, training_on),
                "returned": self._returned(ProficiencySubmission.Kind.SELF_AUDIT, training_on),
                "extended_to": training and training.extended_deadline,
            }
            auditor = rules.auditor_standing(
                training_on=training_on,
                certified_on=certificate and certificate.completed_on,
                self_audit_submitted=self_audit["submitted"],
                self_audit_returned=self_audit["returned"],
                extended_to=self_audit["extended_to"],
                **self._maintenance(recertified_by_retaking),
                today=today,
            )
            if code == CourseCode.INTERNAL_AUDITOR_CERTIFICATE:
                if training is None:
                    return self._pending_window(CourseCode.SAFETY_AUDITOR, rules.SELF_AUDIT_WINDOW, today), None
                standing = rules.proficiency_standing(
                    training_on=training_on,
                    accepted_on=certificate and certificate.completed_on,
                    today=today,
                    window=rules.SELF_AUDIT_WINDOW,
                    **self_audit,
                )
                # The certificate is internal auditor status: once that has expired, so has the certificate.
                return (auditor if auditor.status == Status.LAPSED else standing), certificate
            if training is None:
                return self._pending_or_missing(code, rules.SELF_AUDIT_WINDOW, today)
            safety_management = self.verified[CourseCode.SAFETY_MANAGEMENT]
            if problem := rules.auditor_training_prerequisite_problem(
                safety_management_on=safety_management[0].completed_on if safety_management else None,
                auditor_training_on=training_on,
            ):
                return Standing(Status.MISSING, note=problem), training
            return auditor, training
        if code not in (CourseCode.LSE, CourseCode.LSE_PROFICIENCY):
            raise ValueError(f"{code} is not a course of the SECOR training chart")
        # LSE and its proficiency (TRN-7).
        training = self.latest(CourseCode.LSE)
        training_on = training and training.completed_on
        certificate = self.first_after(CourseCode.LSE_PROFICIENCY, training_on)
        proficiency = rules.proficiency_standing(
            training_on=training_on,
            accepted_on=certificate and certificate.completed_on,
            today=today,
            window=rules.LSE_WINDOW,
            submitted=self._open(ProficiencySubmission.Kind.LSE_PROFICIENCY, training_on),
            returned=self._returned(ProficiencySubmission.Kind.LSE_PROFICIENCY, training_on),
            extended_to=training and training.extended_deadline,
        )
        if training is None:
            if code == CourseCode.LSE_PROFICIENCY:
                return self._pending_window(CourseCode.LSE, rules.LSE_WINDOW, today), None
            return self._pending_or_missing(code, rules.LSE_WINDOW, today)
        if code == CourseCode.LSE_PROFICIENCY:
            return proficiency, certificate
        return rules.lse_standing(training_on=training_on, proficiency=proficiency), training

    def _maintenance(self, recertified_by_retaking: list[date] = ()) -> dict[str, list[date]]:
        """What keeps internal auditor status (TRN-6): maintenance audits by the date they reached SCSA (a
        corrected one keeps its first date), and re-certification training, the two-day course retaken
        while the status was valid included (DOMAIN section 8)."""
        maintenance = ProficiencySubmission.Kind.MAINTENANCE_AUDIT
        classroom = [r.completed_on for r in self.verified[CourseCode.AUDITOR_RECERTIFICATION]]
        return {
            "maintenance_audits_accepted": self._submitted_on(maintenance, ProficiencySubmission.Status.ACCEPTED),
            "maintenance_audits_in_review": self._submitted_on(maintenance, ProficiencySubmission.Status.SUBMITTED),
            "recertifications": sorted([*classroom, *recertified_by_retaking]),
        }

    def auditor_training(self) -> tuple[TrainingRecord | None, list[date]]:
        """TRN-5, TRN-6: the Safety Auditor Training the status is anchored to, and the later ones that count
        as classroom re-certification because they were taken while the status was valid (DOMAIN section 8:
        they open no new 8-month window). A training taken when there was no valid status starts anew."""
        anchor, retaken = None, []
        for training in self.verified[CourseCode.SAFETY_AUDITOR]:
            if anchor is not None and self._valid_auditor_on(anchor, retaken, training.completed_on):
                retaken.append(training.completed_on)
            else:
                anchor, retaken = training, []
        return anchor, retaken

    def _valid_auditor_on(self, training: TrainingRecord, retaken: list[date], day: date) -> bool:
        certificate = self.first_after(CourseCode.INTERNAL_AUDITOR_CERTIFICATE, training.completed_on)
        if certificate is None or certificate.completed_on > min(day, self.deadline(training)):
            return False
        cycle = rules.auditor_cycle(training_on=training.completed_on, **self._maintenance(retaken))
        return day <= cycle.expires_on

    def auditor_cycle(self) -> tuple[TrainingRecord, rules.AuditorCycle] | None:
        """TRN-6: the Safety Auditor Training and the status cycle in force, for a person whose Internal
        Auditor Certificate was accepted in time (TRN-5); None for anyone else."""
        training, retaken = self.auditor_training()
        if training is None:
            return None
        certificate = self.first_after(CourseCode.INTERNAL_AUDITOR_CERTIFICATE, training.completed_on)
        if certificate is None or certificate.completed_on > self.deadline(training):
            return None
        return training, rules.auditor_cycle(training_on=training.completed_on, **self._maintenance(retaken))

    def _unexpired(self, code: str, today: date) -> list[TrainingRecord]:
        """TRN-8: the verified completions that count today: an Energy Safety Canada certificate until it expires."""
        return [record for record in self.verified[code] if record.expires_on is None or record.expires_on >= today]

    def _scot_valid(self, today: date) -> bool:
        return bool(self._unexpired(CourseCode.SCOT, today))

    def time_boundaries(self, today: date) -> list[date]:
        """The last days on which this person's standings hold by time alone: a proficiency deadline, the
        maintenance audit's due date, the status expiry, an Energy Safety Canada certificate's expiry (each
        changes the standing the day after)."""
        days = [record.expires_on for record in self.verified[CourseCode.SCOT] if record.expires_on]
        trainings = [self.auditor_training()[0], self.latest(CourseCode.LSE)]
        trainings += [self.pending_training(CourseCode.SAFETY_AUDITOR), self.pending_training(CourseCode.LSE)]
        for training in trainings:
            if training is not None:
                days.append(self.deadline(training))
        if current := self.auditor_cycle():
            days += [current[1].audit_due, current[1].expires_on]
        return [day for day in days if day >= today]

    def pending_training(self, code: str) -> TrainingRecord | None:
        """The latest record of a training (Safety Auditor Training, LSE) waiting for SCSA's verification, for a
        person with no verified one: its 8-month window already runs from the date recorded (TRN-5, TRN-7)."""
        if self.verified[code] or not self.pending[code]:
            return None
        return self.pending[code][-1]

    def _pending_window(self, code: str, window: rules.ProficiencyWindow, today: date) -> Standing:
        """The proficiency after a training recorded and not verified yet: due by the recorded date's deadline,
        marked pending verification; missing without such a record."""
        record = self.pending_training(code)
        return rules.proficiency_standing(
            training_on=record and record.completed_on, accepted_on=None, today=today, window=window, pending=True
        )

    def _pending_or_missing(
        self, code: str, window: rules.ProficiencyWindow, today: date
    ) -> tuple[Standing, TrainingRecord | None]:
        """A training not verified: pending (with the deadline it starts, TRN-5, TRN-7), returned, or missing."""
        pending, returned = next(iter(self.pending[code]), None), next(iter(self.returned[code]), None)
        if self.pending_training(code) is not None:
            return self._pending_window(code, window, today), self.pending_training(code)
        return rules.course_standing(held_on=None, pending=pending is not None, returned=bool(returned)), (
            pending or returned
        )
