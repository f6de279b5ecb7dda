'use strict';
// The Node.js binding end to end (node --test): loading, index files,
// provenance, screening, options, explanations, errors and bad input, handles,
// worker_threads, memory, the shared cases against the C library, the example.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Worker } = require('node:worker_threads');

const nomen = require('..');
const { SOURCE, SAMPLE, readCases, formatHits } = require('./helpers');

const CSV = 'id,name,aliases,type,dob,country,program\nx1,"SMITH, John",,individual,1970,GB,TEST\n';

function sampleIndex() {
  const b = new nomen.Builder();
  try {
    return b.addPath(SAMPLE, { format: 'generic-csv' }).build();
  } finally {
    b.close();
  }
}

function tmpFile(name) {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomen-node-')), name);
}

test('version', () => {
  assert.match(nomen.version(), /^\d+\.\d+\.\d+$/);
});

test('packed scores read back exactly (C99 hex floats)', () => {
  const pairs = [
    ['0x0p+0', 0], ['0x1p+0', 1], ['0x1.8p-1', 0.75], ['-0x1.999999999999ap-4', -0.1],
    ['0x1.5555555555555p-1', 2 / 3], ['0x1.555556p-1', Math.fround(2 / 3)],
    ['0x0.0000000000001p-1022', Number.MIN_VALUE], ['0x1.fffffffffffffp+1023', Number.MAX_VALUE],
    ['0x1p-1022', 2 ** -1022], ['0x1.e240c9fbe76c9p+16', 123456.789], ['inf', Infinity],
  ];
  for (const [text, value] of pairs) assert.equal(nomen._hexDouble(text), value, text);
  assert.ok(Number.isNaN(nomen._hexDouble('nan')));
  // and through a screen: an exact name scores exactly 1
  const ix = sampleIndex();
  const m = ix.matcher({ threshold: 0.5 });
  assert.equal(m.screen('CHEN, Quanguo')[0].score, 1);
  assert.equal(m.screenMany(['CHEN, Quanguo']).at(0)[0].score, 1);
  m.close();
  ix.close();
});

test('load a file, memory (string and Buffer), counts', () => {
  const ix = sampleIndex();
  assert.equal(ix.recordCount, 70);
  assert.ok(ix.nameCount > ix.recordCount);
  ix.close();
  const b = new nomen.Builder();
  b.addMemory(CSV, { name: 'mem.csv', format: 'generic-csv', listName: 'mine' });
  b.addMemory(Buffer.from(CSV.replace('x1', 'x2')), { name: 'mem2.csv', listName: 'mine2' });
  assert.equal(b.recordCount, 2);
  const ix2 = b.build();
  b.close();
  assert.deepEqual(ix2.lists.map((l) => l.name), ['mine', 'mine2']);
  const m = ix2.matcher();
  const hits = m.screen('John Smith');
  assert.deepEqual(new Set(hits.map((h) => h.entityId)), new Set(['x1', 'x2']));
  assert.deepEqual(hits[0].programs, ['TEST']);
  assert.equal(hits[0].type, 'individual');
  m.close();
  ix2.close();
});

test('load an official set folder', (t) => {
  const shared = process.env.NOMEN_SHARED_DIR || path.join(SOURCE, '..', 'shared');
  const sdn = path.join(shared, 'data/lists/ofac/sdn_2021-07');
  if (!fs.existsSync(sdn)) {
    if (process.env.CI === 'true') assert.fail(`${sdn} missing under CI=true`);
    t.skip(`${sdn} not found`);
    return;
  }
  const b = new nomen.Builder().addPath(sdn);
  assert.ok(b.recordCount > 5000);
  const ix = b.build();
  b.close();
  assert.equal(ix.lists[0].format, 'ofac-csv');
  const m = ix.matcher();
  assert.equal(m.screen("Ch'en Ch'üan-kuo")[0].name, 'CHEN, Quanguo');
  m.close();
  ix.close();
});

test('lenient and strict loading', () => {
  const bad = CSV + 'x3,,,individual,,,\n';
  const b = new nomen.Builder();
  b.addMemory(bad, { name: 'bad.csv', format: 'generic-csv' });
  assert.equal(b.recordCount, 1);
  assert.equal(b.skippedCount, 1);
  assert.match(b.skipReport, /bad\.csv/);
  b.close();
  const s = new nomen.Builder({ strict: true });
  assert.throws(() => s.addMemory(bad, { name: 'bad.csv', format: 'generic-csv' }),
    (e) => e instanceof Error && e.status === 5 && e.code === 'NOMEN_ERR_PARSE' && /bad\.csv/.test(e.message));
  s.close();
});

