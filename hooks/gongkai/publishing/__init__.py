"""Releases, their verification and the kiosk bundle. Imports generator.engine, records.privacy and common."""
