// icaljs_dump.mjs FEED.ics - parses a feed with ical.js in strict mode and prints one line per
// VEVENT: "UID START END", START/END as ical.js reads them (YYYY-MM-DD for dates,
// YYYY-MM-DDTHH:MMZ for UTC times (to the minute, as khal shows them), "-" when there is no DTEND). Exit 1 on any parse error.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

ICAL.design.strict = true;
const text = readFileSync(process.argv[2], 'utf8');
const cal = new ICAL.Component(ICAL.parse(text));
if (cal.name !== 'vcalendar') throw new Error(`not a VCALENDAR: ${cal.name}`);
for (const name of ['prodid', 'version']) {
  if (!cal.getFirstPropertyValue(name)) throw new Error(`VCALENDAR without ${name}`);
}
const fmt = (t) => {
  if (!t) return '-';
  if (t.isDate) return t.toString();
  return t.convertToZone(ICAL.Timezone.utcTimezone).toString().slice(0, 16) + 'Z';
};
for (const v of cal.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(v);
  const end = v.getFirstPropertyValue('dtend');
  console.log(`${ev.uid} ${fmt(ev.startDate)} ${fmt(end)}`);
}
