'use strict';
// Paths and the shared cases, for the tests and the bench.
const fs = require('node:fs');
const path = require('node:path');

const SOURCE = process.env.NOMEN_SOURCE_DIR || path.resolve(__dirname, '..', '..', '..');
const SAMPLE = path.join(SOURCE, 'data', 'sample-list.csv');
const CASES = path.join(SOURCE, 'tests', 'data', 'screen_cases.tsv');

/** The shared cases: {n, query, dob, country, type, expect, score}. */
function readCases() {
  const out = [];
  for (const line of fs.readFileSync(CASES, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length !== 6) throw new Error(`${CASES}: malformed line: ${line}`);
    out.push({
      n: out.length + 1,
      query: f[0],
      dob: f[1] || null,
      country: f[2] || null,
      type: f[3] || null,
      expect: f[4],
      score: Number(f[5]),
    });
  }
  return out;
}

/** The --print line of test_cases for one case's hits. */
function formatHits(c, hits) {
  return `${c.n}\t${c.query}\t${hits.map((h) => `${h.entityId}=${h.score.toFixed(6)}`).join(' ')}`;
}

module.exports = { SOURCE, SAMPLE, CASES, readCases, formatHits };
