#!/usr/bin/env python3
"""heed end to end at 10k, 100k and 1M items: import rates, first screen, key latencies, quit
and peak memory of the release binary, as one table.

Method:
1. Builds the release binary (`swift build -c release --scratch-path .build-release --product heed`
   from the main package's folder), unless --no-build.
2. For each size N: `heed demo --generate N` writes a synthetic backlog (kept in the work folder
   and reused); `heed import --store S backlog` into a new store runs under `/usr/bin/time -v`,
   R times (--repeat); the rate is N divided by the wall time of the whole process (start-up,
   reading, parsing, storing, rebuilding the rank index, commit), the memory is its
   "Maximum resident set size".
3. For each size, `measure_screen.py` runs R times on the store (each on a copy of it): launch →
   first full screen, every key's latency (j, k, PgDn, G, g, a, u, and a and u at the end of the
   queue) from the key written to the end of the output burst it causes, quit → process gone,
   VmHWM. Key figures pool the samples of all runs; the others show min–max over runs.
4. Mastodon: `gen_mastodon.py 1000000` (pages of 40 notifications, a fifth of them favourites,
   which are skipped) imported into a new store the same way; the rate counts records read.

The machine has 2 cores and other work may run on it: repeat (--repeat) and read ranges. An
import reads on one thread and writes on another, so its CPU time (user + system, printed per
import) can exceed its wall time; when another process holds a core, the wall time grows
towards the CPU time.

Usage: measure_all.py [--sizes 10000,100000,1000000] [--mastodon 1000000] [--repeat 3]
                      [--keys 30] [--work /tmp/heed-bench/e2e] [--no-build]
"""
import json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

def build():
    print("building the release binary…", file=sys.stderr, flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-release", "--product", "heed"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build-release", "release", "heed")

def cached(path, make):
    if not os.path.exists(path):
        print("making %s…" % path, file=sys.stderr, flush=True)
        make(path + ".partial")
        os.rename(path + ".partial", path)
    return path

def remove_store(store):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)

def timed_import(heed, store, source):
    """Imports into a new store under /usr/bin/time -v: (seconds, CPU seconds, peak RSS MiB, summary line)."""
    remove_store(store)
    started = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-v", heed, "import", "--store", store, source],
                         capture_output=True, text=True, env=dict(os.environ, HEED_OUTBOX=store + ".outbox.jsonl"))
    seconds = time.monotonic() - started
    if run.returncode != 0:
        raise SystemExit("import failed (%d): %s" % (run.returncode, run.stderr[-2000:]))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % kind, run.stderr).group(1)) for kind in ("User", "System"))
    return seconds, cpu, rss / 1024, run.stdout.strip()

def span(values, fmt="%.1f"):
    low, high = min(values), max(values)
    return fmt % low if fmt % low == fmt % high else (fmt + "–" + fmt) % (low, high)

def key_stats(samples):
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], ordered[-1]

def main():
    sizes = [int(s) for s in option("--sizes", "10000,100000,1000000").split(",")]
    mastodon = int(option("--mastodon", "1000000"))
    repeat = int(option("--repeat", "3"))
    keys = option("--keys", "30")
    work = option("--work", "/tmp/heed-bench/e2e")
    os.makedirs(work, exist_ok=True)
    heed = os.path.join(ROOT, ".build-release", "release", "heed") if "--no-build" in sys.argv else build()
    keys_shown = ["j", "k", "PgDn", "G", "g", "a", "u", "a@end", "u@end"]
    rows = []
    for size in sizes:
        backlog = cached(os.path.join(work, "backlog-%d.jsonl" % size),
                         lambda path: subprocess.run([heed, "demo", "--generate", str(size), "-o", path], check=True))
        store = os.path.join(work, "store-%d.sqlite" % size)
        imports = []
        for _ in range(repeat):
            seconds, cpu, rss, summary = timed_import(heed, store, backlog)
            imports.append((size / seconds, rss))
            print("import %d: %.2f s (CPU %.2f s), %.0f items/s, %.1f MiB peak (%s)" % (size, seconds, cpu, size / seconds, rss, summary), flush=True)
        screens = []
        for _ in range(repeat):
            run = subprocess.run([sys.executable, os.path.join(HERE, "measure_screen.py"), heed, store, "--keys", keys, "--json"],
                                 capture_output=True, text=True, check=True)
            screens.append(json.loads(run.stdout.strip().splitlines()[-1]))
            print("screen %d: first %.1f ms, quit %.1f ms, %.1f MiB" % (size, screens[-1]["first_screen_ms"], screens[-1]["quit_ms"], screens[-1]["peak_rss_mib"]), flush=True)
        pooled = {name: [sample for screen in screens for sample in screen["samples"][name]] for name in keys_shown}
        rows.append((size, imports, screens, pooled))
    source = cached(os.path.join(work, "mastodon-%d.jsonl" % mastodon),
                    lambda path: subprocess.run([sys.executable, os.path.join(HERE, "gen_mastodon.py"), str(mastodon)],
                                                stdout=open(path, "w"), check=True))
    mastodon_runs = []
    for _ in range(repeat):
        seconds, cpu, rss, summary = timed_import(heed, os.path.join(work, "mastodon.sqlite"), source)
        mastodon_runs.append((mastodon / seconds, rss))
        print("import mastodon %d: %.2f s (CPU %.2f s), %.0f records/s, %.1f MiB peak (%s)" % (mastodon, seconds, cpu, mastodon / seconds, rss, summary), flush=True)
    remove_store(os.path.join(work, "mastodon.sqlite"))

    print()
    print("| items | import items/s | import peak MiB | first screen ms | quit ms | peak RSS MiB (queue) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, imports, screens, _ in rows:
        print("| %s | %s | %s | %s | %s | %s |" % (
            format(size, ","), span([rate for rate, _ in imports], "%.0f"), span([rss for _, rss in imports]),
            span([s["first_screen_ms"] for s in screens]), span([s["quit_ms"] for s in screens]), span([s["peak_rss_mib"] for s in screens])))
    print()
    print("key → screen, ms: median / p90 / max (samples of %d runs pooled)" % repeat)
    print()
    print("| items | " + " | ".join(keys_shown) + " |")
    print("| ---: | " + " | ".join("---:" for _ in keys_shown) + " |")
    for size, _, _, pooled in rows:
        cells = ["%.1f / %.1f / %.1f" % key_stats(pooled[name]) for name in keys_shown]
        print("| %s | %s |" % (format(size, ","), " | ".join(cells)))
    print()
    print("Mastodon notifications, %s records: %s records/s, %s MiB peak" % (
        format(mastodon, ","), span([rate for rate, _ in mastodon_runs], "%.0f"), span([rss for _, rss in mastodon_runs])))

if __name__ == "__main__":
    main()
