"""Developer scripts run by dev.sh."""
