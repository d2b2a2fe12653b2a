"""The page plan: PageSpec, URLs, pages, splits, figures, statistics and print-view specs, briefings. Imports records and common; no HTML, SVG or Jinja."""
