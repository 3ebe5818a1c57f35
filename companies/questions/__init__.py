"""Ask SCSA for help: an employer's question to a Safety Advisor, from the step of the journey it came from,
the staff queue that answers it in SECOR, and the email and timeline line that keep the answer.

The seed tells employers to call an SCSA Safety Advisor; a question asked here is kept with the company, so
whoever answers sees where the company stands and the company keeps the answer.
"""
