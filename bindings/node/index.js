'use strict';
/*
 * nomen for Node.js: sanctions name screening through libnomen.
 *
 * The native addon (nomen.node, nomen_node.c) is a flat N-API layer; this
 * file gives it classes: Builder (loads lists), Index (immutable; save/load),
 * Matcher (screens). Each owns a native handle: close() frees it at once, and
 * a FinalizationRegistry frees whatever a program forgets to close, when the
 * object is collected (a safety net, not a schedule).
 *
 * The addon is found through NOMEN_NODE_ADDON (a path), else next to this
 * file (an installed copy), else in the newest build*\/bindings/node/ of the
 * source tree this file sits in.
 */
const fs = require('node:fs');
const path = require('node:path');

function findAddon() {
  if (process.env.NOMEN_NODE_ADDON) return process.env.NOMEN_NODE_ADDON;
  const here = path.join(__dirname, 'nomen.node');
  if (fs.existsSync(here)) return here;
  const root = path.resolve(__dirname, '..', '..');
  let best = null;
  let bestTime = -1;
  for (const d of fs.readdirSync(root)) {
    if (!d.startsWith('build')) continue;
    const p = path.join(root, d, 'bindings', 'node', 'nomen.node');
    try {
      const t = fs.statSync(p).mtimeMs;
      if (t > bestTime) {
        best = p;
        bestTime = t;
      }
    } catch {
      /* not built there */
    }
  }
  if (!best) {
    throw new Error('nomen: nomen.node not found (build the nomen_node target, or set NOMEN_NODE_ADDON)');
  }
  return best;
}

const native = require(findAddon());

const DEFAULT_THRESHOLD = 0.8;
const NAME_MAX_BYTES = 4096;

// Frees the native handle of a collected object that was never closed.
const registry = new FinalizationRegistry((handle) => native.close(handle));

class Handle {
  constructor(handle) {
    this._h = handle;
    registry.register(this, handle, this);
  }

  /** Free the native handle now; closing twice is harmless. */
  close() {
    if (this._h !== null) {
      registry.unregister(this);
      native.close(this._h);
      this._h = null;
    }
  }

  get closed() {
    return this._h === null;
  }

  _handle() {
    if (this._h === null) {
      const e = new Error(`the ${this.constructor.name} is closed`);
      e.code = 'NOMEN_ERR_CLOSED';
      throw e;
    }
    return this._h;
  }
}
// `using` declarations (explicit resource management), where Node has them.
if (typeof Symbol.dispose === 'symbol') {
  Handle.prototype[Symbol.dispose] = function dispose() {
    this.close();
  };
}

