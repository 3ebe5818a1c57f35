"""One review workflow for everything SCSA reviews: submit → accept, or return with comments → the company
submits a corrected *new version*. Nothing is overwritten: every version, its document and the reviewer's
comments (per section, for the manual) stay visible.

The apps say who may review (companies.access) and what an outcome means for them; this block keeps the
versions with their files, the reviewer a review is given to and the state, refuses a step the state does not
allow, and reads every review page's decision with one form (forms.DecisionForm).
"""
