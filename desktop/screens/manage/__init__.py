"""Manager pages of the back office: reports, tiers, analysis, rules, staff, audit."""
