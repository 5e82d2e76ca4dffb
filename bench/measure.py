#!/usr/bin/env python3
"""measure.py - wall time and peak RSS of one command (GNU time is not always installed).

Usage: measure.py COMMAND [ARG...]

Runs COMMAND with standard input from /dev/null and standard output thrown away
(standard error passes through), then prints one line:

    WALL_SECONDS USER_SECONDS SYS_SECONDS PEAK_RSS_KB EXIT_STATUS

PEAK_RSS_KB is ru_maxrss of RUSAGE_CHILDREN (kilobytes on Linux). This process
starts no other child, so it is the peak of COMMAND itself (or of the program it
execs, as taskset does). An exit status of -N means killed by signal N.
"""
import resource
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: measure.py COMMAND [ARG...]\n")
        return 2
    start = time.perf_counter()
    try:
        status = subprocess.call(argv[1:], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL)
    except OSError as e:
        sys.stderr.write("measure.py: %s: %s\n" % (argv[1], e.strerror))
        return 127
    wall = time.perf_counter() - start
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("%.3f %.3f %.3f %d %d" % (wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, status))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
