"""Reads every file under data/ into records, collecting all problems.

Layout (see data/README.md):
    data/organizations/<id>.yml   one organization with its honors, members and pledges
    data/events/<id>.yml          one commendation event
    data/albums/<id>/album.yml    one album; its photos lie beside it
    data/quarters.yml             the theme of each quarter
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from pydantic import BaseModel, ValidationError

from gongkai.records import data_files, schema, strict_yaml
from gongkai.common.memo import Memory
from gongkai.records.messages import messages as _messages, not_a_mapping, where as _where
from gongkai.common.problems import Problem
from gongkai.records.loaded import Loaded, Origin, line_map
from gongkai.records.record_cache import RecordCache

QUARTERS = "\0quarters"  # in Loaded.broken when quarters.yml is missing or failed
_PARTS = {schema.Organization: {"党员": schema.Member, "承诺": schema.Pledge}}


def load(root: Path, memory: Optional[Memory] = None, cache: Optional[RecordCache] = None) -> Loaded:
    """Parsing and validating are the slow part at district scale; the same bytes give the
    same records, so a preview session (memory) and a build with a cache on disk re-read
    only the files that changed. (Parsed YAML itself is not kept: it would double the memory of a district.)"""
    # Reading a district makes millions of small objects and no reference
    # cycles; Python's cycle collector would rescan them again and again
    # (measured: 2.7× slower). It is switched off while reading.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(root, memory or Memory(), cache)
    finally:
        if collecting:
            gc.enable()


def _load(root: Path, memory: Memory, cache: Optional[RecordCache]) -> Loaded:
    line_map.cache_clear()
    loaded = Loaded(root=root, memory=memory, cache=cache)
    files = data_files.find(root)
    loaded.problems += files.problems
    loaded.broken |= files.refused
    _load_organizations(loaded, files.organizations)
    for found in files.events:
        _load_record(loaded, found.path, schema.Event, loaded.events if found.usable else {}, "名称", record_id=found.id)
    for found in files.albums:
        album = _load_record(loaded, found.path, schema.Album, loaded.albums if found.usable else {}, "名称", record_id=found.id)
        if album:
            album.files = data_files.album_photos(album, found.path.parent, root)
    result = _validate(loaded, files.quarters, schema.QuarterFile, "季度主题") if files.quarters else None
    if result is None:
        loaded.broken.add(QUARTERS)  # missing or wrong: said once, not again for every pledge
    for index, quarter in enumerate(result.quarters if result else []):
        origin = loaded.origin(result)
        loaded.origins[id(quarter)] = Origin(origin.file, origin.source, ("季度主题", index), quarter.key)
        if quarter.key in loaded.quarters:
            loaded.problem(quarter, (), "", f"季度 {quarter.key} 重复设定了主题")
        loaded.quarters[quarter.key] = quarter
    _index_children(loaded)
    return loaded


def _load_record(loaded: Loaded, path: Path, model: type[BaseModel], into: dict, label_key: str, record_id: str | None = None, **known):
    """known: the file's `version` (content hash) and/or its `read` (parsed elsewhere), when already at hand."""
    record_id = record_id or path.stem
    record = _validate(loaded, path, model, label_key, extra={"\0id": record_id}, **known)
    if record is not None:
        into[record_id] = record
    else:
        loaded.broken.add(record_id)
    return record


