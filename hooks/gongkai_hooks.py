"""The one registered MkDocs hook file: each event delegates to gongkai's adapter.

MkDocs puts this folder on sys.path only while loading this file, so the
package is imported here, at load time.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from gongkai.generator.mkdocs_adapter import GongkaiBuild

_command = "build"
_build: GongkaiBuild | None = None


def on_startup(command, dirty):
    global _command
    _command = command  # drafts are shown only by the preview server
    if dirty:
        # `gongkai serve` builds dirty on purpose: record pages and the home page are rebuilt
        # from the data every time and nav titles are explicit, so MkDocs' warning does not apply.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_config(config):
    # Runs before MkDocs empties site/: bad data stops the build with nothing written.
    global _build
    if _build is not None:
        _build.close()
    _build = None
    _build = GongkaiBuild(config, preview=_command == "serve")
    return config


def on_files(files, config):
    # Late enough that hand-written docs are known (for clashes), early enough for the nav.
    return _build.add_files(files, config)


def on_env(env, config, files):
    # Hand-written links to record pages are validated by now; don't copy placeholders.
    _build.drop_placeholders(files)
    return env


def on_page_content(html, page, config, files):
    return _build.page_content(html, page)


def on_post_page(output, page, config):
    _build.post_page(output, page)
    return output


@event_priority(-50)
def on_post_build(config):
    # After the search plugin wrote its index (we add record pages to it),
    # before the offline plugin (-100) inlines that index for file://.
    _build.finish(config)
