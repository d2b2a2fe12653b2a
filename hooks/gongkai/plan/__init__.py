"""The page plan: PageSpec, URLs, pages, splits, figures, statistics, the boards' poster facts, briefings. Imports records and common; no HTML, SVG or Jinja."""
