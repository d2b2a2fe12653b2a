"""The one registered MkDocs hook file: each event delegates to gongkai's adapter.

MkDocs puts this folder on sys.path only while loading this file, so the
package is imported here, at load time.
"""
from __future__ import annotations

from gongkai.mkdocs_adapter import GongkaiBuild

_command = "build"
_build: GongkaiBuild | None = None


def on_startup(command, dirty):
    global _command
    _command = command  # drafts are shown only by the preview server


def on_config(config):
    # Runs before MkDocs empties site/: bad data stops the build with nothing written.
    global _build
    _build = None
    _build = GongkaiBuild(config, preview=_command == "serve")
    return config


def on_files(files, config):
    # Late enough that hand-written docs are known (for clashes), early enough for the nav.
    return _build.add_files(files, config)


def on_page_content(html, page, config, files):
    return _build.page_content(html, page)


def on_post_build(config):
    # Joins the image pool: its failures fail the build like any data error.
    _build.finish(config.site_dir)