test('save, load, provenance', () => {
  const ix = sampleIndex();
  const file = tmpFile('sample.idx');
  ix.save(file);
  const loaded = nomen.Index.load(file);
  assert.equal(loaded.recordCount, ix.recordCount);
  assert.deepEqual(loaded.lists, ix.lists);
  const [li] = loaded.lists;
  assert.equal(li.name, 'sample-list');
  assert.equal(li.format, 'generic-csv');
  assert.equal(li.records, 70);
  assert.equal(li.skipped, 0);
  assert.match(li.checksum, /^[0-9a-f]{16}$/);
  assert.ok(li.path.endsWith('sample-list.csv'));
  const a = ix.matcher({ threshold: 0.5 });
  const b = loaded.matcher({ threshold: 0.5 });
  for (const q of ['Chen Quanguo', '陳國基', 'Zhang Wei']) assert.deepEqual(a.screen(q), b.screen(q));
  for (const h of [a, b, ix, loaded]) h.close();
  assert.throws(() => nomen.Index.load(tmpFile('none.idx')), (e) => e.status === 4 && /none\.idx/.test(e.message));
  const junk = tmpFile('junk.idx');
  fs.writeFileSync(junk, 'not an index at all'.repeat(10));
  assert.throws(() => nomen.Index.load(junk), (e) => (e.status === 5 || e.status === 9) && e.message.length > 0);
});

test('screen: variants, options, dob/country/type, explanations, batches', () => {
  const ix = sampleIndex();
  const m = ix.matcher();
  for (const q of ['CHEN, Quanguo', "Ch'en Ch'üan-kuo", '陳全國', 'QUANGUO CHEN', Buffer.from('Chen Quanguo')]) {
    const hits = m.screen(q);
    assert.equal(hits[0].entityId, 'ofac-29220', String(q));
    assert.equal(hits[0].name, 'CHEN, Quanguo');
    assert.ok(hits[0].score >= 0.95);
    assert.equal(hits[0].explanation, null);
  }
  assert.deepEqual(m.screen('Zhang Quanguo'), []);
  m.setOptions({ threshold: 0, limit: 3 });
  const three = m.screen('Chen Quanguo');
  assert.equal(three.length, 3);
  assert.deepEqual(three.map((h) => h.score), three.map((h) => h.score).sort((x, y) => y - x));
  const base = three[0].score;
  assert.ok(m.screen('Chen Quanguo', { dob: '1955', country: 'CN', type: 'individual' })[0].score >= base);
  assert.ok(m.screen('Chen Quanguo', { dob: '1970', type: 'entity' })[0].score < base);
  assert.throws(() => m.screen('Chen', { type: 'robot' }), (e) => e.status === 2);
  assert.throws(() => m.setOptions({ threshold: 1.5 }), (e) => e.status === 2 && e.code === 'NOMEN_ERR_INVALID_ARG');
  assert.throws(() => m.setOptions({ limit: -1 }), (e) => e.status === 2);
  m.setOptions({ explain: true });
  const [h] = m.screen('Chen Guanguo', { dob: '1955' });
  assert.equal(typeof h.explanation, 'object');
  assert.equal(h.explanation.matched_name, 'CHEN, Quanguo');
  assert.ok(Math.abs(h.explanation.score - h.score) < 1e-3);
  assert.equal(h.explanation.evidence.dob.effect, 'agrees');
  m.setOptions({});
  const many = m.screenMany(['Chen Quanguo', { name: 'Grace 1', type: 'vessel' }, Buffer.from('John Smith')]);
  assert.deepEqual(Array.from(many, (x) => (x.length ? x[0].entityId : null)), ['ofac-29220', 'ofac-27304', null]);
  assert.throws(() => m.screenMany(['Chen', Buffer.from([0xc3, 0x28])]), (e) => e.status === 3 && /query 1/.test(e.message));
  assert.throws(() => m.screenMany([42]), TypeError);
  m.close();
  ix.close();
});

