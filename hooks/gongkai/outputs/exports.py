"""Open data: what is public, as CSV (UTF-8 with BOM, so Excel opens it) and JSON.

Reads only the publishable catalog, so drafts, unsigned pledges and revoked
honors never appear. The columns are documented in docs/open-data.md; a
value not filled in is an empty string in both formats, so CSV and JSON
hold the same rows. `rows` is each table as a whole and `write_table` its
files; `org_parts` is one organization's share of them, which
outputs/export_cache.py keeps between builds and joins into the same files.
"""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from gongkai.plan import urls
from gongkai.records.catalog import Catalog, HonorEntry
from gongkai.plan.figures import amount_text, percent
from gongkai.records.schema import STAGE_NAMES, Member, Organization, Pledge

TABLES = ("organizations", "members", "honors", "pledges")
# One organization's parts, in the order org_parts gives them, and the table each goes to. The honors
# table is every organization's own honors, then every member's (Catalog.honors), so it has two parts.
PARTS = (("organizations", "organizations"), ("members", "members"), ("org_honors", "honors"),
         ("member_honors", "honors"), ("pledges", "pledges"))


def write_table(table: Iterable[dict[str, Any]], json_path: Path, csv_path: Path) -> None:
    """Both files row by row: a district's pledge table is 160,000 rows, never held whole in memory.

    JSON is an array with one row per line (readable, and diffable between releases).
    """
    with json_path.open("w", encoding="utf-8") as out_json, csv_path.open("w", encoding="utf-8-sig", newline="") as out_csv:
        out_json.write("[")
        writer = None
        for index, row in enumerate(table):
            if writer is None:
                writer = csv.DictWriter(out_csv, fieldnames=list(row), lineterminator="\r\n")
                writer.writeheader()
            writer.writerow(row)
            out_json.write(("\n" if index == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        out_json.write("\n]\n")


def rows(catalog: Catalog, as_of: date) -> dict[str, Iterator[dict[str, Any]]]:
    """Each table's rows, made one at a time as they are written."""
    return {
        "organizations": (_organization(catalog, o) for o in catalog.orgs.values()),
        "members": (_member(m) for m in catalog.members.values() if m.is_model),
        "honors": (_honor(e) for e in catalog.honors),
        "pledges": (_pledge(catalog, p, as_of) for p in catalog.pledges),
    }


def org_parts(catalog: Catalog, org: Organization, as_of: date) -> tuple[list[dict[str, Any]], ...]:
    """One organization's rows of each part (PARTS), as `rows` gives them: those tables, joined in the
    catalog's order of organizations, part by part, are `rows`' tables."""
    return ([_organization(catalog, org)],
            [_member(m) for m in org.members if m.is_model],
            [_honor(HonorEntry(h, org)) for h in org.honors],
            [_honor(HonorEntry(h, org, m)) for m in org.members for h in m.honors],
            [_pledge(catalog, p, as_of) for p in org.pledges])


def _organization(catalog: Catalog, o: Organization) -> dict[str, Any]:
    return {"编号": o.id, "名称": o.name, "类型": o.kind, "上级编号": o.parent if o.parent in catalog.orgs else "", "分类": o.sector,
            "监督电话": o.phone or "", "书记": o.secretary or "", "党员人数": _blank(o.member_count), "页面": urls.dest(urls.org(o.id))}


def _member(m: Member) -> dict[str, Any]:
    return {"组织编号": m.org_id, "编号": m.id, "姓名": m.name, "职务": m.job or "", "岗位": m.post or "", "先锋": m.vanguard or "",
            "页面": urls.dest(urls.member(m.org_id, m.id))}


def _honor(e: HonorEntry) -> dict[str, Any]:
    return {"获得者类型": "党员" if e.member else "组织", "组织编号": e.org.id, "党员编号": e.member.id if e.member else "",
            "获得者": e.holder_name, "名称": e.honor.title, "级别": e.honor.level, "年度": e.honor.year,
            "授予单位": e.honor.awarded_by, "表彰活动": e.honor.event or ""}


def _pledge(catalog: Catalog, p: Pledge, as_of: date) -> dict[str, Any]:
    review = p.review
    items = "；".join(f"{i.name} {amount_text(i.done)}/{amount_text(i.target)}{i.unit}" for i in p.items)
    return {
        "组织编号": p.org_id, "编号": p.id, "季度": p.quarter, "承诺人": catalog.owner_name(p), "承诺人类型": "党员" if p.member else "组织",
        "党员编号": p.member or "", "标题": p.title, "事项": items, "完成时限": p.deadline.isoformat(), "进程": STAGE_NAMES[p.stage],
        "签约日期": _day(p.history.signed), "公开日期": _day(p.history.published), "评诺日期": _day(p.history.evaluated),
        "已兑现": "是" if p.fulfilled else "否", "逾期": "是" if p.overdue(as_of) else "否",
        "领导点评": f"{p.comment.leader}（{p.comment.post}）" if p.comment else "",
        "满意": _blank(review and review.satisfied), "基本满意": _blank(review and review.fairly), "不满意": _blank(review and review.unsatisfied),
        "满意率": percent(review.rate) if review and review.total else "",
        "页面": urls.dest(urls.pledge(p.org_id, p.quarter, p.id)),
    }


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _day(value: Optional[date]) -> str:
    return value.isoformat() if value else ""
