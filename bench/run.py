"""``make bench``: the workbench's benchmarks, measured side by side in one run; writes bench/results/*.json and
the table in bench/README.md.

Machines here are shared and noisy, so every comparison is a ratio of runs made back to back (in rotating
order, ``--rounds`` times, median taken), never an absolute time from another day. Each benchmark is a fresh
subprocess whose wall time and peak memory (RSS of the whole process tree, sampled) are recorded.

    .venv/bin/python -m bench.run                      # what `make bench` runs (about 10 minutes on 2 cores)
    BENCH_SIZES=1000,5000,10000 .venv/bin/python -m bench.run   # the full scaling series (much longer)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.util
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
README = BENCH / "README.md"
PY = sys.executable
WORKBENCH = str(Path(sys.executable).parent / "workbench")
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402

NAIVE = r"""
import sys, pathlib, spacy
from workbench.pipeline import model_name
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
if sys.argv[2] == "full":
    nlp = spacy.load(model_name())
else:  # the floor: named entities and sentences only
    nlp = spacy.load(model_name(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.enable_pipe("senter")
n = sum(len(doc) for doc in nlp.pipe(texts))
print(n)
"""


# ------------------------------------------------------------------------------------------- measuring


def measure(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> dict:
    """Run ``cmd``; wall seconds, peak RSS of the process tree and of its largest process (MB), exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env={**os.environ, **(env or {})}, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    parent = psutil.Process(proc.pid)
    peak_tree = peak_one = 0
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
            sizes = []
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    sizes.append(p.memory_info().rss)
            peak_tree = max(peak_tree, sum(sizes))
            peak_one = max(peak_one, max(sizes, default=0))
        except psutil.Error:
            pass
        if time.perf_counter() - start > timeout:
            proc.kill()
            raise TimeoutError(" ".join(cmd))
        time.sleep(0.05)
    out, err = proc.communicate()  # (small: the commands write their tables to files)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(peak_tree / 2**20, 1),
        "peak_rss_one_process_mb": round(peak_one / 2**20, 1),
        "stdout": out,
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def claims_cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [WORKBENCH, "claims", str(corpus), "-o", str(out), "-q", *extra]


def _strip(data: object) -> object:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k != "stdout"}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def write(name: str, data: dict) -> dict:
    data = _strip(data)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"[bench] {name}: {json.dumps({k: v for k, v in data.items() if not isinstance(v, (list, dict))})}",
        file=sys.stderr,
        flush=True,
    )
    return data


# ------------------------------------------------------------------------------------------ benchmarks


def bench_fast_path_share(corpus: Path) -> dict:
    """Share of the text that the prefilter sends to the full model: generated corpus vs real/labelled text."""
    from workbench.engines import Prefilter, line_starts
    from workbench.pipeline import load_nlp

    nlp = load_nlp()
    keep = Prefilter(nlp)

    def share(files: list[Path]) -> float:
        total = flagged = 0
        for path in files:
            text = path.read_text(encoding="utf-8")
            doc = nlp.tokenizer(text)
            bounds = [*line_starts(doc), len(doc)]
            for a, b in itertools.pairwise(bounds):
                end = doc[b].idx if b < len(doc) else len(text)
                line = text[doc[a].idx : end]
                total += len(line)
                flagged += len(line) if keep(line) else 0
        return round(flagged / max(total, 1), 3)

    eval_dir = ROOT / "tests" / "eval"
    return write(
        "fast_path_share",
        {
            "generated": share(sorted(corpus.glob("*.txt"))),
            "seeds": share(sorted((ROOT / "seeds").glob("*.txt"))),
            "labelled_dev_holdout": share(sorted(eval_dir.glob("dev/*.txt")) + sorted(eval_dir.glob("holdout/*.txt"))),
        },
    )


