#!/usr/bin/env python3
"""Measures the real heed binary on a pty: launch to first full screen, key to next screen for
j, k, PgDn, G, g, a and u, quit to process gone, and peak memory (VmHWM).

Method: heed runs on a pseudo-terminal of 100x30 with TERM=xterm-256color, on a copy of STORE
made (and synced to disk) for this run: a and u change the store; the copy and its outbox are
deleted afterwards. A team store (STORE a postgres:// URL) is used as it is: every a is undone
by the u after it.
The script answers heed's question for the terminal's device attributes as a terminal does.
A frame counts as shown when the bytes heed wrote contain the key bar's last words ("quit"),
after which the output goes quiet for 20 ms. Key latency is the time from writing a key to the
last byte of the burst it causes (the burst ends after 20 ms of quiet), so it includes reducing
the key, the store queries its effects run, rendering and ncurses writing the changed cells.
Keys, in this order, each N times: j; k; PgDn; G and g alternately (each jumps the whole queue);
a and u alternately near the top (a acknowledges the selected item, u undoes it and puts the
cursor back on it); then, after one G, a and u alternately at the end of the queue (reported as
"a@end" and "u@end": undo puts the cursor back by counting the item's place in the rank, so the
end of a large queue is its slowest place). Peak RSS is read from /proc/PID/status before quitting.

Usage: measure_screen.py HEED_BINARY STORE|URL [--keys N] [--json]
  --keys N   samples per key (default 30; a@end and u@end take N/3)
  --json     also print one JSON object with every figure and sample, last
"""
import fcntl, json, os, pty, select, shutil, struct, sys, tempfile, termios, time

PAGE_DOWN = b"\x1b[6~"

# With no theme chosen, heed asks the terminal its background (OSC 11) and ends the wait at the
# answer to device attributes (DA1), which every terminal gives; this stands in for the terminal.
ATTRIBUTES_ASKED = b"\x1b[c"
ATTRIBUTES_ANSWER = b"\x1b[?62;22c"

def read_until(fd, needle, timeout=30.0, quiet=0.02):
    data = b""
    answered = False
    deadline = time.monotonic() + timeout
    seen_at = None
    while time.monotonic() < deadline:
        wait = quiet if seen_at else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], wait)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if not answered and ATTRIBUTES_ASKED in data:
                os.write(fd, ATTRIBUTES_ANSWER)
                answered = True
            if needle in data:
                seen_at = time.monotonic()
        elif seen_at:
            return seen_at, data
    raise SystemExit("timed out waiting for %r" % needle)

def peak_rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1

def press(fd, key, quiet=0.02, timeout=5.0):
    """Writes a key; returns ms from the write to the last byte of the burst it causes."""
    sent = time.monotonic()
    os.write(fd, key)
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        raise SystemExit("no output within %g s after %r" % (timeout, key))
    last = sent
    while ready:
        if not os.read(fd, 65536):
            break
        last = time.monotonic()
        ready, _, _ = select.select([fd], [], [], quiet)
    return (last - sent) * 1000

def copy_store(store, folder):
    """Copies the store and syncs the copy: otherwise the first sync heed makes (the checkpoint
    when it quits after a or u) would also write out the whole fresh copy."""
    copy = os.path.join(folder, "heed.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            shutil.copyfile(store + suffix, copy + suffix)
            descriptor = os.open(copy + suffix, os.O_RDONLY)
            os.fsync(descriptor)
            os.close(descriptor)
    return copy

def stats(samples):
    ordered = sorted(samples)
    return {"median": ordered[len(ordered) // 2], "p90": ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))],
            "max": ordered[-1], "n": len(ordered)}

def session(binary, store, keys, outbox):
    env = dict(os.environ, TERM="xterm-256color", HEED_STORE=store, HEED_OUTBOX=outbox, LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    shown, _ = read_until(fd, b"quit")
    first = (shown - start) * 1000
    samples = {name: [] for name in ("j", "k", "PgDn", "G", "g", "a", "u", "a@end", "u@end")}
    for _ in range(keys):
        samples["j"].append(press(fd, b"j"))
    for _ in range(keys):
        samples["k"].append(press(fd, b"k"))
    for _ in range(keys):
        samples["PgDn"].append(press(fd, PAGE_DOWN))
    for _ in range(keys):
        samples["G"].append(press(fd, b"G"))
        samples["g"].append(press(fd, b"g"))
    for _ in range(3):
        press(fd, b"j")
    for _ in range(keys):
        samples["a"].append(press(fd, b"a"))
        samples["u"].append(press(fd, b"u"))
    press(fd, b"G")
    for _ in range(max(1, keys // 3)):
        samples["a@end"].append(press(fd, b"a"))
        samples["u@end"].append(press(fd, b"u"))
    rss = peak_rss_kib(pid)
    quit_sent = time.monotonic()
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    quit_ms = (time.monotonic() - quit_sent) * 1000
    os.close(fd)
    return {"first_screen_ms": first, "quit_ms": quit_ms, "peak_rss_mib": rss / 1024, "samples": samples}

def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    binary, store = sys.argv[1], sys.argv[2]
    keys = int(sys.argv[sys.argv.index("--keys") + 1]) if "--keys" in sys.argv else 30
    team = store.startswith(("postgres://", "postgresql://"))
    if not team and not os.path.exists(store):
        raise SystemExit("no store at %s" % store)
    folder = tempfile.mkdtemp(prefix="heed-screen-")
    try:
        used = store if team else copy_store(store, folder)
        result = session(binary, used, keys, os.path.join(folder, "outbox.jsonl"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("first screen: %.1f ms" % result["first_screen_ms"])
    result["keys"] = {}
    for name, samples in result["samples"].items():
        figures = stats(samples)
        result["keys"][name] = figures
        print("key %-6s median %6.2f ms, p90 %6.2f ms, max %6.2f ms (%d)" % (name, figures["median"], figures["p90"], figures["max"], figures["n"]))
    print("quit to exit: %.1f ms" % result["quit_ms"])
    print("peak RSS: %.1f MiB" % result["peak_rss_mib"])
    if "--json" in sys.argv:
        print(json.dumps(result))

if __name__ == "__main__":
    main()
