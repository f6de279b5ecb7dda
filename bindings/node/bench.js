'use strict';
// Screens per second through the Node.js binding, beside the C figure for
// the same queries (the shared cases, threshold 0.50, limit 5, in turn).
//
//   node bindings/node/bench.js [screens] [rss-screens]
//
// The C figure comes from the test_cases binary (--bench N), found through
// NOMEN_TEST_CASES_BIN or as the newest build*/tests/cases/test_cases. The C
// loop screens only; the JavaScript loops screen and get every hit as an
// object (what a caller gets). test_cases also prints its own batch figure
// (the same batches through nomen_matcher_screen_batch, called from C): the
// cost of packing hits as text, apart from JavaScript's. Best of three runs
// (the machine is shared); overheads are against the C screen loop.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const nomen = require('.');
const { SOURCE, SAMPLE, readCases } = require('./test/helpers');

function cBinary() {
  if (process.env.NOMEN_TEST_CASES_BIN) return process.env.NOMEN_TEST_CASES_BIN;
  const found = fs.readdirSync(SOURCE)
    .filter((d) => d.startsWith('build'))
    .map((d) => path.join(SOURCE, d, 'tests', 'cases', 'test_cases'))
    .filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  if (!found.length) throw new Error('build the test_cases target first (or set NOMEN_TEST_CASES_BIN)');
  return found[found.length - 1];
}

const n = Number(process.argv[2] || 200000);
const rssScreens = Number(process.argv[3] || 1000000);
const cases = readCases();
const b = new nomen.Builder();
const ix = b.addPath(SAMPLE, { format: 'generic-csv' }).build();
b.close();
const m = ix.matcher({ threshold: 0.5, limit: 5 });
let bestC = 0;
let bestCBatch = 0;
let bestJs = 0;
let bestBatch = 0;
let bestBatchRead = 0;
let hitsSeen = 0;
for (let r = 0; r < 3; r++) {
  const out = execFileSync(cBinary(), ['--bench', String(n)], { env: { ...process.env, NOMEN_SOURCE_DIR: SOURCE } }).toString();
  const rate = (key) => Number(out.split(` ${key}=`)[1].split(/\s/)[0]);
  bestC = Math.max(bestC, rate('screens_per_sec'));
  bestCBatch = Math.max(bestCBatch, rate('batch_screens_per_sec'));
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const c = cases[i % cases.length];
    m.screen(c.query, c);
  }
  bestJs = Math.max(bestJs, n / (Number(process.hrtime.bigint() - t) / 1e9));
  const batch = [];
  for (let i = 0; i < 1000; i++) {
    const c = cases[i % cases.length];
    batch.push({ name: c.query, dob: c.dob, country: c.country, type: c.type });
  }
  // What a screening loop does with a batch: look at each query's hit count
  // (a caller then reads the hits of the few that hit) ...
  t = process.hrtime.bigint();
  for (let i = 0; i < n / 1000; i++) {
    const r = m.screenMany(batch);
    for (let k = 0; k < r.length; k++) hitsSeen += r.hitCount(k);
  }
  bestBatch = Math.max(bestBatch, n / (Number(process.hrtime.bigint() - t) / 1e9));
  // ... or read every hit as an object (on these cases 1.6 hits a query).
  t = process.hrtime.bigint();
  for (let i = 0; i < n / 1000; i++) {
    for (const hits of m.screenMany(batch)) {
      for (const h of hits) hitsSeen += h.score > 0 ? 1 : 0;
    }
  }
  bestBatchRead = Math.max(bestBatchRead, n / (Number(process.hrtime.bigint() - t) / 1e9));
}
if (hitsSeen === 0) throw new Error('no hits: the bench measured nothing');
const pct = (x) => (100 * (bestC / x - 1)).toFixed(1);
console.log(`queries: ${cases.length} shared cases in turn, ${n} screens a run, best of 3`);
console.log(`C        screens/s ${bestC.toFixed(0).padStart(10)}`);
console.log(`C        screens/s ${bestCBatch.toFixed(0).padStart(10)}   overhead ${pct(bestCBatch)}% (nomen_matcher_screen_batch, batches of 1,000)`);
console.log(`Node.js  screens/s ${bestJs.toFixed(0).padStart(10)}   overhead ${pct(bestJs)}% (single screens)`);
console.log(`Node.js  screens/s ${bestBatch.toFixed(0).padStart(10)}   overhead ${pct(bestBatch)}% (screenMany, batches of 1,000, each hit count read)`);
console.log(`Node.js  screens/s ${bestBatchRead.toFixed(0).padStart(10)}   overhead ${pct(bestBatchRead)}% (screenMany, batches of 1,000, every hit read)`);
if (rssScreens > 0) {
  const before = process.memoryUsage().rss;
  const t = process.hrtime.bigint();
  for (let i = 0; i < rssScreens; i++) m.screen(cases[i % cases.length].query);
  console.log(`${rssScreens} screens in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s: ` +
    `RSS ${(before / 1024).toFixed(0)} kB -> ${(process.memoryUsage().rss / 1024).toFixed(0)} kB`);
}
m.close();
ix.close();