def bench_throughput(corpus: Path, work: Path, rounds: int) -> dict:
    """Cold end-to-end `workbench claims` vs the naive full pipeline and the NER+senter floor, and -j 2."""
    n_articles = len(list(corpus.glob("*.txt")))
    runs: dict[str, list[dict]] = {k: [] for k in ("naive_full", "floor_ner_senter", "workbench_1", "workbench_2")}
    outputs = {}
    for r in range(rounds):
        order = list(runs)
        order = order[r % len(order) :] + order[: r % len(order)]
        for name in order:
            if name.startswith("workbench"):
                cache = work / f"cache-{name}-{r}"
                shutil.rmtree(cache, ignore_errors=True)
                out = work / f"{name}-{r}.csv"
                jobs = name.split("_")[1]
                result = measure(claims_cmd(corpus, out, "-j", jobs), env={"WORKBENCH_CACHE_DIR": str(cache)})
                outputs[f"{name}-{r}"] = digest(out)
            else:
                result = measure([PY, "-c", NAIVE, str(corpus), "full" if name == "naive_full" else "floor"])
            runs[name].append(result)
            print(f"[bench]   round {r + 1} {name}: {result['seconds']} s", file=sys.stderr, flush=True)

    def med(name: str) -> float:
        return statistics.median(x["seconds"] for x in runs[name])

    ratios = {
        "speedup_vs_naive_1proc": [
            round(n["seconds"] / w["seconds"], 3) for n, w in zip(runs["naive_full"], runs["workbench_1"], strict=True)
        ],
        "floor_over_workbench_1proc": [
            round(f["seconds"] / w["seconds"], 3)
            for f, w in zip(runs["floor_ner_senter"], runs["workbench_1"], strict=True)
        ],
        "speedup_2proc_over_1proc": [
            round(a["seconds"] / b["seconds"], 3) for a, b in zip(runs["workbench_1"], runs["workbench_2"], strict=True)
        ],
    }
    return write(
        "throughput",
        {
            "articles": n_articles,
            "rounds": rounds,
            "runs": runs,
            "outputs_sha": outputs,
            "identical_outputs": len(set(outputs.values())) == 1,
            "median_seconds": {k: med(k) for k in runs},
            "ratios": ratios,
            **{k: statistics.median(v) for k, v in ratios.items()},
        },
    )


def bench_scaling(sizes: list[int], work: Path, jobs: int) -> dict:
    """Cold time and peak RSS at each corpus size (same articles, growing), then the warm re-run of the largest."""
    points = []
    largest = None
    for size in sizes:
        corpus = write_corpus(size, work / f"scale-{size}", seed=101)
        cache = work / f"scale-cache-{size}"
        shutil.rmtree(cache, ignore_errors=True)
        out = work / f"scale-{size}.csv"
        result = measure(claims_cmd(corpus, out, "-j", str(jobs)), env={"WORKBENCH_CACHE_DIR": str(cache)})
        result.update(articles=size, ms_per_article=round(1000 * result["seconds"] / size, 1))
        points.append(result)
        print(
            f"[bench]   scaling {size}: {result['seconds']} s, {result['peak_rss_mb']} MB", file=sys.stderr, flush=True
        )
        largest = (size, corpus, cache, result)
    size, corpus, cache, cold = largest
    warm = measure(
        claims_cmd(corpus, work / "scale-warm.csv", "-j", str(jobs)), env={"WORKBENCH_CACHE_DIR": str(cache)}
    )
    identical = digest(work / "scale-warm.csv") == digest(work / f"scale-{size}.csv")
    per_article = [p["ms_per_article"] for p in points]
    return write(
        "scaling",
        {
            "jobs": jobs,
            "points": points,
            "warm_rerun": warm,
            "warm_articles": size,
            "warm_over_cold": round(warm["seconds"] / cold["seconds"], 3),
            "warm_output_identical": identical,
            "ms_per_article_spread": round(max(per_article) / min(per_article), 3),
            "peak_rss_mb_max": max(p["peak_rss_mb"] for p in points),
            "peak_rss_one_process_mb_max": max(p["peak_rss_one_process_mb"] for p in points),
            "cache_dir": str(cache),
            "corpus_dir": str(corpus),
        },
    )


