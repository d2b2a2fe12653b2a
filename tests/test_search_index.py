"""Our prebuilt search index, read from its files: what it finds and what it never holds."""
from __future__ import annotations

import json
import os
import re
from array import array
from pathlib import Path

from conftest import ROOT
from oracle import public_from_yaml
from gongkai.common.build_cache import BuildCache
from gongkai.render.search_live import LiveIndex, write_search
from gongkai.render.search_text import COMMON, NAME, Doc, decode, encode, normalize, pack, shard_files, shard_of, write_files, write_index


def _calls(folder: Path) -> dict[str, object]:
    """Each script file's payload: gkSearch.x(n, {...}); → {...}."""
    found = {}
    for path in folder.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        found[str(path.relative_to(folder))] = json.loads(re.match(r"gkSearch\.\w+\((?:\d+,)?(.*)\);\n$", text, re.S).group(1))
    return found


def _index(site: Path):
    files = _calls(site / "search")
    meta = files["meta.js"]
    docs = [row for n in range(len([k for k in files if k.startswith("d/")])) for row in files[f"d/{n}.js"]]
    shards = {int(k[2:-3]): v for k, v in files.items() if k.startswith("s/")}
    return meta, docs, shards, "\n".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.js"))


def _found(meta, docs, shards, term: str) -> set[str]:
    hits = decode(shards[shard_of(term, meta["shards"])]["t"].get(term, []))
    return {docs[number][0] for number in hits}


def test_every_public_pledge_organization_and_member_is_found_whole(demo_site: Path) -> None:
    meta, docs, shards, _ = _index(demo_site)
    assert meta["docs"] == len(docs)
    public = public_from_yaml(ROOT / "data")
    for org_id, org in public.orgs.items():
        assert any(loc.startswith(f"zuzhi/{org_id}/") for loc in _found(meta, docs, shards, normalize(org["名称"]))), org_id
    for pledge in public.pledges:
        where = f"chengnuo/{pledge['org']}/{pledge['季度'].lower()}/"
        hits = _found(meta, docs, shards, normalize(pledge["标题"]).replace(" ", ""))
        assert any(loc.startswith(where) and loc.endswith(f"#c-{pledge['编号']}") for loc in hits), (where, pledge["标题"])
    for (org_id, member_id), member in public.model_members.items():
        assert any(f"dangyuan/{org_id}/{member_id}/" in loc for loc in _found(meta, docs, shards, member["姓名"])), member_id


def test_words_of_a_pledge_text_find_it(demo_site: Path) -> None:
    meta, docs, shards, _ = _index(demo_site)
    solar = _found(meta, docs, shards, "太阳") & _found(meta, docs, shards, "阳能")
    assert solar and all("#c-" in loc for loc in solar)


def test_drafts_unsigned_pledges_and_revoked_honors_are_never_in_the_index(demo_site: Path) -> None:
    *_, everything = _index(demo_site)
    for hidden in ("尚在审诺的承诺", "草稿承诺", "草稿党员", "已撤销的荣誉称号"):
        assert hidden not in everything, hidden


def test_every_shard_the_page_may_ask_for_is_written(demo_site: Path) -> None:
    meta, _, shards, _ = _index(demo_site)
    assert sorted(shards) == list(range(meta["shards"]))


def test_a_term_in_very_many_documents_keeps_its_best_and_is_marked_common(tmp_path: Path) -> None:
    """At district scale 承诺 is in most documents: its list keeps the names and titles first, and says it was cut."""
    titles = {number: NAME for number in (3, 1500, 2999)}
    hits = {number: titles.get(number, 1) for number in range(3000)}
    encoded, cut = encode(pack(hits))
    kept = decode(encoded)
    assert cut and len(kept) == COMMON and all(kept[n] == NAME for n in titles)
    assert set(kept) - set(titles) == set(range(COMMON - len(titles) + 1)) - {3}  # then the first documents
    assert decode(encode(pack({5: 1, 9: 3}))[0]) == {5: 1, 9: 3} and not encode(pack({5: 1}))[1]
    write_files(tmp_path, shard_files({"承诺": pack(hits), "路灯": pack({7: NAME})}, 16))
    tables = {k: v for k, v in _calls(tmp_path).items()}
    holding = [t for t in tables.values() if "承诺" in t["t"]]
    assert len(tables) == 16 and holding[0]["c"] == ["承诺"]
    assert all("路灯" not in t["c"] for t in tables.values())


def _docs(texts: dict[str, str]) -> list[Doc]:
    return [Doc(f"chengnuo/{key}/#c-{key}", f"承诺{key}", "承诺", names=(f"承诺{key}",), text=(text,)) for key, text in texts.items()]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.js"))}


def _parts(cache) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in cache.root.glob("search-*/*/*")}


def _kept(cache) -> LiveIndex:
    from gongkai.common.build_cache import key_of
    from gongkai.render.search_live import KIND
    from gongkai.render.search_store import PartStore

    key = key_of("search index", ())
    return LiveIndex.load(cache.read(KIND, key), PartStore(cache, key))


