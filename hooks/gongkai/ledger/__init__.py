"""台账: the records as a spreadsheet, out (export) and back in (import), with check's validation.

Imports records and common, pydantic (the schema's field types), openpyxl (writing; reading as the second engine),
python_calamine (reading), ruamel (round-trip YAML writing); only cli imports this room.
"""
