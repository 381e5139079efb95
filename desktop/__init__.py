"""PySide6 desktop application and the kaika command line."""
