#!/usr/bin/env python3
"""Measures the real heed binary on a pty: launch to first full screen, key to next screen,
quit to process gone, and peak memory (VmHWM).

Method: heed runs on a pseudo-terminal of 100x30 with TERM=xterm-256color. A frame counts as
shown when the bytes heed wrote contain the key bar's last words ("quit"), after which the
output goes quiet for 20 ms; key latency is the time from writing a key to the end of the
bytes it causes. Peak RSS is read from /proc/PID/status before quitting.

Usage: measure_screen.py HEED_BINARY STORE [--keys N]
"""
import fcntl, os, pty, select, signal, struct, sys, termios, time

def read_until(fd, needle, timeout=30.0, quiet=0.02):
    data = b""
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

def main():
    binary, store = sys.argv[1], sys.argv[2]
    keys = int(sys.argv[sys.argv.index("--keys") + 1]) if "--keys" in sys.argv else 50
    env = dict(os.environ, TERM="xterm-256color", HEED_STORE=store, HEED_OUTBOX=store + ".outbox.jsonl", LANG="C.UTF-8")
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    shown, _ = read_until(fd, b"quit")
    first = (shown - start) * 1000
    latencies = []
    for index in range(keys):
        key = b"j" if index % 4 != 3 else b"\x1b[6~"  # j, j, j, PgDn
        sent = time.monotonic()
        os.write(fd, key)
        ready, _, _ = select.select([fd], [], [], 5)
        last = sent
        while ready:
            if not os.read(fd, 65536):
                break
            last = time.monotonic()
            ready, _, _ = select.select([fd], [], [], 0.02)
        latencies.append((last - sent) * 1000)
    rss = peak_rss_kib(pid)
    quit_sent = time.monotonic()
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    quit_ms = (time.monotonic() - quit_sent) * 1000
    latencies.sort()
    print("first screen: %.1f ms" % first)
    print("key to screen: median %.2f ms, p90 %.2f ms, max %.2f ms (%d keys: j and PgDn)" % (
        latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.9)], latencies[-1], len(latencies)))
    print("quit to exit: %.1f ms" % quit_ms)
    print("peak RSS: %.1f MiB" % (rss / 1024))

if __name__ == "__main__":
    main()