def _validate(loaded: Loaded, path: Path, model: type[BaseModel], label_key: str, extra: dict | None = None,
              read: "_Read | None" = None, version: str | None = None):
    """A file's record (None if it has problems, which are added to `loaded`).

    read: the file already parsed elsewhere; version: its content hash, already known.
    """
    rel = path.relative_to(loaded.root.parent).as_posix()
    data_bytes = b""
    if read is not None:
        version = read.version
    if version is None:
        data_bytes = path.read_bytes()
        version = hashlib.blake2b(data_bytes, digest_size=16).hexdigest()
    loaded.versions[rel] = version
    record_key = _cache_key(rel, version, model, extra)
    known = _recall(loaded, path, rel, version, model, extra) if read is None else None
    if known is not None:
        record, origin = known
        loaded.origins[id(record)] = origin
        loaded.labels[rel] = origin.label
        return record
    if read is None:
        read = _parse_and_check(loaded.root, path, rel, data_bytes or path.read_bytes(), version, model, label_key, extra)
    loaded.problems += read.problems
    loaded.broken |= read.broken
    if read.origin is not None:
        loaded.labels[rel] = read.origin.label
    if read.partial is not None:
        loaded.origins[id(read.partial)] = read.origin
        loaded.partial.append(read.partial)
    if read.record is not None:
        loaded.origins[id(read.record)] = read.origin
        if not read.problems:
            loaded.memory.put("records", record_key, (read.record, read.origin))
            if loaded.cache is not None and not read.stored:
                loaded.cache.put(rel, version, model, extra, read.record, read.origin.label)
    return read.record


def _recall(loaded: Loaded, path: Path, rel: str, version: str, model: type, extra: dict | None) -> Optional[tuple]:
    """(record, origin) kept for these very bytes: by the preview session, else in the cache on disk."""
    known = loaded.memory.get("records", _cache_key(rel, version, model, extra))
    kept = loaded.cache.get(rel, version, model, extra) if known is None and loaded.cache is not None else None
    if kept is not None:
        known = (kept[0], Origin(rel, path, (), kept[1]))
        loaded.memory.put("records", _cache_key(rel, version, model, extra), known)
    return known


def _cache_key(rel: str, version: str, model: type[BaseModel], extra: dict | None) -> tuple:
    return ((rel, version), model, tuple(sorted((extra or {}).items())))


@dataclass
class _Read:
    """One file parsed and validated, on its own (in a worker process, at district scale)."""

    version: str
    record: Any = None
    origin: Optional[Origin] = None
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    stored: bool = False  # already put in the cache on disk (by the worker that read it)
    partial: Any = None  # an organization that failed, holding its members and pledges that did not


def _parse_and_check(root: Path, path: Path, rel: str, data_bytes: bytes, version: str, model: type[BaseModel], label_key: str, extra: dict | None) -> _Read:
    scratch = Loaded(root=root)
    read = _Read(version, problems=scratch.problems, broken=scratch.broken)
    try:
        data, slips = strict_yaml.read_forgiving(data_bytes.decode("utf-8"))
    except UnicodeDecodeError as exc:  # at the line of the first byte that is not UTF-8
        read.problems.append(Problem(rel, data_bytes.count(b"\n", 0, exc.start) + 1, "", "文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为，编码选 UTF-8）"))
        return read
    read.problems += [Problem(rel, line, "", message) for line, message in slips]
    if data is strict_yaml.UNREADABLE:
        return read
    if not isinstance(data, dict):
        read.problems.append(Problem(rel, 1, "", not_a_mapping(data)))
        return read
    label = data.get(label_key) if isinstance(data.get(label_key), str) else path.stem
    origin = Origin(rel, path, (), label)
    data = {**data, **(extra or {})}
    # Members and pledges are validated one by one, so one bad pledge does not
    # hide the other pledges' cross-reference problems.
    parts = {key: data.pop(key) for key in _PARTS.get(model, {}) if isinstance(data.get(key), list)}
    field_sets: dict = {}
    record = _model_or_report(scratch, model, data, origin, (), field_sets)
    checked = {}
    for key, items in parts.items():
        good = checked[key] = [_model_or_report(scratch, _PARTS[model][key], item, origin, (key, i), field_sets) for i, item in enumerate(items)]
        # A member that failed is still known: pledges naming it are not reported again.
        read.broken.update(f"{(extra or {}).get(chr(0) + 'id')}/{item.get('编号')}" for item, ok in zip(items, good) if ok is None and isinstance(item, dict))
        if None in good:
            origin.kept = {**(origin.kept or {}), key: [i for i, ok in enumerate(good) if ok is not None]}
        if record is not None:
            attribute = next(name for name, f in model.model_fields.items() if f.alias == key)
            setattr(record, attribute, [item for item in good if item is not None])
    if slips:
        record = None  # read from the repaired text: its problems are listed, the file is not used
    if record is None and parts:
        # Its members and pledges that are right are still cross-checked (the file's other problems are already listed).
        attributes = {f.alias: name for name, f in model.model_fields.items()}
        read.partial = model.model_construct(name=label, **{attributes[key]: [g for g in good if g is not None] for key, good in checked.items()})
        read.partial.id = (extra or {}).get("\0id", "")
    read.record, read.origin = record, origin
    return read


