"""Small widgets the till's screens are built from: numpad, money label, status bar."""
