#!/usr/bin/env python3
"""Generates a realistic, deterministic dataset in gongkai's own data format.

    python tools/generate_data.py --size town --seed 2024 --out data
    python tools/generate_data.py --size district --seed 1 --out /tmp/district/data --no-photos

Sizes
  town      the shipped demo: 青石镇 — 1 党委, 6 党总支, 26 党支部, 1,354 党员 counted,
            about 40 model members and 150 pledges over the four quarters of 2024
  county    about 400 organizations (县委 → 乡镇党委/街道党工委 → 党总支 → 党支部),
            4,000 member records, 16,000 pledges
  district  about 4,000 organizations, 40,000 member records (80,000 党员 counted),
            160,000 pledges; one file per organization, written as it is made

Only members who are model members (先锋, honours, 五带头) or who pledge are
listed; 党员人数 counts everyone. The same seed gives the same bytes. Every
case the site must handle is present: each lifecycle stage, drafts, pledges
not yet public, overdue pledges, evaluated pledges with 领导点评 and 群众评议,
a revoked honour, commendation events and (with photos) albums.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from demo_pledges import award, special_cases  # noqa: E402
from demo_tree import batches, fill, make_world  # noqa: E402
from demo_world import SIZES  # noqa: E402
from demo_yaml import draw_photos, org_yaml, plan_albums, write_events, write_quarters  # noqa: E402


# ---------------------------------------------------------------------------
# Entry points.
# ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="town")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write (a README.md in it is kept)")
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=None,
                        help="draw photos with Pillow (default: only for --size town)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.size, args.seed, args.out, args.size == "town" if args.photos is None else args.photos)
    print(f"{args.size}（seed {args.seed}）: " + "，".join(f"{k} {v:,}" for k, v in counts.items()) + f"（{time.perf_counter() - started:.1f} 秒）")
    return 0


def generate(size: str, seed: int, out: Path, photos: bool) -> dict[str, int]:
    """Write a dataset of `size` into `out`; return its counts. Same arguments, same bytes.

    Random choices do not depend on `photos`: without photos the records are
    the same, only the 肖像/照片/相册 lines are left out.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}")
    rng = random.Random(seed)
    for sub in ("organizations", "events", "albums", "portraits", "photos"):
        shutil.rmtree(out / sub, ignore_errors=True)
    (out / "organizations").mkdir(parents=True)
    (out / "events").mkdir()
    world = make_world(rng, size)
    counts = Counter({"党组织": 0, "党员": 0, "模范党员": 0, "承诺": 0, "党员人数": 0, "荣誉": 0})
    for batch in batches(rng, world):
        for org in batch:
            if not org.phone:  # the county/district root comes last, already filled
                fill(rng, world, org)
        award(rng, world, batch)
        special_cases(rng, world, batch)
        for org in batch:
            (out / "organizations" / f"{org.id}.yml").write_text(org_yaml(org, photos), encoding="utf-8")
            counts["党组织"] += 1
            counts["党员"] += len(org.members)
            counts["模范党员"] += sum(m.model for m in org.members)
            counts["承诺"] += len(org.pledges)
            counts["党员人数"] += org.count if org.kind == "党支部" else 0
            counts["荣誉"] += len(org.honors) + sum(len(m.honors) for m in org.members)
    write_quarters(out)
    albums = plan_albums(world) if photos else {}
    counts["表彰活动"] = write_events(out, world, albums)
    if photos:
        counts["相册"], counts["照片"] = draw_photos(out, world, albums, seed)
    return dict(counts)


if __name__ == "__main__":
    sys.exit(main())
