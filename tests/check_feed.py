#!/usr/bin/env python3
"""check_feed.py - validate a chronicle feed with a second, independent parser.

Usage: check_feed.py FEED.ics EXPECTED_COUNT

Reads FEED.ics with Python's icalendar package (Debian python3-icalendar) and checks that it is
one VCALENDAR with VERSION 2.0 and a PRODID, holding exactly EXPECTED_COUNT VEVENTs, each with a
unique UID, an all-day DTSTART (a DATE, not a DATE-TIME) and a DTEND after it; also that the
parser recorded no property it could not read. Exits 0 when all hold, 1 with one message per
problem otherwise, 2 on bad usage, 77 (meson's "skipped") when icalendar is not installed.
"""
import datetime
import sys

try:
    import icalendar
except ImportError:
    print("check_feed.py: the Python icalendar package is not installed "
          "(Debian: python3-icalendar)", file=sys.stderr)
    sys.exit(77)


def is_date(value):
    # datetime.datetime is a subclass of datetime.date: test for it explicitly.
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def check(path, expected):
    """Returns a list of problems found in the feed at path."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return ["cannot read: %s" % e.strerror]
    try:
        cals = icalendar.Calendar.from_ical(data, multiple=True)
    except ValueError as e:
        return ["not parsable as iCalendar: %s" % e]

    problems = []
    if len(cals) != 1 or cals[0].name != "VCALENDAR":
        return ["expected one VCALENDAR, found %s" % [c.name for c in cals]]
    cal = cals[0]
    if str(cal.get("VERSION", "")) != "2.0":
        problems.append("VERSION is %r, not 2.0" % str(cal.get("VERSION", "")))
    if not cal.get("PRODID"):
        problems.append("no PRODID")

    events = []
    for comp in cal.walk():
        # icalendar skips what it cannot parse and notes it in .errors instead of raising.
        for name, message in comp.errors:
            problems.append("%s: %s: %s" % (comp.name, name or "line", message))
        if comp.name == "VEVENT":
            events.append(comp)

    if len(events) != expected:
        problems.append("%d VEVENTs, expected %d" % (len(events), expected))

    seen = {}
    for i, ev in enumerate(events):
        uid = str(ev.get("UID", ""))
        where = "VEVENT %d (%s)" % (i, uid or "no UID")
        if not uid:
            problems.append("%s: no UID" % where)
        elif uid in seen:
            problems.append("%s: UID already used by VEVENT %d" % (where, seen[uid]))
        else:
            seen[uid] = i

        start = ev.get("DTSTART")
        end = ev.get("DTEND")
        if start is None:
            problems.append("%s: no DTSTART" % where)
            continue
        if not is_date(start.dt):
            problems.append("%s: DTSTART %s is not a DATE" % (where, start.to_ical().decode()))
            continue
        if end is None:
            problems.append("%s: no DTEND" % where)
        elif not is_date(end.dt):
            problems.append("%s: DTEND %s is not a DATE" % (where, end.to_ical().decode()))
        elif not end.dt > start.dt:
            problems.append("%s: DTEND %s is not after DTSTART %s"
                            % (where, end.dt.isoformat(), start.dt.isoformat()))
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: check_feed.py FEED.ics EXPECTED_COUNT", file=sys.stderr)
        return 2
    try:
        expected = int(argv[2])
    except ValueError:
        expected = -1
    if expected < 0:
        print("check_feed.py: EXPECTED_COUNT must be a number >= 0, not %r" % argv[2],
              file=sys.stderr)
        return 2

    problems = check(argv[1], expected)
    for p in problems:
        print("%s: %s" % (argv[1], p), file=sys.stderr)
    if problems:
        return 1
    print("%s: %d events OK" % (argv[1], expected))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
