"""The clerks' records: strict YAML, field types, privacy, schema, messages, loader, cross-references, catalog and the publication gate. Imports common, yaml and pydantic; nothing of the site."""