test('screenMany in one call: the same hits as single screens', () => {
  const ix = sampleIndex();
  const m = ix.matcher({ threshold: 0.5, limit: 5, explain: true });
  const qs = ['Chen Quanguo', { name: "Ch'en Ch'üan-kuo", dob: '1955', country: 'CN', type: 'individual' },
    'Jane Doe', { name: 'Grace 1', type: 'vessel' }, 'Zhang Lei'];
  const one = qs.map((q) => (typeof q === 'string' ? m.screen(q) : m.screen(q.name, q)));
  const many = m.screenMany(qs);
  assert.ok(many instanceof nomen.BatchHits);
  assert.equal(many.length, qs.length);
  assert.deepEqual(qs.map((q, i) => many.hitCount(i)), one.map((h) => h.length));
  assert.deepEqual(many.toArray(), one);
  assert.deepEqual([...many], one);
  assert.deepEqual(JSON.parse(JSON.stringify(many)), JSON.parse(JSON.stringify(one)));
  assert.equal(many.at(2).length, 0);
  assert.equal(many.at(0)[0].explanation.matched_name, 'CHEN, Quanguo');
  assert.equal(many.at(0), many.at(-5), 'a read list is kept');
  assert.equal(many.at(5), undefined);
  assert.equal(many.at(-6), undefined);
  assert.throws(() => many.hitCount(5), RangeError);
  assert.deepEqual(m.screenMany([]).toArray(), []);
  assert.throws(() => m.screenMany(['Chen Quanguo', 'Jane Doe', { name: 'Chen', dob: '55' }]),
    (e) => e.status === 2 && /^query 2: /.test(e.message));
  assert.throws(() => m.screenMany([{ name: 'Chen', type: 'robot' }]), (e) => e.status === 2);
  // A query holding the separator goes one by one, with the same result.
  const sep = m.screenMany(['Chen\x1fQuanguo', 'Chen Quanguo']);
  assert.deepEqual(sep.at(1), one[0]);
  assert.deepEqual(sep.at(0), m.screen('Chen\x1fQuanguo'));
  assert.equal(sep.hitCount(1), one[0].length);
  m.close();
  ix.close();
});

test('a listed name holding a packing separator', () => {
  const b = new nomen.Builder();
  b.addMemory('id,name,type\nx1,"SMITH\x1f, John",individual\n', { name: 'mem.csv', format: 'generic-csv' });
  const ix = b.build();
  b.close();
  const m = ix.matcher();
  const hits = m.screen('John Smith');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].name, 'SMITH\x1f, John');
  const many = m.screenMany(['John Smith', 'Jane Doe']);
  assert.deepEqual(many.at(0), hits);
  assert.equal(many.at(1).length, 0);
  m.close();
  ix.close();
});

test('errors and bad input', () => {
  const ix = sampleIndex();
  const m = ix.matcher();
  assert.throws(() => m.screen(Buffer.from([0x43, 0x68, 0x65, 0x6e, 0x20, 0xff])),
    (e) => e instanceof Error && e.status === 3 && e.code === 'NOMEN_ERR_UTF8' && /byte 5/.test(e.message));
  assert.throws(() => m.screen('x'.repeat(5000)), (e) => e.status === 8);
  for (const bad of [undefined, null, 42, {}, ['Chen']]) assert.throws(() => m.screen(bad), TypeError);
  assert.throws(() => m.screen('Chen', { dob: 1955 }), TypeError);
  assert.throws(() => m.screen('Chen', 5), TypeError);
  assert.ok(m.screen('Chen Quanguo', null).length > 0);
  assert.ok(m.screen('Chen Quanguo').length > 0); // still usable
  const b = new nomen.Builder();
  assert.throws(() => b.addPath('/no/such/list.csv'), (e) => e.status === 4 && /\/no\/such\/list\.csv/.test(e.message));
  assert.throws(() => b.addPath(SAMPLE, { format: 'no-such-format' }), (e) => e.status === 6);
  assert.throws(() => b.addPath(undefined), TypeError);
  assert.throws(() => b.addPath('a\0b'), TypeError);
  assert.throws(() => b.addMemory(null), TypeError);
  b.setStrict(true);
  assert.throws(() => b.addMemory(Buffer.from('id,name\nx1,"Bad \xff"\n', 'latin1'), { name: 'pay.csv', format: 'generic-csv' }),
    (e) => e.status === 3 && e.message.startsWith('pay.csv:2:'));
  assert.throws(() => b.build(), (e) => e.status === 10);
  b.close();
  assert.throws(() => new nomen.Matcher('not an index'), TypeError);
  assert.throws(() => new nomen.Index(), TypeError);
  m.close();
  ix.close();
});

test('close, use after close, index outlived by its matcher', () => {
  const ix = sampleIndex();
  const m = ix.matcher();
  m.close();
  m.close();
  assert.ok(m.closed);
  assert.throws(() => m.screen('Chen'), (e) => e.code === 'NOMEN_ERR_CLOSED');
  const m2 = ix.matcher();
  ix.close(); // the matcher holds its own reference to the C index
  assert.equal(m2.screen('Chen Quanguo')[0].entityId, 'ofac-29220');
  m2.close();
});

