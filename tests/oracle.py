"""What residents may see, worked out straight from the YAML, independently of the catalog.

One oracle for every test: an organization is public when neither it nor any
organization above it is a draft; a pledge once signed (签约 in its 进程),
not a draft, and not owned by a draft member; honors unless revoked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


def _yes(record: dict, key: str) -> bool:
    return str(record.get(key, "否")) == "是"


@dataclass
class Public:
    orgs: dict[str, dict] = field(default_factory=dict)  # id → the organization's YAML
    pledges: list[dict] = field(default_factory=list)  # each pledge's YAML with "org": its organization id
    members: dict[tuple[str, str], dict] = field(default_factory=dict)  # (org id, member id) → YAML
    honors: set[tuple[str, str, int]] = field(default_factory=set)  # (holder's name, title, year)

    @property
    def model_members(self) -> dict[tuple[str, str], dict]:
        return {k: m for k, m in self.members.items() if m.get("先锋") or m.get("荣誉") or m.get("五带头")}


def public_from_yaml(data: Path) -> Public:
    orgs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((data / "organizations").glob("*.yml"))}

    def shown(org_id: str) -> bool:
        seen: set[str] = set()
        while org_id in orgs and org_id not in seen:
            if _yes(orgs[org_id], "草稿"):
                return False
            seen.add(org_id)
            org_id = orgs[org_id].get("上级")
        return True

    public = Public()
    for org_id, org in orgs.items():
        if not shown(org_id):
            continue
        public.orgs[org_id] = org
        members = {m["编号"]: m for m in org.get("党员") or [] if not _yes(m, "草稿")}
        public.members.update({(org_id, k): m for k, m in members.items()})
        public.pledges += [{**p, "org": org_id} for p in org.get("承诺") or []
                           if not _yes(p, "草稿") and "签约" in p["进程"] and (not p.get("党员") or p["党员"] in members)]
        public.honors |= {(org["名称"], h["名称"], int(h["年度"])) for h in org.get("荣誉") or [] if not _yes(h, "撤销")}
        public.honors |= {(m["姓名"], h["名称"], int(h["年度"])) for m in members.values() for h in m.get("荣誉") or [] if not _yes(h, "撤销")}
    return public
