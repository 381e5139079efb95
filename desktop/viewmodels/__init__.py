"""The till's state and logic without widgets: plain Python over the services, unit-testable."""
