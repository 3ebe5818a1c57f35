"""What the training chart's tests build: records held on a day, trained employees designated, and the chart read
on the day the tests are set (TODAY)."""

from datetime import date

from tests.factories import TrainedEmployeeFactory, TrainingRecordFactory, course
from training import selectors
from training.rules import CourseCode

TODAY = date(2026, 11, 26)


def held(employee, code, on, **extra):
    return TrainingRecordFactory(employee=employee, course=course(code), completed_on=on, **extra)


def designate(employee, *codes, position=1):
    for code in codes:
        TrainedEmployeeFactory(employee=employee, course=course(code), position=position)


def cells(chart, code):
    return next(row for row in chart.rows if row.course.code == code).cells


def chart_of(company):
    return selectors.training_chart(company=company, today=TODAY)


def fully_trained(employee):
    held(employee, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(employee, CourseCode.SAFETY_AUDITOR, date(2025, 2, 3))
    held(employee, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2025, 6, 2))
    held(employee, CourseCode.LSE, date(2025, 3, 3))
    held(employee, CourseCode.LSE_PROFICIENCY, date(2025, 9, 1))
    held(employee, CourseCode.SCOT, date(2025, 1, 20))
    designate(employee, *CourseCode.DESIGNATED)
