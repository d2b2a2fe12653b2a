"""Publishes killed at every step, killed for real, and run three at once: the live site is always one
complete, verified release, the next publish cleans up, and rollback never puts a damaged release live."""
from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from gongkai.publishing import faults, guard, releases
from projects import gongkai, small_project, start

KILLED = -signal.SIGKILL


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A small project with six whole releases: a publish then prunes one, so every step runs."""
    project = small_project(tmp_path_factory.mktemp("base"))
    result = gongkai(project, "publish")
    assert result.returncode == 0, result.stderr
    first = (project / "site-live").resolve()
    (project / "whole.txt").write_text("\n".join(sorted(_files(first))), encoding="utf-8")
    for n in range(1, releases.KEEP):
        shutil.copytree(first, project / "releases" / f"20000101-00000{n}")
    return project


@pytest.fixture()
def project(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(base, copy, symlinks=True)
    return copy


def _files(release: Path) -> set[str]:
    return {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}


def _assert_live_is_one_whole_release(project: Path) -> Path:
    live = project / "site-live"
    assert live.is_symlink()
    target = live.resolve()
    assert target.parent == (project / "releases").resolve() and target in releases.listed(project / "releases")
    checked = releases.inspect(target)
    assert checked.verified, checked.problems[:3]
    whole = (project / "whole.txt").read_text(encoding="utf-8").splitlines()  # every release of this data has these files
    assert sorted(_files(target)) == whole and checked.pages > 10
    return target


def _assert_no_leftovers(project: Path) -> None:
    junk = [p.name for p in (project / "releases").iterdir() if p.name.endswith((".building", ".pruning"))]
    junk += [p.name for p in project.glob(".site-live.*")]
    assert junk == []


def _writers(folder: Path) -> list[int]:
    """Processes whose command line names `folder` (the engine building into it, and its workers)."""
    needle = os.fsencode(str(folder))
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (proc / "cmdline").read_bytes().split(b"\0"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _wait_for_staging_with_pages(project: Path, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for staging in (project / "releases").glob("*.building"):
            if any(staging.rglob("*.html")):
                return staging
        time.sleep(0.02)
    raise AssertionError("the publish never started writing pages")


@pytest.mark.parametrize("step", faults.STEPS)
def test_a_publish_killed_at_any_step_leaves_one_whole_release_live(project: Path, step: str) -> None:
    before = (project / "site-live").resolve()
    killed = gongkai(project, "publish", GONGKAI_FAULT=step)
    assert killed.returncode == KILLED, killed.stderr
    live = _assert_live_is_one_whole_release(project)
    assert (live == before) == (step not in ("swap", "prune"))
    if step == "prune":  # the release being pruned was renamed out first: half deleted, and not listed
        pruning = list((project / "releases").glob("*.pruning"))
        assert len(pruning) == 1 and all(releases.inspect(p).verified for p in releases.listed(project / "releases"))
    rolled = gongkai(project, "rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert _assert_live_is_one_whole_release(project) != live
    again = gongkai(project, "publish")
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    _assert_live_is_one_whole_release(project)
    _assert_no_leftovers(project)
    assert len(releases.listed(project / "releases")) == releases.KEEP


def test_sigkill_of_the_process_group_stops_the_engine_and_changes_nothing(project: Path) -> None:
    before = (project / "site-live").resolve()
    publisher = start(project, "publish")
    staging = _wait_for_staging_with_pages(project)
    os.killpg(publisher.pid, signal.SIGKILL)
    publisher.wait(10)
    deadline = time.monotonic() + 10  # the engine has its own group: it dies by the parent-death signal
    while _writers(staging) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _writers(staging) == []
    assert _assert_live_is_one_whole_release(project) == before
    again = gongkai(project, "publish")
    assert again.returncode == 0, again.stderr
    assert staging.name in again.stderr  # it says what it swept
    _assert_no_leftovers(project)


def test_sigterm_stops_the_engine_removes_the_staging_and_says_so(project: Path) -> None:
    before = (project / "site-live").resolve()
    publisher = start(project, "publish")
    staging = _wait_for_staging_with_pages(project)
    os.kill(publisher.pid, signal.SIGTERM)  # gongkai alone, as `kill PID` or systemd would
    _, err = publisher.communicate(timeout=30)
    assert publisher.returncode == 128 + signal.SIGTERM
    assert "已中止" in err and "Traceback" not in err
    assert not staging.exists() and _writers(staging) == []
    assert _assert_live_is_one_whole_release(project) == before


def test_three_publishes_at_once_queue_up_and_end_with_one_whole_release(project: Path) -> None:
    publishers = [start(project, "publish") for _ in range(3)]
    outputs = [p.communicate(timeout=240) for p in publishers]
    assert [p.returncode for p in publishers] == [0, 0, 0], outputs
    errors = "".join(err for _, err in outputs)
    assert "Traceback" not in errors and errors.count("等它结束后再发布") >= 1
    assert _assert_live_is_one_whole_release(project) == releases.listed(project / "releases")[-1]  # the last to finish
    _assert_no_leftovers(project)
    names = [path.name for path in releases.listed(project / "releases")]
    assert len(names) == releases.KEEP and len([n for n in names if not n.startswith("2000")]) == 4


def test_no_wait_refuses_at_once_while_another_publish_holds_the_lock(project: Path) -> None:
    """The lock a running publish holds, held here: racing a real publisher, a fast machine let it finish first."""
    before = _assert_live_is_one_whole_release(project) if (project / "releases").exists() else None
    with guard.exclusive(project / "releases"):
        started = time.monotonic()
        refused = gongkai(project, "publish", "--no-wait")
    assert refused.returncode == 3 and "--no-wait" in refused.stderr and time.monotonic() - started < 10
    assert "Traceback" not in refused.stderr
    if before is not None:
        assert _assert_live_is_one_whole_release(project) == before  # nothing published, nothing touched
    _assert_live_is_one_whole_release(project)
