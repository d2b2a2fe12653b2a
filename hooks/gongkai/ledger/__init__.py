"""台账: the records as a spreadsheet, out (export) and back in (import), with check's validation.

Imports records and common, pydantic (the schema's field types), xlsxwriter (writing), python_calamine (reading),
openpyxl (the second reader), yaml (libyaml marks for line edits), ruamel (the
round-trip writer kept for comparison); only cli imports this room.
"""
