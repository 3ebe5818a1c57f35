"""The notice ledger: every email SECOR sends, each exactly once (NTC-1 … NTC-3).

A notice is *claimed* by inserting its row, unique on (recipient, kind, subject, the date it is about),
before anything is sent; only the sender that then moves the row to "sending" with a conditional update
sends it. A failed send is retried from the row with back-off; a row found still "sending" long after its
send began is *in doubt* (the mail server may have accepted it) and is never re-sent by itself: staff see
it and may resend it. Apps declare their kinds of notice (what they say, and for deadline notices, the
finder the daily sweep asks for what is due) in secor.notices.kinds.
"""
