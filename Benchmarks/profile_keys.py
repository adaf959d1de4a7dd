#!/usr/bin/env python3
"""Profiles heed while it handles keys: the release binary runs on a pty (100x30) on a copy of
STORE under `perf record -e cpu-clock -g` (or valgrind's callgrind, which counts instructions
and so does not depend on what else the machine is doing), the keys are pressed one at a time,
each after the screen has settled, then q.

Keys are named as in measure_screen.py: j k PgDn G g a u, or any single character.

Usage: profile_keys.py HEED_BINARY STORE OUTPUT [--callgrind] KEY…
  e.g. profile_keys.py heed store.sqlite /tmp/u-at-end.perf G a u a u a u a u
Then: perf report -i OUTPUT --no-children --stdio, or callgrind_annotate OUTPUT.
"""
import fcntl, os, pty, shutil, struct, subprocess, sys, tempfile, termios
from measure_screen import copy_store, read_until, press, PAGE_DOWN

def main():
    arguments = [a for a in sys.argv[1:] if a != "--callgrind"]
    if len(arguments) < 4:
        raise SystemExit(__doc__)
    binary, store, output, keys = arguments[0], arguments[1], os.path.abspath(arguments[2]), arguments[3:]
    folder = tempfile.mkdtemp(prefix="heed-profile-")
    if "--callgrind" in sys.argv:
        # valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: profile a copy
        # without debug information (function names stay).
        stripped = os.path.join(folder, "heed")
        subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + output, stripped]
    else:
        command = ["perf", "record", "-q", "-e", "cpu-clock", "-g", "-o", output, "--", binary]
    try:
        copy = copy_store(store, folder)
        env = dict(os.environ, TERM="xterm-256color", HEED_STORE=copy, HEED_OUTBOX=copy + ".outbox.jsonl", LANG="C.UTF-8")
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.execvpe(command[0], command, env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        read_until(fd, b"quit", timeout=600, quiet=0.5)
        for key in keys:
            code = PAGE_DOWN if key == "PgDn" else key.encode()
            print("%s: %.1f ms" % (key, press(fd, code, quiet=0.5, timeout=600)))
        os.write(fd, b"q")
        while True:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        os.waitpid(pid, 0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

if __name__ == "__main__":
    main()
