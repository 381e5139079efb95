"""Protocol-level simulators of each device, for tests and demo mode."""
