# One way to write a date everywhere SECOR shows one (pages, PDFs), the way its messages and letters do
# (secor.dates.long_date): "November 27, 2026".
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
