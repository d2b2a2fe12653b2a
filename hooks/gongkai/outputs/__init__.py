"""Files beside the pages: open data and the feed. Imports plan, records and common."""