def test_the_index_updated_by_an_edit_is_the_full_builds_byte_for_byte(tmp_path: Path, monkeypatch) -> None:
    """A preview and a build with its cache re-index only what changed; the files must be a full build's."""
    from gongkai.render import search_live

    monkeypatch.setattr(search_live, "PIECE", 20)
    cache = BuildCache(tmp_path / "cache", version="t")
    texts = {f"p{n:03}": f"第{n}号承诺：为{'东西南北'[n % 4]}街安装太阳能路灯{n % 7}盏，帮扶退休教师" for n in range(180)}
    live, preview = LiveIndex(), tmp_path / "preview" / "search"
    live.update(_docs(texts)).write(preview)
    write_search(tmp_path / "first", [], _docs(texts), cache=cache)
    edits = [{"p007": "修缮村口石桥一座"},  # a term gone (路灯 in one document fewer), new terms (石桥)
             {"p120": "第120号承诺：为东街安装太阳能路灯6盏，帮扶退休教师，新增独一无二的词：琉璃瓦"},
             {"p007": texts["p007"]}]  # and back
    for number, edit in enumerate(edits):
        texts.update(edit)
        sizes = live.update(_docs(texts)).write(preview)
        write_index(tmp_path / f"fresh{number}", _docs(texts))
        fresh = _files(tmp_path / f"fresh{number}" / "search")
        assert _files(preview) == fresh, edit
        assert 0 < sizes["rewritten"] < len(fresh) - 1  # only the files the edit touched
        before, pieces = _parts(cache), _kept(cache).doc_keys
        write_search(tmp_path / f"built{number}", [], _docs(texts), cache=cache)  # a build's fresh folder: every file
        assert _files(tmp_path / f"built{number}" / "search") == fresh, edit
        written = {data for key, data in _parts(cache).items() if key not in before}
        last = _files(tmp_path / ("first" if number == 0 else f"built{number - 1}") / "search")
        assert {data for data in written if data.startswith(b"gkSearch.")} == {data for name, data in fresh.items() if last[name] != data}
        assert sum(old != new for old, new in zip(pieces, _kept(cache).doc_keys)) == 1  # of 9 pieces of documents, the edited one
    meta, docs, shards, _ = _index(preview.parent)
    assert not [k for k in _found(meta, docs, shards, "石桥")]  # gone again with the undo
    texts.pop("p050")  # one document fewer: every number after it moves, so everything is made anew
    assert live.update(_docs(texts)).write(preview)["rewritten"] == len(live.files)
    write_index(tmp_path / "fewer", _docs(texts))
    assert _files(preview) == _files(tmp_path / "fewer" / "search")
    write_search(tmp_path / "built-fewer", [], _docs(texts), cache=cache)
    assert _files(tmp_path / "built-fewer" / "search") == _files(tmp_path / "fewer" / "search")


def test_an_edit_re_encodes_a_common_term_cut_to_its_best_documents_as_a_full_build_does(tmp_path: Path, monkeypatch) -> None:
    """Terms held by more than COMMON documents keep their best; an edit that moves one in or out of them,
    and one that leaves a common term alone, must give a full build's files."""
    from gongkai.render import search_text

    monkeypatch.setattr(search_text, "COMMON", 4)
    texts = {f"p{n:03}": f"帮扶退休教师，安装路灯{n}盏" for n in range(40)}
    live, preview = LiveIndex(), tmp_path / "preview" / "search"
    live.update(_docs(texts)).write(preview)
    cut_before = _cut_terms(preview)
    assert "路灯" in cut_before
    for number, edit in enumerate(({"p030": "路灯路灯路灯，路灯"}, {"p031": "修缮石桥"}, {"p030": texts["p030"]})):
        texts.update(edit)
        live.update(_docs(texts)).write(preview)
        write_index(tmp_path / f"fresh{number}", _docs(texts))
        assert _files(preview) == _files(tmp_path / f"fresh{number}" / "search"), edit
    assert _cut_terms(preview) == cut_before


def _cut_terms(folder: Path) -> set[str]:
    return {term for shard in _calls(folder).values() if isinstance(shard, dict) and "c" in shard for term in shard["c"]}