# Organization files are most of a district's data (thousands of files): they
# are parsed on every core. Workers are forked, so they share the code and
# send back validated records; the parent keeps the order and the cache.
_PARALLEL_FROM = 200  # files to parse before a process pool pays for itself


def _load_organizations(loaded: Loaded, found: list[data_files.RecordFile]) -> None:
    todo, versions = [], {}
    for record in found:
        path = record.path
        rel = path.relative_to(loaded.root.parent).as_posix()
        version = versions[path] = _version(path, loaded.memory)
        if _recall(loaded, path, rel, version, schema.Organization, {"\0id": record.id}) is None:
            todo.append((path, rel, version, record.id))
    reads: dict[Path, _Read] = {}
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) >= _PARALLEL_FROM and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        jobs = [(loaded.root, loaded.cache and loaded.cache.cache, *job) for job in todo]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for job, read in zip(todo, pool.imap(_read_organization, jobs, chunksize=8)):
                reads[job[0]] = read
    for record in found:
        into = loaded.orgs if record.usable else {}
        _load_record(loaded, record.path, schema.Organization, into, "名称", record.id, read=reads.pop(record.path, None), version=versions[record.path])


def _version(path: Path, memory: Memory) -> str:
    """The file's content hash; a preview rebuild does not read again a file whose size and time are unchanged."""
    stat = path.stat()
    known = memory.get("file_hashes", path)
    if known is None or known[:2] != (stat.st_mtime_ns, stat.st_size):
        known = (stat.st_mtime_ns, stat.st_size, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
        memory.put("file_hashes", path, known)
    return known[2]


def _read_organization(job: tuple) -> _Read:
    root, cache, path, rel, version, record_id = job
    extra = {"\0id": record_id}
    read = _parse_and_check(root, path, rel, path.read_bytes(), version, schema.Organization, "名称", extra)
    if cache is not None and read.record is not None and not read.problems:
        # Kept by the worker: the records are pickled here, on every core, not again in the parent.
        RecordCache(cache).put(rel, version, schema.Organization, extra, read.record, read.origin.label)
        read.stored = True
    return read


def _model_or_report(loaded: Loaded, model: type[BaseModel], data: Any, origin: Origin, prefix: tuple, field_sets: dict | None = None):
    try:
        # One file's records with the same fields share one field set (see schema.Record).
        return model.model_validate(data, context={"field_sets": {} if field_sets is None else field_sets})
    except ValidationError as exc:
        for error, text in _messages(exc.errors(), model):
            loc = prefix + tuple(error["loc"])
            loaded.problems.append(Problem(origin.file, origin.line(*loc), _where(origin.label, loc), text))
        return None


def _index_children(loaded: Loaded) -> None:
    """Give members and pledges their organization and their own origin (kept with a cached record)."""
    for org in loaded.partial:
        loaded.origins.update(_children(org.id, org, loaded.origin(org)))
    for org_id, org in loaded.orgs.items():
        loaded.origins.update(loaded.memory.per_record("child_origins", org, None, lambda: list(_children(org_id, org, loaded.origin(org)))))


def _children(org_id: str, org: Any, origin: Origin) -> Iterator[tuple[int, Origin]]:
    for kind, records in (("党员", org.members), ("承诺", org.pledges)):
        for index, record in enumerate(records):
            if record.org_id != org_id:
                record.org_id = org_id
            index = origin.kept[kind][index] if origin.kept and kind in origin.kept else index
            yield id(record), Origin(origin.file, origin.source, (kind, index), f"{origin.label} › {kind}[{index + 1}]")
