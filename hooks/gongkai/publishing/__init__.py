"""Releases and their manifests, the publish lock, verification, the atomic build and the kiosk bundle. Imports generator.engine, records.privacy and common."""
