"""Head-office service: enrolment, push/pull sync, ledgers, reconciliation, reports."""