def test_a_kept_index_cut_short_or_missing_a_part_is_made_anew_and_right(tmp_path: Path, monkeypatch) -> None:
    """The kept entry names its parts (here 7 documents a piece, 4 groups of postings); an entry cut short, or
    a part deleted or damaged (the cache cleared by hand, another build pruning at once), must not give wrong
    files: the build indexes everything anew."""
    import shutil

    from gongkai.common.build_cache import key_of
    from gongkai.render import search_live
    from gongkai.render.search_store import PartStore

    monkeypatch.setattr(search_live, "PIECE", 7)
    monkeypatch.setattr(search_live, "GROUPS", 4)
    texts = {f"p{n:03d}": f"第{n}号承诺：为{n}户安装路灯" for n in range(30)}
    pristine = BuildCache(tmp_path / "pristine", version="t")
    write_search(tmp_path / "first", [], _docs(texts), cache=pristine)
    key = key_of("search index", ())
    entry = pristine.read(search_live.KIND, key)
    kept = LiveIndex.load(entry, PartStore(pristine, key))
    assert len(kept.doc_keys) == 5 and 0 < len(kept.group_keys) <= 4 and len(kept.kept) == len(_files(tmp_path / "first" / "search"))
    assert len(entry) < sum(size for _, size in kept.kept.values())  # the entry names the files; their bytes are in parts
    texts["p012"] = "修缮村口石桥一座"
    write_index(tmp_path / "fresh", _docs(texts))
    parts = {"documents": kept.doc_keys, "postings": list(kept.group_keys.values()), "files": [k for k, _ in kept.kept.values()]}
    # Damaged bytes are caught where a part is read; a file copy is linked unread, as the page cache's are.
    for damage in ("entry cut", "documents deleted", "documents damaged", "postings deleted", "postings damaged", "files deleted"):
        cache = BuildCache(tmp_path / damage, version="t")
        shutil.copytree(pristine.root, cache.root)
        if damage == "entry cut":
            cache.write(search_live.KIND, key, entry[:len(entry) // 2])
        for part in parts.get(damage.split()[0], ()):
            path = cache.path(PartStore(cache, key).kind, part)
            path.unlink() if damage.endswith("deleted") else path.write_bytes(b"gkSearch.shard(0,{});\n")
        write_search(tmp_path / f"site {damage}", [], _docs(texts), cache=cache)
        assert _files(tmp_path / f"site {damage}" / "search") == _files(tmp_path / "fresh" / "search"), damage


def test_a_builds_search_files_are_linked_from_the_cache_and_an_edit_never_writes_through(tmp_path: Path) -> None:
    """Unchanged search files are hard links to kept copies (one copy on disk); a changed one is a new file,
    so the earlier site and the kept copies stay as they were; copies no build uses any more are dropped."""
    cache = BuildCache(tmp_path / "cache", version="t")
    texts = {f"p{n:03}": f"第{n}号承诺：为{'东西南北'[n % 4]}街安装路灯{n}盏" for n in range(120)}
    write_search(tmp_path / "one", [], _docs(texts), cache=cache)
    one = _files(tmp_path / "one" / "search")
    write_search(tmp_path / "two", [], _docs(texts), cache=cache)
    two = tmp_path / "two" / "search"
    assert _files(two) == one

    def copies() -> dict[int, bytes]:  # the kept search files (the other parts are documents and postings)
        return {os.stat(p).st_ino: data for p in cache.root.glob("search-*/*/*") if (data := p.read_bytes()).startswith(b"gkSearch.")}
    assert {os.stat(two / name).st_ino for name in one} <= set(copies()) and len(copies()) == len(one)
    texts["p007"] = "修缮村口石桥一座"
    write_search(tmp_path / "two", [], _docs(texts), cache=cache)  # into the same folder, as `mkdocs build --dirty`
    write_index(tmp_path / "fresh", _docs(texts))
    assert _files(two) == _files(tmp_path / "fresh" / "search") != one
    assert _files(tmp_path / "one" / "search") == one  # nothing written through a link
    assert sorted(copies().values()) == sorted(_files(two).values())  # the edited files' old copies dropped


def test_a_build_makes_the_documents_only_of_pages_whose_key_changed(tmp_path: Path) -> None:
    """A page whose key (a hash of all its inputs, the page cache's) is the kept one keeps its documents without
    making them; one with another key, or none, is made and compared; a page with more documents than before
    moves every later one, so all are made. The files are a full build's each time."""
    from gongkai.plan.spec import Findable
    from gongkai.render.search_text import documents

    cache, made = BuildCache(tmp_path / "cache", version="t"), []
    texts = {n: f"第{n}号承诺：为{'东西南北'[n % 4]}街安装路灯{n}盏" for n in range(60)}

    def pages(keys: dict) -> list:
        def finds(n: int, text: str, extra: bool):
            def make():
                made.append(n)
                return (Findable(f"承诺{n}", "承诺", names=(f"承诺{n}",), text=(text,)),) + ((Findable("附", "承诺"),) if extra else ())
            return make
        return [(f"chengnuo/p{n}/", f"承诺{n}", keys.get(n, f"k{n}"), finds(n, text, keys.get(n) == "two")) for n, text in texts.items()]

    def check(name: str, keys: dict) -> list[int]:
        """The pages whose documents the build made."""
        made.clear()
        write_search(tmp_path / name, pages(keys), [], cache=cache)
        built = sorted(made)
        expected = tmp_path / f"{name}-fresh"
        write_index(expected, documents([(location, title, finds()) for location, title, _, finds in pages(keys)]))
        assert _files(tmp_path / name / "search") == _files(expected / "search"), name
        return built

    assert check("first", {}) == list(texts)
    texts[7] = "修缮村口石桥一座"
    assert check("edited", {7: "k7-edited", 9: None}) == [7, 9]
    assert check("unchanged", {7: "k7-edited", 9: None}) == [9]
    # 20 now has two documents: every page is made, and 9 and 20 (made before that was known) not twice
    assert check("more", {7: "k7-edited", 20: "two"}) == list(texts)
