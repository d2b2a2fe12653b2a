"""The one registered hook file (MkDocs or ProperDocs): each event delegates to gongkai's adapter.

The engine puts this folder on sys.path only while loading this file, so the
package is imported here, at load time. `serve` keeps this module loaded
between rebuilds: its one piece of state is the session, which owns the
preview memory.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from gongkai.generator.mkdocs_adapter import Adapter, Session

_session: Session | None = None


def on_startup(command, dirty):
    global _session
    _session = Session(command, dirty)
    if dirty:
        # `gongkai serve` builds dirty on purpose: record pages and the home page are rebuilt
        # from the data every time and nav titles are explicit, so the engine's warning does not apply.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _build() -> Adapter:
    assert _session is not None and _session.build is not None
    return _session.build


def on_config(config):
    # Runs before the engine empties site/: bad data stops the build with nothing written.
    if _session is None:  # an engine that skips on_startup (MkDocs < 1.4)
        on_startup("build", False)
    _session.start(config)
    return config


def on_pre_build(config):
    # Before the engine empties site/: its old files are deleted beside the build instead.
    _session.clearing.start(config.site_dir)


def on_files(files, config):
    # Late enough that hand-written docs are known (for clashes), early enough for the nav.
    return _build().add_files(files, config)


def on_env(env, config, files):
    # Hand-written links to record pages are validated by now; don't copy placeholders.
    _build().drop_placeholders(files, env)
    return env


def on_page_content(html, page, config, files):
    return _build().page_content(html, page)


def on_post_page(output, page, config):
    _build().post_page(output, page)
    return output


@event_priority(-50)
def on_post_build(config):
    # After every other plugin's post-build work: the record pages and our search index come last.
    _build().finish(config, _session.clearing)
    _session.finished()