def _synthetic_ledger(n: int, source_cache: Path, work: Path) -> tuple[Path, Path]:
    """A corpus of ``n`` unique articles and a complete ledger cache for it, whose rows are copied from a real
    extraction (``source_cache``) with each article's content hash: same row counts and store layout as a real
    ``n``-article ledger, without spending an hour extracting it."""
    import pandas as pd

    from workbench import ledger as ledger_mod
    from workbench.corpus import ingest
    from workbench.extract import frame_to_table, rows_to_frame

    corpus = write_corpus(n, work / f"ledger-{n}", seed=202)
    cache = work / f"ledger-cache-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    source_root = ledger_mod.store_dir(source_cache)
    segments = sorted((source_root / "segments").glob("*.done.parquet"))
    tables = {
        t: pd.concat(
            [pd.read_parquet(p.parent / p.name.replace(".done.", f".{t}.")) for p in segments], ignore_index=True
        )
        for t in ledger_mod.TABLES
    }
    donors = sorted(set(tables["claims"]["sha256"]))
    by_sha = {t: dict(tuple(frame.groupby("sha256"))) for t, frame in tables.items()}
    articles = ingest([corpus], manifest=False).articles
    root = ledger_mod.store_dir(cache)
    folder = root / "segments"
    folder.mkdir(parents=True, exist_ok=True)
    batch = ledger_mod.SEGMENT_ARTICLES
    hashes = list(articles["sha256"])
    for start in range(0, len(hashes), batch):
        chunk = hashes[start : start + batch]
        segment = hashlib.sha256("\n".join(sorted(chunk)).encode()).hexdigest()[:24]  # the ledger's naming
        for t in ledger_mod.TABLES:
            parts = [
                by_sha[t][donors[i % len(donors)]].assign(sha256=sha)
                for i, sha in enumerate(chunk, start)
                if donors[i % len(donors)] in by_sha[t]
            ]
            frame = frame_to_table(pd.concat(parts, ignore_index=True), t) if parts else rows_to_frame([], t)
            ledger_mod._atomic_write(frame, folder / f"{segment}.{t}.parquet")
        ledger_mod._atomic_write(pd.DataFrame({"sha256": chunk}), folder / f"{segment}.done.parquet")
    return corpus, cache


def bench_ledger(n: int, source_cache: Path, work: Path, cold_ms_per_article: float) -> dict:
    """Open time of a cached n-article ledger (Python and SQL), and the warm CLI re-run over it."""
    corpus, cache = _synthetic_ledger(n, source_cache, work)
    opener = r"""
import gc, sys, time, json
t0 = time.perf_counter()
from workbench.corpus import ingest
from workbench.ledger import build_ledger, ledger_sql
from pathlib import Path
t_import = time.perf_counter()
corpus = ingest([sys.argv[1]], manifest=False)
t_ingest = time.perf_counter()
opens = []
led = None
for _ in range(3):
    led = None  # a notebook opens the ledger once: drop the previous copy before timing the next open
    gc.collect()
    t = time.perf_counter()
    led = build_ledger(corpus, cache=Path(sys.argv[2]), progress=False)
    opens.append(time.perf_counter() - t)
assert led.stats["parsed"] == 0, led.stats
t = time.perf_counter()
n_sql = int(ledger_sql("select count(*) as n from claims", cache=Path(sys.argv[2])).n.iloc[0])
t_sql = time.perf_counter() - t
print(json.dumps({"import_s": t_import - t0, "ingest_s": t_ingest - t_import, "open_s": sorted(opens),
                  "claims": len(led.claims), "stances": len(led.stances), "places": len(led.places),
                  "sql_count_s": t_sql, "sql_claims": n_sql}))
"""
    opened = measure([PY, "-c", opener, str(corpus), str(cache)])
    detail = json.loads(opened.pop("stdout").strip().splitlines()[-1])
    warm = measure(claims_cmd(corpus, work / f"ledger-{n}.csv"), env={"WORKBENCH_CACHE_DIR": str(cache)})
    estimated_cold = cold_ms_per_article * n / 1000
    return write(
        "ledger",
        {
            "articles": n,
            "synthetic_rows": True,
            **detail,
            "open_median_s": round(statistics.median(detail.get("open_s", [float("nan")])), 3),
            "open_process": opened,
            "warm_cli": warm,
            "estimated_cold_s": round(estimated_cold, 1),
            "warm_over_estimated_cold": round(warm["seconds"] / estimated_cold, 4),
            "claims_csv": str(work / f"ledger-{n}.csv"),
        },
    )