function optString(v, what) {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string or null`);
  return v;
}

class Builder extends Handle {
  /** @param {{strict?: boolean}} [opts] */
  constructor(opts = {}) {
    super(native.builderNew());
    if (opts.strict) this.setStrict(true);
  }

  setStrict(strict = true) {
    native.builderSetStrict(this._handle(), Boolean(strict));
    return this;
  }

  /** Load a list file or an official set folder (format detected unless given). */
  addPath(file, opts = {}) {
    native.builderAddPath(this._handle(), file, optString(opts.format, 'format'),
      optString(opts.listName, 'listName'));
    return this;
  }

  /** Load a single-file list held in memory (string, Buffer or Uint8Array). */
  addMemory(data, opts = {}) {
    native.builderAddMemory(this._handle(), data, opts.name === undefined ? 'memory' : opts.name,
      optString(opts.format, 'format'), optString(opts.listName, 'listName'));
    return this;
  }

  get recordCount() {
    return native.builderInfo(this._handle()).records;
  }

  get skippedCount() {
    return native.builderInfo(this._handle()).skipped;
  }

  get skipReport() {
    return native.builderInfo(this._handle()).skipReport;
  }

  /** An immutable Index of everything loaded so far. */
  build() {
    return new Index(native.indexBuild(this._handle()));
  }
}

class Index extends Handle {
  /** @private use Builder.build() or Index.load() */
  constructor(handle) {
    if (handle === undefined) throw new TypeError('build an Index with Builder.build() or Index.load()');
    super(handle);
  }

  /** Load (memory-map) an index saved by save(). */
  static load(file) {
    return new Index(native.indexLoad(file));
  }

  save(file) {
    native.indexSave(this._handle(), file);
  }

  get recordCount() {
    return native.indexInfo(this._handle()).records;
  }

  get nameCount() {
    return native.indexInfo(this._handle()).names;
  }

  /** Provenance of each source list. */
  get lists() {
    return native.indexInfo(this._handle()).lists;
  }

  matcher(opts) {
    return new Matcher(this, opts);
  }
}

class Matcher extends Handle {
  /**
   * @param {Index} index
   * @param {{threshold?: number, limit?: number, explain?: boolean}} [opts]
   */
  constructor(index, opts = {}) {
    if (!(index instanceof Index)) throw new TypeError('index must be a nomen Index');
    super(native.matcherNew(index._handle()));
    this._explain = false;
    this.setOptions(opts);
  }

  setOptions(opts = {}) {
    const { threshold = DEFAULT_THRESHOLD, limit = 10, explain = false } = opts;
    if (typeof threshold !== 'number') throw new TypeError('threshold must be a number');
    if (!Number.isInteger(limit)) throw new TypeError('limit must be an integer');
    native.matcherSetOptions(this._handle(), threshold, limit, Boolean(explain));
    this._explain = Boolean(explain);
  }

  /** Move this matcher to another index (e.g. a newly loaded list). */
  setIndex(index) {
    if (!(index instanceof Index)) throw new TypeError('index must be a nomen Index');
    native.matcherSetIndex(this._handle(), index._handle());
  }

  /**
   * Screen one name; the hits, best first.
   * @param {string|Uint8Array} name
   * @param {{dob?: string, country?: string, type?: string}} [q]
   */
  screen(name, q) {
    const h = this._handle();
    let hits;
    if (q === undefined || q === null) hits = native.matcherScreen(h, name);
    else if (typeof q === 'object') hits = native.matcherScreen(h, name, q.dob, q.country, q.type);
    else throw new TypeError('the query options must be an object {dob, country, type}');
    if (typeof hits === 'string') {
      const f = hits.split(FS);
      return unpackHits(f, 0, (f.length - 1) / 8, this._explain);
    }
    if (this._explain) {
      for (const x of hits) {
        if (x.explanation !== null) x.explanation = JSON.parse(x.explanation);
      }
    }
    return hits;
  }

  /**
   * Screen a batch: names or {name, dob, country, type} objects; a BatchHits
   * of their hit lists, in order. Strings go to the library in one call
   * (nomen_matcher_screen_batch); a batch with a Buffer, or with text holding
   * the packing separators, goes one by one.
   */
  screenMany(queries) {
    if (queries === null || typeof queries[Symbol.iterator] !== 'function') {
      throw new TypeError('queries must be an iterable');
    }
    const qs = Array.from(queries);
    const parts = [];
    let packable = true;
    for (const q of qs) {
      if (typeof q === 'string') {
        parts.push(q + '\x1f\x1f\x1f\x1f');
      } else if (q !== null && typeof q === 'object' && typeof q.name === 'string' &&
                 (q.dob == null || typeof q.dob === 'string') &&
                 (q.country == null || typeof q.country === 'string') &&
                 (q.type == null || Object.prototype.hasOwnProperty.call(SUBJECTS, q.type))) {
        const t = q.type == null ? '' : SUBJECTS[q.type];
        parts.push(`${q.name}\x1f${q.dob || ''}\x1f${q.country || ''}\x1f${t}\x1f`);
      } else {
        packable = false;
        break;
      }
    }
    if (packable) {
      const text = parts.join('');
      let seps = 0;
      for (let i = text.indexOf(FS); i >= 0; i = text.indexOf(FS, i + 1)) seps++;
      if (seps === 4 * qs.length) {
        const packed = native.matcherScreenBatch(this._handle(), text);
        if (packed !== null) return new BatchHits(packed[0], packed[1], this._explain, null);
      }
    }
    return this._screenEach(qs);
  }

  _screenEach(queries) {
    const out = [];
    let n = 0;
    for (const q of queries) {
      try {
        if (typeof q === 'string' || q instanceof Uint8Array) out.push(this.screen(q));
        else if (q !== null && typeof q === 'object') out.push(this.screen(q.name, q));
        else throw new TypeError(`query ${n} must be a string, a Buffer or an object`);
      } catch (e) {
        if (e.status !== undefined) e.message = `query ${n}: ${e.message}`;
        throw e;
      }
      n++;
    }
    return new BatchHits(null, null, this._explain, out);
  }
}

/**
 * The hit lists of Matcher.screenMany, one per query in order: iterable, with
 * length, at(i) and hitCount(i). It holds the batch's packed hits (a Buffer)
 * and where each query's hits lie in it (nomen_matcher_batch_spans); a
 * query's Hit objects are made when its list is first read, then kept, so a
 * caller who looks only at the queries with hits pays for no other objects.
 * toArray() (or Array.from) gives a plain Hit[][]; JSON.stringify gives the
 * same.
 */
class BatchHits {
  /** @private made by Matcher.screenMany */
  constructor(bytes, spans, explain, lists) {
    this._bytes = bytes;
    this._spans = spans; // three a query: start, end, count
    this._explain = explain;
    this._lists = lists === null ? new Array(spans.length / 3) : lists;
  }

  get length() {
    return this._lists.length;
  }

  /** The number of hits of query i, without making them. */
  hitCount(i) {
    const k = this._index(i);
    if (k < 0) throw new RangeError(`batch index ${i} out of range (${this._lists.length} queries)`);
    return this._bytes === null ? this._lists[k].length : this._spans[3 * k + 2];
  }

  /** The hits of query i (negative: from the end), best first; undefined out of range. */
  at(i) {
    const k = this._index(i);
    if (k < 0) return undefined;
    let hits = this._lists[k];
    if (hits === undefined) {
      const s = this._spans;
      const c = s[3 * k + 2];
      if (c === 0) {
        hits = [];
      } else {
        const f = this._bytes.toString('utf8', s[3 * k], s[3 * k + 1]).split(FS);
        hits = unpackHits(f, 0, c, this._explain);
      }
      this._lists[k] = hits;
    }
    return hits;
  }

  _index(i) {
    const n = this._lists.length;
    let k = Math.trunc(Number(i)) || 0; // as Array.prototype.at: NaN is 0
    if (k < 0) k += n;
    return k >= 0 && k < n ? k : -1;
  }

  *[Symbol.iterator]() {
    for (let i = 0; i < this._lists.length; i++) yield this.at(i);
  }

  toArray() {
    const out = new Array(this._lists.length);
    for (let i = 0; i < out.length; i++) out[i] = this.at(i);
    return out;
  }

  toJSON() {
    return this.toArray();
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) {
    return `BatchHits ${inspect(this.toArray(), opts)}`;
  }
}

const FS = '\x1f'; // NOMEN_PACK_FIELD_SEP
const IS = '\x1e'; // NOMEN_PACK_ITEM_SEP
const TYPE_NAMES = ['any', 'individual', 'entity', 'vessel', 'aircraft'];
const SUBJECTS = { individual: '1', entity: '2', vessel: '3', aircraft: '4' };

/**
 * A score as nomen_matcher_hits_pack writes it, a C99 hexadecimal floating
 * constant ("0x1.8p-1", "0x1p+0", "0x0p+0"), back to the same double: the
 * 13 hex digits of the fraction (52 bits) are exact in a double, and scaling
 * by a power of two is exact.
 */
function hexDouble(s) {
  let i = 0;
  let sign = 1;
  if (s.charCodeAt(0) === 45 /* - */) {
    sign = -1;
    i = 1;
  }
  if (s.charCodeAt(i) !== 48 /* 0 */) return s.endsWith('inf') ? sign * Infinity : NaN;
  const p = s.indexOf('p', i + 3);
  let v = s.charCodeAt(i + 2) - 48; // the leading digit, 1 (0 for zero and subnormals)
  if (s.charCodeAt(i + 3) === 46 /* . */) {
    const frac = s.slice(i + 4, p);
    v += parseInt(frac, 16) * POW2[POW2_ZERO - 4 * frac.length];
  }
  const e = Number(s.slice(p + 1));
  // 2 ** e in two exact steps where one power would underflow (subnormals)
  return e >= -1022 ? sign * v * POW2[POW2_ZERO + e] : sign * v * POW2[POW2_ZERO - 1022] * POW2[POW2_ZERO + e + 1022];
}

// Powers of two from 2 ** -1074 to 2 ** 1023, exact (computing them each
// time with ** costs a call to pow per score).
const POW2_ZERO = 1074;
const POW2 = new Float64Array(POW2_ZERO + 1024);
for (let e = -POW2_ZERO; e <= 1023; e++) POW2[POW2_ZERO + e] = 2 ** e;

/** Hit objects from n packed hits (eight fields each) of f, from f[at]. */
function unpackHits(f, at, n, explain) {
  const hits = new Array(n);
  for (let i = 0, k = at; i < n; i++, k += 8) {
    hits[i] = {
      entityId: f[k],
      list: f[k + 1],
      name: f[k + 2],
      matchedName: f[k + 3],
      score: hexDouble(f[k + 4]),
      type: TYPE_NAMES[Number(f[k + 5])] || 'any',
      programs: f[k + 6] === '' ? [] : f[k + 6].split(IS),
      explanation: explain && f[k + 7] !== '' ? JSON.parse(f[k + 7]) : null,
    };
  }
  return hits;
}

module.exports = {
  Builder,
  Index,
  Matcher,
  BatchHits,
  version: native.version,
  DEFAULT_THRESHOLD,
  NAME_MAX_BYTES,
};

// For the tests: how packed scores are read back.
Object.defineProperty(module.exports, '_hexDouble', { value: hexDouble, enumerable: false });
