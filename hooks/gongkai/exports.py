"""Open data: what is public, as CSV (UTF-8 with BOM, so Excel opens it) and JSON.

Reads only the publishable catalog, so drafts, unsigned pledges and revoked
honors never appear. The columns are documented in docs/open-data.md.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from . import urls
from .catalog import Catalog
from .schema import STAGE_NAMES

TABLES = ("organizations", "members", "honors", "pledges")


def rows(catalog: Catalog, as_of: date) -> dict[str, list[dict]]:
    orgs = [{"编号": o.id, "名称": o.name, "类型": o.kind, "上级编号": o.parent or "", "分类": o.sector, "监督电话": o.phone or "",
             "书记": o.secretary or "", "党员人数": o.member_count if o.member_count is not None else ""} for o in catalog.orgs.values()]
    members = [{"组织编号": m.org_id, "编号": m.id, "姓名": m.name, "职务": m.job or "", "岗位": m.post or "", "先锋": m.vanguard or ""}
               for m in catalog.members.values() if m.is_model]
    honors = [{"获得者类型": "党员" if e.member else "组织", "组织编号": e.org.id, "党员编号": e.member.id if e.member else "",
               "获得者": e.holder_name, "名称": e.honor.title, "级别": e.honor.level, "年度": e.honor.year,
               "授予单位": e.honor.awarded_by, "表彰活动": e.honor.event or ""} for e in catalog.honors]
    pledges = []
    for p in catalog.pledges:
        review = p.review
        pledges.append({
            "组织编号": p.org_id, "编号": p.id, "季度": p.quarter, "承诺人": catalog.owner_name(p), "承诺人类型": "党员" if p.member else "组织",
            "标题": p.title, "事项": "；".join(f"{i.name} {format(i.done.normalize(), 'f')}/{format(i.target.normalize(), 'f')}{i.unit}" for i in p.items),
            "完成时限": p.deadline.isoformat(), "进程": STAGE_NAMES[p.stage], "签约日期": p.history.signed.isoformat() if p.history.signed else "",
            "已兑现": "是" if p.fulfilled else "否", "逾期": "是" if p.overdue(as_of) else "否",
            "满意": review.satisfied if review else "", "基本满意": review.fairly if review else "", "不满意": review.unsatisfied if review else "",
            "页面": urls.dest(urls.pledge(p.org_id, p.quarter, p.id)),
        })
    return {"organizations": orgs, "members": members, "honors": honors, "pledges": pledges}


def write_exports(catalog: Catalog, as_of: date, site_dir: Path) -> None:
    folder = site_dir / urls.OPEN_DATA
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in rows(catalog, as_of).items():
        (folder / f"{name}.json").write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")
        buffer = io.StringIO()
        if table:
            writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(table)
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")
