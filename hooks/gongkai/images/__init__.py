"""The Pillow pipeline: photos in, resized WebP/JPEG out. Imports common and PIL; knows no HTML."""
