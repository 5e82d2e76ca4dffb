// chrono_bench.mjs - chrono-node throughput on the benchmark text, one call per document.
//
// Usage: node chrono_bench.mjs CHRONO_PREFIX TEXT_FILE [MB]
//
// CHRONO_PREFIX is the folder given to `npm install --prefix` (it holds
// node_modules/chrono-node). TEXT_FILE and TEXT_FILE.idx come from make_text.py;
// the .idx file lists each document's byte offset and length. Only the leading
// documents up to MB megabytes (10^6 bytes; default: the whole file) are parsed,
// because chrono-node is much slower than chronicle.
//
// The file is read and split before the clock starts; the clock covers only the
// chrono.parse(doc, refDate) calls, one per document, with the same reference date
// that chronicle gets (--dct 2000-01-01).
//
// Prints one line of key=value pairs for run.sh:
//   bytes=N seconds=S mbps=R mentions=M docs=D version=V
import { createRequire } from 'node:module';
import { openSync, readSync, readFileSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';

function fail(msg) {
    process.stderr.write(`chrono_bench.mjs: ${msg}\n`);
    process.exit(1);
}

const [prefix, textFile, mbArg] = process.argv.slice(2);
if (!prefix || !textFile)
    fail('usage: node chrono_bench.mjs CHRONO_PREFIX TEXT_FILE [MB]');
const limit = mbArg ? Number(mbArg) * 1e6 : Infinity;
if (!(limit > 0))
    fail(`MB: '${mbArg}' is not a positive number`);

const require = createRequire(join(resolve(prefix), 'package.json'));
let chrono, version;
try {
    chrono = require('chrono-node');
    // The package's "exports" map hides its package.json from require().
    version = JSON.parse(readFileSync(join(prefix, 'node_modules', 'chrono-node', 'package.json'),
                                      'utf8')).version;
} catch (e) {
    fail(`cannot load chrono-node from ${prefix}: ${e.message}`);
}

// Document boundaries: keep whole documents while they fit under the limit.
const spans = [];
let end = 0;
for (const line of readFileSync(textFile + '.idx', 'utf8').split('\n')) {
    if (!line)
        continue;
    const [off, len] = line.split(' ').map(Number);
    if (off + len > limit && spans.length > 0)
        break;
    spans.push([off, len]);
    end = off + len;
}
if (spans.length === 0)
    fail(`${textFile}.idx: no documents`);

// Read only the prefix that the chosen documents cover.
const buf = Buffer.alloc(end);
const fd = openSync(textFile, 'r');
for (let got = 0; got < end;) {
    const n = readSync(fd, buf, got, end - got, got);
    if (n === 0)
        fail(`${textFile}: shorter than its .idx says`);
    got += n;
}
closeSync(fd);
const docs = spans.map(([off, len]) => buf.toString('utf8', off, off + len));
const bytes = spans.reduce((sum, [, len]) => sum + len, 0);

const refDate = new Date(2000, 0, 1);
let mentions = 0;
const t0 = process.hrtime.bigint();
for (const doc of docs)
    mentions += chrono.parse(doc, refDate).length;
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

console.log(`bytes=${bytes} seconds=${seconds.toFixed(3)} ` +
            `mbps=${(bytes / 1e6 / seconds).toFixed(2)} mentions=${mentions} ` +
            `docs=${docs.length} version=${version}`);
