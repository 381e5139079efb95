"""Migration steps, oldest first: 0001 the schema, then one file per change."""
