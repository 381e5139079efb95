"""Documents laid out once and written as CSV or an A4 PDF, for the till and head office alike."""
