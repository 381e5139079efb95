"""The till's screens and dialogs: log-in, sale, member panel, payment, returns, shifts."""
