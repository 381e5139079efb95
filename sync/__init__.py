"""Till-side sync with head office: wire schema, hybrid logical clock, client."""
