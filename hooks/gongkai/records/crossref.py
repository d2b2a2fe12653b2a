"""Checks that span records: ids, the tree, owners, dates, events and photo files."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from gongkai.common.quarters import quarter_start
from gongkai.records.loaded import Loaded
from gongkai.records.loader import QUARTERS

if TYPE_CHECKING:  # the catalog hands itself in; importing it here would be a circle
    from gongkai.records.catalog import Catalog


PhotoInspector = Callable[[Path], Optional[str]]
MAX_LEVELS = 20  # 党委 → 党总支 → 党支部 → 党小组 is four; the site's pages walk the tree by recursion


def check_references(catalog: Catalog, loaded: Loaded, inspect_photo: Optional[PhotoInspector] = None) -> None:
    loaded.inspect_photo = inspect_photo
    _check_tree(catalog, loaded)
    # An organization whose own fields failed still has its good members and pledges checked.
    for org in (*catalog.orgs.values(), *loaded.partial):
        _check_duplicates(loaded, org, org.members, "党员", "编号")
        _check_duplicates(loaded, org, org.pledges, "承诺", "编号")
        member_ids = {m.id for m in org.members}
        for member in org.members:
            _check_file(catalog, loaded, member, ("肖像",), "肖像", member.portrait)
        for pledge in org.pledges:
            _check_pledge(catalog, loaded, pledge, member_ids)
    for entry in catalog.honors:
        if entry.honor.event and entry.honor.event not in catalog.events and entry.honor.event not in loaded.broken:
            record = entry.member or entry.org
            index = record.honors.index(entry.honor)
            loaded.problem(record, ("荣誉", index, "表彰活动"), f"荣誉[{index + 1}] › 表彰活动", f"找不到表彰活动「{entry.honor.event}」（应为 data/events/ 下的文件名）")
    for event in catalog.events.values():
        if event.album and event.album not in catalog.albums and event.album not in loaded.broken:
            loaded.problem(event, ("相册",), "相册", f"找不到相册「{event.album}」（应为 data/albums/ 下的文件夹名）")
        _check_event_quarter(catalog, loaded, event)
    for album in catalog.albums.values():
        if album.org and album.org not in catalog.orgs and album.org not in loaded.broken:
            loaded.problem(album, ("组织",), "组织", f"找不到组织「{album.org}」")
        if album.event and album.event not in catalog.events and album.event not in loaded.broken:
            loaded.problem(album, ("表彰活动",), "表彰活动", f"找不到表彰活动「{album.event}」")
        for index, photo in enumerate(album.photos):
            _check_file(catalog, loaded, album, ("照片", index, "文件"), f"照片[{index + 1}] › 文件", f"albums/{album.id}/{photo.file}")
        listed = {f"albums/{album.id}/{photo.file}" for photo in album.photos}
        for photo in album.files:  # in the folder, not listed: shown too, so checked too
            if photo.file not in listed:
                _check_file(catalog, loaded, album, (), f"照片 {photo.file.rsplit('/', 1)[-1]}", photo.file)


def _check_event_quarter(catalog: Catalog, loaded: Loaded, event) -> None:
    """一季一先锋: an event that chooses a quarter's vanguards names the quarter, one with a theme, begun by the event's day."""
    if event.quarter is None:
        if event.names_quarter_vanguards:
            guess = next((n for n, word in enumerate("一二三四", 1) if f"{word}季度" in event.title), 1)
            loaded.problem(event, ("名称",), "季度", f"「{event.title}」是一季一先锋的评选，请写明评的是哪个季度的先锋，如「季度: {event.day.year}-Q{guess}」")
        return
    if event.quarter not in catalog.quarters:
        loaded.problem(event, ("季度",), "季度", f"季度 {event.quarter} 还没有在 data/quarters.yml 中设定主题")
    elif event.day < quarter_start(event.quarter):
        loaded.problem(event, ("日期",), "日期", f"活动日期 {event.day} 早于所评的 {event.quarter} 季度开始（{quarter_start(event.quarter)}）：先锋要在季度开始后评选")


def _check_tree(catalog: Catalog, loaded: Loaded) -> None:
    for org_id, org in catalog.orgs.items():
        if org.parent is None:
            continue
        if org.parent in loaded.broken:
            continue
        if org.parent not in catalog.orgs:
            loaded.problem(org, ("上级",), "上级", f"找不到上级组织「{org.parent}」（应为 data/organizations/ 下的文件名）")
            continue
        seen, current = {org_id}, org.parent
        while current in catalog.orgs and len(seen) <= MAX_LEVELS:
            if current in seen:
                loaded.problem(org, ("上级",), "上级", "上级关系形成了循环，组织不能是自己的上级")
                break
            seen.add(current)
            current = catalog.orgs[current].parent
        else:
            if len(seen) == MAX_LEVELS + 1 and current not in catalog.orgs:  # the first level too deep, once per branch
                loaded.problem(org, ("上级",), "上级", f"组织的层级太多：从最上级数下来这是第 {MAX_LEVELS + 1} 级，最多 {MAX_LEVELS} 级")


def _check_duplicates(loaded: Loaded, org, records, kind: str, key: str) -> None:
    counts = Counter(r.id for r in records)
    for record in records:
        if counts[record.id] > 1:  # the record's own origin: its index in the file, even after others failed
            loaded.problem(record, (key,), key, f"编号「{record.id}」在本文件中重复")


def _check_pledge(catalog: Catalog, loaded: Loaded, pledge, member_ids: set[str]) -> None:
    if pledge.member and pledge.member not in member_ids and f"{pledge.org_id}/{pledge.member}" not in loaded.broken:
        loaded.problem(pledge, ("党员",), "党员", f"本组织的「党员」中没有编号为「{pledge.member}」的党员")
    if pledge.quarter not in catalog.quarters and QUARTERS not in loaded.broken:
        loaded.problem(pledge, ("季度",), "季度", f"季度 {pledge.quarter} 还没有在 data/quarters.yml 中设定主题")
    start = pledge.history.signed or pledge.history.survey
    if start and pledge.deadline < start:
        step = "签约" if pledge.history.signed else "调研"
        loaded.problem(pledge, ("完成时限",), "完成时限", f"完成时限 {pledge.deadline} 早于{step}日期 {start}")
    for index, update in enumerate(pledge.progress):
        for n, photo in enumerate(update.photos):
            _check_file(catalog, loaded, pledge, ("进展", index, "照片", n), f"进展[{index + 1}] › 照片[{n + 1}]", photo)


def _check_file(catalog: Catalog, loaded: Loaded, record, sub: tuple, where: str, rel: str | None) -> None:
    if not rel:
        return
    if not (catalog.root / rel).is_file():
        loaded.problem(record, sub, where, f"找不到照片文件 data/{rel}")
    elif loaded.inspect_photo is not None:
        problem = loaded.inspect_photo(catalog.root / rel)
        if problem:
            loaded.problem(record, sub, where, f"照片 data/{rel}：{problem}")
