"""Use cases the screens and the CLI call: checkout, returns, members, cards, wallet, day close."""
