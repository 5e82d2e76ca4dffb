#!/usr/bin/env python3
"""peers.py FEED.ics KHAL_CONFIG - prints one line per VEVENT of FEED as two independent peers
read it: "python UID START END" (Python icalendar) and, from `khal printics`, "khal UID START
END". Dates print as YYYY-MM-DD, UTC times as YYYY-MM-DDTHH:MMZ (khal shows minutes), a missing
DTEND as "-".
khal shows the last day of an all-day event; it is turned back into the exclusive DTEND.
Exit 1 when a peer fails to read the feed."""
import datetime
import subprocess
import sys

import icalendar


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc)
        return v.strftime("%Y-%m-%dT%H:%MZ")
    return v.isoformat()


def main(feed, khal_config):
    cal = icalendar.Calendar.from_ical(open(feed, "rb").read())
    for ev in cal.walk("VEVENT"):
        if ev.errors:
            print(f"python: {ev.get('UID')}: {ev.errors}", file=sys.stderr)
            return 1
        end = ev.get("DTEND")
        print("python", ev["UID"], fmt(ev["DTSTART"].dt), fmt(end.dt if end else None))
    out = subprocess.run(
        ["khal", "-c", khal_config, "printics", "--format", "{uid}|{start}|{end}", feed],
        capture_output=True, text=True)
    if out.returncode != 0:
        print("khal:", out.stderr, file=sys.stderr)
        return 1
    for line in out.stdout.splitlines():
        if "|" not in line:
            continue  # the "N events found" header
        uid, start, end = line.split("|")
        if " " not in start:  # an all-day event: khal prints dates only
            last = datetime.date.fromisoformat(end)
            print("khal", uid, start, (last + datetime.timedelta(days=1)).isoformat())
        else:  # khal prints minutes: compare timed events to the minute
            print("khal", uid, start.replace(" ", "T") + "Z", end.replace(" ", "T") + "Z")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
