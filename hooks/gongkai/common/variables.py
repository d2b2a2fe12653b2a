"""Environment variables one gongkai process sets for another (the command line for the engine's build)."""

# `gongkai publish --kiosk --scope ORG` hands the area to the engine's process this way: the engine's
# command line has no place for it, and a build run without it is the whole site again (settings.py reads it).
SCOPE = "GONGKAI_SCOPE"