test('forgotten handles are freed by the FinalizationRegistry', { skip: typeof global.gc !== 'function' && 'run node with --expose-gc' }, async () => {
  // Keep the raw native handles of a forgotten Index and Matcher: their
  // native finalizers cannot run while we hold them, so only the registry
  // can free the C handles once the JavaScript objects are collected.
  let raw;
  (() => {
    const ix = sampleIndex();
    const m = ix.matcher();
    m.screen('Chen Quanguo');
    raw = [ix._h, m._h];
  })();
  const probe = (h) => Object.assign(Object.create(nomen.Index.prototype), { _h: h });
  const isOpen = () => {
    try {
      return probe(raw[0]).recordCount === 70;
    } catch (e) {
      assert.equal(e.code, 'NOMEN_ERR_CLOSED');
      return false;
    }
  };
  assert.ok(isOpen());
  for (let i = 0; i < 100 && isOpen(); i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 10)); // cleanup callbacks run as tasks
  }
  assert.ok(!isOpen(), 'the registry did not free the forgotten index');
  const mp = Object.assign(Object.create(nomen.Matcher.prototype), { _h: raw[1] });
  assert.throws(() => mp.screen('Chen'), (e) => e.code === 'NOMEN_ERR_CLOSED');
});

test('worker_threads: four workers on one saved index file', async () => {
  const ix = sampleIndex();
  const file = tmpFile('shared.idx');
  ix.save(file);
  const m = ix.matcher({ threshold: 0.5, limit: 5 });
  const want = readCases().map((c) => formatHits(c, m.screen(c.query, c)));
  m.close();
  ix.close();
  const runs = [0, 1, 2, 3].map(() => new Promise((resolve, reject) => {
    const w = new Worker(path.join(__dirname, 'worker.js'), { workerData: { indexFile: file, rounds: 20 } });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  for (const got of await Promise.all(runs)) assert.deepEqual(got, want);
});

test('no RSS growth over 100,000 screens', () => {
  const n = Number(process.env.NOMEN_RSS_SCREENS || 100000);
  const ix = sampleIndex();
  const m = ix.matcher({ threshold: 0.5, limit: 5, explain: true });
  const names = readCases().map((c) => c.query);
  for (let i = 0; i < 5000; i++) m.screen(names[i % names.length]);
  if (global.gc) global.gc();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < n; i++) m.screen(names[i % names.length]);
  if (global.gc) global.gc();
  const grown = (process.memoryUsage().rss - before) / 1024;
  m.close();
  ix.close();
  // V8's heap settles in steps of a few MB; a native leak of even 100
  // bytes per screen would be 10 MB here.
  assert.ok(grown < 8 * 1024, `RSS grew by ${grown} kB over ${n} screens`);
});

test('shared cases: expected top hits', () => {
  const ix = sampleIndex();
  const m = ix.matcher({ threshold: 0.5, limit: 5 });
  for (const c of readCases()) {
    const hits = m.screen(c.query, c);
    const top = hits.length ? hits[0].score : 0;
    if (c.expect === '-') assert.ok(top < c.score, `${c.n} ${c.query}: ${JSON.stringify(hits)}`);
    else assert.ok(hits.length && hits[0].entityId === c.expect && top >= c.score, `${c.n} ${c.query}: ${JSON.stringify(hits)}`);
  }
  m.close();
  ix.close();
});

test('shared cases: hit lists and scores identical to the C library', (t) => {
  const exe = process.env.NOMEN_TEST_CASES_BIN;
  if (!exe) {
    if (process.env.CI === 'true') assert.fail('NOMEN_TEST_CASES_BIN is not set (ctest sets it)');
    t.skip('NOMEN_TEST_CASES_BIN not set: run through ctest');
    return;
  }
  const c = execFileSync(exe, ['--print'], { env: { ...process.env, NOMEN_SOURCE_DIR: SOURCE } }).toString('utf8');
  const cLines = c.split('\n').filter((l) => l !== '');
  const ix = sampleIndex();
  const m = ix.matcher({ threshold: 0.5, limit: 5 });
  const cases = readCases();
  const jsLines = cases.map((x) => formatHits(x, m.screen(x.query, x)));
  const batch = m.screenMany(cases.map((x) => ({ name: x.query, dob: x.dob, country: x.country, type: x.type })));
  const batchLines = cases.map((x, i) => formatHits(x, batch.at(i)));
  m.close();
  ix.close();
  assert.ok(cLines.length >= 40);
  assert.deepEqual(jsLines, cLines);
  assert.deepEqual(batchLines, cLines);
});

test('the example runs', () => {
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', 'screen_names.js'),
    SAMPLE, "Ch'en Ch'üan-kuo", 'Zhang Quanguo']).toString();
  assert.match(out, /ofac-29220/);
  assert.match(out, /CHEN, Quanguo/);
  assert.match(out, /Zhang Quanguo: no hit/);
});
