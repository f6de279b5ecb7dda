'use strict';
// A worker of the worker_threads test: loads the saved index file it is
// given (memory-mapped, so the workers share its pages) and screens every
// shared case `rounds` times with its own matcher.
const { parentPort, workerData } = require('node:worker_threads');
const nomen = require('..');
const { readCases, formatHits } = require('./helpers');

const index = nomen.Index.load(workerData.indexFile);
const m = index.matcher({ threshold: 0.5, limit: 5 });
const cases = readCases();
let lines;
for (let r = 0; r < workerData.rounds; r++) {
  lines = cases.map((c) => formatHits(c, m.screen(c.query, c)));
}
m.close();
index.close();
parentPort.postMessage(lines);
