"""Every URL of a generated page is built here and nowhere else.

Paths are short pinyin words for sections and the clerks' own ids for
records, so they stay readable and stable: adding a pledge never moves another.
Every page is a folder's index.md, so it lands at .../index.html whether or not
`use_directory_urls` is on (the kiosk build turns it off for file://), and
links name index.html explicitly so they work without a server.
"""
from __future__ import annotations

import posixpath
from typing import Optional

HOME = "index.md"
ORGS = "zuzhi/index.md"
MEMBERS = "dangyuan/index.md"
BOARDS = "chengnuo/index.md"
EVENTS = "biaozhang/index.md"
QUARTERS = "jidu/index.md"
ALBUMS = "xiangce/index.md"


def quarter_slug(quarter: str) -> str:
    return quarter.lower()  # 2024-Q3 → 2024-q3


def org(org_id: str) -> str:
    return f"zuzhi/{org_id}/index.md"


def member(org_id: str, member_id: str) -> str:
    return f"dangyuan/{org_id}/{member_id}/index.md"


def member_index(scope: str) -> str:
    """The model members of one organization's tree (the 优秀共产党员 index, split)."""
    return f"dangyuan/{scope}/index.md"


def board(org_id: str, quarter: str) -> str:
    return f"chengnuo/{org_id}/{quarter_slug(quarter)}/index.md"


def quarter_board(quarter: str, scope: Optional[str] = None) -> str:
    """All public pledges of one quarter, with the in-browser filters (scope: one organization's tree)."""
    return f"chengnuo/{quarter_slug(quarter)}/{scope + '/' if scope else ''}index.md"


def pledge_anchor(pledge_id: str) -> str:
    return f"c-{pledge_id}"


def pledge(org_id: str, quarter: str, pledge_id: str) -> str:
    return f"{board(org_id, quarter)}#{pledge_anchor(pledge_id)}"


def event(event_id: str) -> str:
    return f"biaozhang/{event_id}/index.md"


def quarter(quarter_key: str) -> str:
    return f"jidu/{quarter_slug(quarter_key)}/index.md"


def album(album_id: str) -> str:
    return f"xiangce/{album_id}/index.md"


def dest(src_uri: str) -> str:
    """The built file of a page: a/index.md → a/index.html."""
    return src_uri.replace("index.md", "index.html", 1)


def href(from_src: str, to_src: str) -> str:
    """A relative link from one page to another, working from file:// too."""
    here = posixpath.dirname(dest(from_src))
    target, _, anchor = dest(to_src).partition("#")
    return _relative(target, here) + (f"#{anchor}" if anchor else "")


def _relative(target: str, here: str) -> str:
    """posixpath.relpath for the site's own clean relative paths, without its trips to the file system
    (it asks for the working directory every call: 40,000 pages × dozens of links)."""
    to, at = target.split("/"), here.split("/") if here else []
    common = 0
    while common < min(len(to) - 1, len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:])


def root_prefix(from_src: str) -> str:
    """The relative path from a page to the site root ('../../'), for assets."""
    depth = dest(from_src).count("/")
    return "../" * depth


STATS = "tongji/index.md"
BRIEFINGS = "jianbao/index.md"
FEED = "feed.xml"
OPEN_DATA = "kaifang"  # folder of CSV and JSON exports