def bench_chart(claims_csv: Path, n_rows: int) -> dict:
    """estimates_by_source over n_rows claims: no MaxRowsError, and the PNG export time."""
    script = r"""
import sys, time, json
import pandas as pd
t0 = time.perf_counter()
import vl_convert
from workbench.charts import estimates_by_source
claims = pd.read_csv(sys.argv[1])
n = int(sys.argv[2])
reps = -(-n // len(claims))
frame = pd.concat([claims] * reps, ignore_index=True).head(n)
frame["doc_id"] = frame["doc_id"].astype(str) + "-" + (frame.index // len(claims)).astype(str)
frame["claim_id"] = frame["doc_id"] + ":" + frame["start_char"].astype(str)
t1 = time.perf_counter()
chart = estimates_by_source(frame)
spec = chart.to_dict()
t2 = time.perf_counter()
png = vl_convert.vegalite_to_png(spec, scale=1)
t3 = time.perf_counter()
print(json.dumps({"rows": len(frame), "build_s": t2 - t1, "export_png_s": t3 - t2, "png_bytes": len(png),
                  "spec_bytes": len(json.dumps(spec)), "import_and_load_s": t1 - t0}))
"""
    result = measure([PY, "-c", script, str(claims_csv), str(n_rows)])
    detail = json.loads(result.pop("stdout").strip().splitlines()[-1])
    return write("chart", {**detail, "max_rows_error": False, "process": result})


