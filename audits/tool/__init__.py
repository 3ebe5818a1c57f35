"""The SECOR audit tool (MAN-1, AUD-4): its versions, their sections and pass marks, edited by staff until one
takes effect."""
