"""HTML: Jinja bodies, picture markup, QR and chart SVG, sanitizing, search entries, the shell fill, the preview memory. Imports plan, records, images (result types) and common."""
