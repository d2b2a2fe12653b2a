"""gongkai: turns the clerks' YAML records into a public disclosure site.

Core modules know nothing of MkDocs; only `mkdocs_adapter` does.
"""