def bench_briefing(work: Path) -> dict:
    if importlib.util.find_spec("workbench.briefing") is None:
        return write(
            "briefing",
            {"skipped": "workbench.briefing is missing (the briefing arrives with issue 5): nothing to time yet"},
        )
    import nbformat

    empty = work / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), empty)
    env = {"WORKBENCH_CACHE_DIR": str(ROOT / ".cache" / "ledger")}
    measure(["make", "-s", "briefing"], env=env)  # warms the ledger cache
    briefing = measure(["make", "-s", "briefing"], env=env)
    bare = measure(
        [
            str(Path(PY).parent / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output",
            str(work / "empty.out.ipynb"),
            str(empty),
        ]
    )
    return write(
        "briefing",
        {
            "briefing_warm": briefing,
            "bare_nbconvert_empty": bare,
            "briefing_over_bare": round(briefing["seconds"] / bare["seconds"], 3),
        },
    )


# --------------------------------------------------------------------------------------------- report


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(summary: dict) -> str:
    t, s, led, ch, br, share = (
        summary[k] for k in ("throughput", "scaling", "ledger", "chart", "briefing", "fast_path_share")
    )
    m = summary["machine"]

    def ok(flag: bool) -> str:
        return "yes" if flag else "**no**"

    sizes = ", ".join(f"{p['articles']:,}: {p['seconds']:.0f} s / {p['peak_rss_mb']:.0f} MB" for p in s["points"])
    rows = [
        (
            "cold end-to-end vs naive full pipeline, 1 process",
            f"{t['speedup_vs_naive_1proc']:.2f}x",
            ">= 1.5x",
            ok(t["speedup_vs_naive_1proc"] >= 1.5),
        ),
        (
            "NER+senter floor time / workbench time, 1 process",
            f"{t['floor_over_workbench_1proc']:.2f}",
            "(floor = 1.0)",
            "-",
        ),
        (
            "2 processes vs 1",
            f"{t['speedup_2proc_over_1proc']:.2f}x",
            ">= 1.5x",
            ok(t["speedup_2proc_over_1proc"] >= 1.5),
        ),
        (
            f"warm re-run / cold, {s['warm_articles']:,} articles (measured)",
            f"{100 * s['warm_over_cold']:.1f}%",
            "<= 15%",
            ok(s["warm_over_cold"] <= 0.15),
        ),
        (
            f"warm re-run / cold, {led['articles']:,} articles (cold estimated)",
            f"{100 * led['warm_over_estimated_cold']:.1f}% ({led['warm_cli']['seconds']:.1f} s)",
            "<= 15%",
            ok(led["warm_over_estimated_cold"] <= 0.15),
        ),
        (
            f"open cached {led['articles']:,}-article ledger (build_ledger, ingested corpus)",
            f"{led['open_median_s']:.2f} s",
            "<= 1 s",
            ok(led["open_median_s"] <= 1.0),
        ),
        (f"SQL count over the {led['articles']:,}-article ledger", f"{led['sql_count_s']:.2f} s", "-", "-"),
        (
            f"cold time / peak RSS by size (-j {s['jobs']})",
            sizes,
            "flat, < 2 GB",
            ok(s["peak_rss_mb_max"] < 2048 and s["ms_per_article_spread"] < 1.5),
        ),
        (
            f"chart over {ch['rows']:,} claims: build / PNG export",
            f"{ch['build_s']:.2f} s / {ch['export_png_s']:.2f} s",
            "no MaxRowsError",
            "yes",
        ),
        (
            "briefing rebuild (warm) / bare nbconvert of an empty notebook",
            "skipped: workbench.briefing missing" if br.get("skipped") else f"{br['briefing_over_bare']:.2f}x",
            "-",
            "-",
        ),
        (
            "text sent to the full model: generated / seeds / dev+holdout",
            f"{share['generated']:.0%} / {share['seeds']:.0%} / {share['labelled_dev_holdout']:.0%}",
            "-",
            "-",
        ),
    ]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}; "
        f"load average at start {m['load_average_at_start']}. Date: {m['date']}. "
        f"Throughput corpus: {t['articles']} generated articles, {t['rounds']} rounds, medians of per-round ratios. "
        f"Total bench time {summary['total_seconds'] / 60:.1f} min.",
        "",
        "| benchmark | measured | target | met |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
    ]
    return "\n".join(lines)


def update_readme(text: str) -> None:
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    readme = README.read_text(encoding="utf-8")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the workbench benchmarks.")
    parser.add_argument(
        "--articles",
        type=int,
        default=int(os.environ.get("BENCH_ARTICLES", 120)),
        help="articles in the side-by-side throughput corpus",
    )
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 2)))
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES", "400,800,1600"),
        help="corpus sizes for the scaling series (comma-separated)",
    )
    parser.add_argument("--ledger-articles", type=int, default=int(os.environ.get("BENCH_LEDGER_ARTICLES", 10_000)))
    parser.add_argument("--chart-rows", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the scaling series")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="workbench-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    summary: dict = {"machine": machine()}
    try:
        corpus = write_corpus(args.articles, work / "throughput", seed=7)
        summary["fast_path_share"] = bench_fast_path_share(corpus)
        summary["throughput"] = bench_throughput(corpus, work, args.rounds)
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
        summary["scaling"] = bench_scaling(sizes, work, args.jobs)
        cold_ms = summary["scaling"]["points"][-1]["ms_per_article"]
        summary["ledger"] = bench_ledger(args.ledger_articles, Path(summary["scaling"]["cache_dir"]), work, cold_ms)
        summary["chart"] = bench_chart(Path(summary["ledger"]["claims_csv"]), args.chart_rows)
        summary["briefing"] = bench_briefing(work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    summary["total_seconds"] = round(time.perf_counter() - started, 1)
    write("summary", {k: v for k, v in summary.items() if k in ("machine", "total_seconds")})
    text = table(summary)
    update_readme(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
