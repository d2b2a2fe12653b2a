"""`gongkai` on the command line: check, build, serve, publish, releases, rollback, ledger.

`check` is what a clerk runs before publishing: it reads every file, reports
every problem at once in Chinese and touches no output.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from gongkai.common.problems import DataError
from gongkai.generator import engine
from gongkai.images.inspect import PhotoInspector
from gongkai.plan.briefings import check_briefings, read_briefings
from gongkai.plan.handwritten import check_pages
from gongkai.plan.site import plan_site
from gongkai.plan.stats import StatsBook
from gongkai.records.catalog import build_catalog
from gongkai.settings import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gongkai", description="公开栏：把 data/ 中的记录生成公开网站")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="项目目录（含 mkdocs.yml），默认当前目录")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="只检查数据，不生成网站")
    check.add_argument("--data", type=Path, help="数据目录，默认 <项目>/data")
    for name, text in (("build", "生成网站到 site/"), ("serve", "本地预览（含草稿）")):
        command = sub.add_parser(name, help=text)
        command.add_argument("-f", "--config-file", default="mkdocs.yml")
        command.add_argument("--engine", choices=engine.ENGINES, help="生成引擎，默认先用已安装的 mkdocs，其次 properdocs")
        if name == "serve":
            command.add_argument("-a", "--dev-addr", help="预览地址，默认 127.0.0.1:8000")
    _add_publishing(sub)
    _add_ledger(sub)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "check":
        return _check(args.data, project)
    if args.command == "ledger":
        return _ledger(args, project)
    if args.command in ("build", "serve", "publish"):
        try:  # the settings first: the engine's own reader answers a slip in them with a traceback
            Project.read(project, getattr(args, "config_file", "mkdocs.yml"))
        except DataError as error:
            print(error.report() + "\n网站未生成，已发布的内容保持不变。", file=sys.stderr)
            return 1
    if args.command in ("build", "serve"):
        try:
            if args.command == "build":  # atomic: site/ is replaced only by a build that succeeded
                from gongkai.publishing.sitebuild import build_command

                return build_command(project, args.config_file, args.engine)
            return engine.run(args.command, project, config_file=args.config_file, engine=args.engine, dev_addr=args.dev_addr)
        except engine.EngineError as error:
            print(error, file=sys.stderr)
            return 2
    return _run_publishing(args, project)


def _add_publishing(sub) -> None:
    """publish, releases, rollback: a new option is one line here and one keyword in _run_publishing."""
    publish = sub.add_parser("publish", help="生成、核验后原子替换已发布的网站")
    publish.add_argument("--kiosk", action="store_true", help="生成触摸屏离线版")
    scope = "只含这个组织和它下面的组织（组织编号，如 zongzhi-001），供一个街道、乡镇或村的触摸屏使用；需与 --kiosk 同用"
    publish.add_argument("--scope", metavar="组织编号", help=scope)
    publish.add_argument("--engine", choices=engine.ENGINES, help="生成引擎，默认先用已安装的 mkdocs，其次 properdocs")
    publish.add_argument("--no-wait", action="store_true", help="另一次发布正在进行时立即退出（退出码 3），不排队等候")
    listing = sub.add_parser("releases", help="列出已发布的版本：时间、页面数、是否完好、哪个正在使用")
    listing.add_argument("--kiosk", action="store_true", help="触摸屏离线版的版本")
    listing.add_argument("--scope", metavar="组织编号", help="一个组织的触摸屏离线版（见 publish --scope）")
    rollback = sub.add_parser("rollback", help="退回上一次发布的版本，或用 --to 换到指定版本（也可向前）")
    rollback.add_argument("--to", metavar="版本", help="要换上的版本名（见 gongkai releases）")
    rollback.add_argument("--kiosk", action="store_true", help="触摸屏离线版")
    rollback.add_argument("--scope", metavar="组织编号", help="一个组织的触摸屏离线版（见 publish --scope）")
    rollback.add_argument("--no-wait", action="store_true", help="另一次发布正在进行时立即退出（退出码 3）")


def _run_publishing(args, project: Path) -> int:
    from gongkai.publishing import publish as publishing  # deferred: only publishing needs it

    if args.scope and not args.kiosk:  # the intranet site is the whole site; an area's board is a kiosk
        print("--scope 只用于触摸屏离线版，请与 --kiosk 同用，如：gongkai publish --kiosk --scope zongzhi-001", file=sys.stderr)
        return 1
    if args.command == "publish":
        return publishing.publish_command(project, kiosk=args.kiosk, engine_name=args.engine, wait=not args.no_wait, scope=args.scope)
    if args.command == "releases":
        return publishing.releases_command(project, kiosk=args.kiosk, scope=args.scope)
    return publishing.rollback_command(project, kiosk=args.kiosk, to=args.to, wait=not args.no_wait, scope=args.scope)


def _add_ledger(sub) -> None:
    ledger = sub.add_parser("ledger", help="台账：把记录导出为 Excel，或把填好的 Excel/CSV 导入 data/")
    verbs = ledger.add_subparsers(dest="verb", required=True)
    export = verbs.add_parser("export", help="导出 .xlsx 台账（组织、党员、承诺、事项、进展、荣誉、填写说明）")
    export.add_argument("file", nargs="?", type=Path, help="要写的 .xlsx 文件，默认 台账.xlsx")
    export.add_argument("-o", "--output", type=Path, help="同 FILE")
    export.add_argument("--org", help="只导出这个组织和它下面的组织（组织编号）")
    export.add_argument("--quarter", help="只导出这个季度的承诺，如 2024-Q4")
    export.add_argument("--data", type=Path, help="数据目录，默认 <项目>/data")
    into = verbs.add_parser("import", help="把 .xlsx 或 .csv 台账合并进 data/（有任何问题就一个文件也不写）")
    into.add_argument("files", nargs="+", type=Path, help=".xlsx 或 .csv 文件")
    into.add_argument("--dry-run", action="store_true", help="只列出每个组织将新增、修改什么，不写文件")
    into.add_argument("--data", type=Path, help="数据目录，默认 <项目>/data")
    into.add_argument("--reader", choices=("calamine", "openpyxl"), default="calamine", help="读 .xlsx 用的库，默认 calamine")
    into.add_argument("--writer", choices=("lines", "ruamel"), default="lines", help="改写 YAML 的方式：逐行修改（默认）或 ruamel.yaml 往返")


def _ledger(args, project: Path) -> int:
    from gongkai.ledger import command  # deferred: only the ledger needs the spreadsheet libraries

    try:
        data = args.data or Project.read(project).settings.data_dir
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if args.verb == "export":
        return command.export_command(data, args.output or args.file, args.org, args.quarter)
    return command.import_command(data, args.files, args.dry_run, args.reader, args.writer)


def _check(data_dir: Path | None, project: Path) -> int:
    photos = None
    try:
        config = Project.read(project)
        photos = PhotoInspector(data_dir or config.settings.data_dir, config.settings.cache_dir)
        catalog = build_catalog(data_dir or config.settings.data_dir, inspect_photo=photos)
    except DataError as error:
        _, briefing_problems = read_briefings(project / "docs")
        briefing_problems += check_pages(project / "docs")
        print(DataError(error.problems + briefing_problems).report(), file=sys.stderr)
        return 1
    finally:
        if photos is not None:
            photos.save()  # a second check opens no unchanged photo
    public = catalog.publishable()
    # With the records known, briefings are also checked for links to pages and pledges that do
    # not exist — against the page plan the build makes, with the settings the build uses.
    briefings, _ = read_briefings(config.docs_dir)
    settings = config.settings
    book = StatsBook(public, settings.as_of or date.today())
    plan = plan_site(public, book, briefings, settings.quarter_board_rows, settings.member_index_cards)
    briefing_problems = check_briefings(config.docs_dir, public, plan.destinations()) + check_pages(config.docs_dir)
    if briefing_problems:
        print(DataError(briefing_problems).report(), file=sys.stderr)
        return 1
    print(
        f"检查通过：{len(catalog.orgs)} 个党组织，{len(catalog.members)} 名党员，"
        f"{len(catalog.pledges)} 项承诺（公开 {len(public.pledges)} 项），"
        f"{len(catalog.events)} 次表彰，{len(catalog.albums)} 个相册。"
    )
    return 0

