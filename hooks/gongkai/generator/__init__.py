"""The only room that knows the engine (MkDocs or ProperDocs): the hook adapter and the one function that runs it. Imports build, settings, plan, render.shell and common."""
