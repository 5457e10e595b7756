"""The ``workbench`` command: ingest, claims, stances, places (see DESIGN.md for the contract).

Bad input never produces a traceback (``--debug`` shows one): every input gets a line in the report on
standard error, everything that could be extracted is still written, and the exit status is 1 when any input
failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from workbench.corpus import FAILED_STATUSES, ingest
from workbench.errors import WorkbenchError

FORMATS = ("csv", "jsonl", "parquet")


def _print_report(report: pd.DataFrame, stream=sys.stderr) -> None:
    for row in report.itertuples(index=False):
        reason = f"  {row.reason}" if row.reason else ""
        print(f"{row.status:<16} {row.doc_id or '-':<28} {row.path}{reason}", file=stream)


def _write(frame: pd.DataFrame, out: str | None, fmt: str) -> None:
    if fmt == "parquet":
        if not out:
            raise WorkbenchError("parquet output needs a file: add -o FILE.parquet")
        frame.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    else:
        records = json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _guess_format(out: str | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if out:
        suffix = Path(out).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        if suffix == "json":
            return "jsonl"
    return "csv"


def cmd_ingest(args: argparse.Namespace) -> int:
    corpus = ingest(args.paths, manifest=args.manifest or True)
    _print_report(corpus.report, sys.stdout)
    return 1 if corpus.report["status"].isin(FAILED_STATUSES).any() else 0


def cmd_table(args: argparse.Namespace) -> int:
    from workbench.ledger import build_ledger

    corpus = ingest(args.paths, manifest=args.manifest or True)
    failed = corpus.report["status"].isin(FAILED_STATUSES).any()
    if failed or args.verbose:
        _print_report(corpus.report if args.verbose else corpus.report[corpus.report["status"] != "ok"])
    ledger = build_ledger(
        corpus,
        use_cache=not args.no_cache,
        progress=None if not args.quiet else False,
        engine=args.engine,
        scheduler=args.scheduler,
        n_process=args.processes,
        mode="full" if args.full_pipeline else "fast",
    )
    frame = _corrected_table(args, ledger)
    _write(frame, args.output, _guess_format(args.output, args.format))
    if args.verbose:
        print(
            f"{len(frame)} {args.command} from {ledger.stats['articles']} articles "
            f"({ledger.stats['parsed']} parsed, {ledger.stats['cached']} from the cache)",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _corrected_table(args: argparse.Namespace, ledger) -> pd.DataFrame:
    """The requested table with analyst corrections applied (claims and estimates); stale ones are reported."""
    if args.command not in {"claims", "estimates"}:
        return ledger.table(args.command)
    from workbench.corrections import apply_corrections, default_corrections_path, read_corrections

    path = args.corrections or default_corrections_path()
    claims, report = apply_corrections(ledger.claims, read_corrections(path))
    for row in report.stale:
        print(f"stale correction {row['claim_id']} {row['field']}: {row['reason']}", file=sys.stderr)
    for row in report.invalid:
        print(f"invalid correction {row['claim_id']} {row['field']}: {row['reason']}", file=sys.stderr)
    if args.command == "claims":
        return claims
    from workbench.estimates import build_estimates

    stances = ledger.stances.merge(ledger.articles[["doc_id", "published"]], on="doc_id", how="left")
    estimates = build_estimates(claims, ledger.articles, stances)
    for column in ("claim_ids", "sources", "origins", "disputed_with", "denied_by"):
        estimates[column] = estimates[column].map(
            lambda v: (
                "|".join(v)
                if args.format == "csv"
                or (args.format is None and not (args.output or "").endswith((".jsonl", ".json", ".parquet")))
                else v
            )
        )
    return estimates


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench", description="Claims ledger for reporting on North Korean troops in Russia."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show Python tracebacks")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "ingest", parents=[common], help="read articles and print the ingest report (one line per input)"
    )
    p.add_argument("paths", nargs="+", help="article files or folders")
    p.add_argument("--manifest", help="provenance manifest CSV (default data/sources.csv)")
    p.set_defaults(func=cmd_ingest)

    for name, what in (
        ("claims", "personnel figures"),
        ("stances", "who confirms / denies"),
        ("places", "geocoded places"),
        ("estimates", "claims consolidated across articles (independent voices, disputes, denials)"),
    ):
        p = sub.add_parser(name, parents=[common], help=f"extract {what}")
        p.add_argument("paths", nargs="+", help="article files or folders")
        p.add_argument("-o", "--output", help="output file (default: standard output)")
        p.add_argument("--format", choices=FORMATS, help="csv (default), jsonl or parquet")
        p.add_argument("--no-cache", action="store_true", help="ignore and do not write the ledger cache")
        p.add_argument("--manifest", help="provenance manifest CSV (default data/sources.csv)")
        p.add_argument("-v", "--verbose", action="store_true", help="print the full ingest report and counts")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
        p.add_argument("--corrections", help="analyst corrections CSV (default data/corrections.csv when present)")
        p.add_argument(
            "--engine",
            choices=("local", "dask"),
            default="local",
            help="where to extract: this machine (default) or a Dask cluster (same output)",
        )
        p.add_argument(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)",
        )
        p.add_argument(
            "-j",
            "--processes",
            type=int,
            default=1,
            metavar="N",
            help="local worker processes, or LocalCluster workers with --engine dask (default 1)",
        )
        p.add_argument(
            "--full-pipeline",
            action="store_true",
            help="run every spaCy component over whole documents (slower reference path; same output)",
        )
        p.set_defaults(func=cmd_table)

    p = sub.add_parser("brief", parents=[common], help="build the briefing: HTML, slides, chart images, PPTX, ledger")
    p.add_argument("paths", nargs="*", help="article files or folders (default: seeds/)")
    p.add_argument("--out", default="build", help="output folder (default build/)")
    p.add_argument("--title", help="briefing title")
    p.add_argument("--as-of", help="YYYY-MM-DD; later articles are left out (default: latest publication date)")
    p.add_argument("--corrections", help="corrections CSV (default data/corrections.csv when present)")
    p.set_defaults(func=cmd_brief)
    return parser


def cmd_brief(args: argparse.Namespace) -> int:
    from workbench import paths
    from workbench.briefing import build_briefing

    # every input gets its line on standard error, as for the other commands; the briefing is still built
    corpus = ingest(args.paths or [paths.SEEDS_DIR])
    failed = corpus.report["status"].isin(FAILED_STATUSES).any()
    if failed:
        _print_report(corpus.report[corpus.report["status"] != "ok"])
    outputs = build_briefing(
        args.paths, args.out, title=args.title, as_of=args.as_of, corrections=args.corrections or True
    )
    for name, path in outputs.items():
        print(f"{name:<8} {path}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except WorkbenchError as exc:
        if args.debug:
            raise
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"workbench: unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
