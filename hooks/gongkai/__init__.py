"""gongkai: turns the clerks' YAML records into a public disclosure site.

The stages, each a sub-package: records → plan → images → render → outputs → publishing;
`build` orders them and `generator` is the only room that knows the engine.
"""
