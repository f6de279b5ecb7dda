// TypeScript declarations for nomen (Node.js binding of libnomen).

/** Text for the library: a string, or UTF-8 bytes (invalid UTF-8 is refused). */
export type Text = string | Uint8Array;

export type SubjectType = 'individual' | 'entity' | 'vessel' | 'aircraft';

/** A failure of the C library: `status` is the NOMEN_ERR_* number, `code` its name. */
export interface NomenError extends Error {
  status: number;
  code: string;
}

export interface ListInfo {
  name: string;
  format: string;
  path: string;
  date: string | null;
  checksum: string;
  records: number;
  skipped: number;
}

export interface Hit {
  entityId: string;
  list: string;
  name: string;
  matchedName: string;
  score: number;
  type: SubjectType | 'any';
  programs: string[];
  /** The explanation object (token pairs, weights, evidence) when the matcher explains; else null. */
  explanation: Record<string, unknown> | null;
}

export interface QueryOptions {
  dob?: Text | null;
  country?: Text | null;
  type?: SubjectType | null;
}

export interface Query extends QueryOptions {
  name: Text;
}

export interface MatcherOptions {
  /** Lowest score reported, 0..1 (default 0.8). */
  threshold?: number;
  /** Most hits reported (default 10; 0 = no limit). */
  limit?: number;
  /** Build each hit's explanation (costs time). */
  explain?: boolean;
}

declare class Handle {
  /** Free the native handle now; closing twice is harmless. */
  close(): void;
  readonly closed: boolean;
}

export class Builder extends Handle {
  constructor(opts?: { strict?: boolean });
  setStrict(strict?: boolean): this;
  addPath(path: string, opts?: { format?: string | null; listName?: string | null }): this;
  addMemory(data: Text, opts?: { name?: string; format?: string | null; listName?: string | null }): this;
  readonly recordCount: number;
  readonly skippedCount: number;
  readonly skipReport: string;
  build(): Index;
}

export class Index extends Handle {
  private constructor();
  static load(path: string): Index;
  save(path: string): void;
  readonly recordCount: number;
  readonly nameCount: number;
  readonly lists: ListInfo[];
  matcher(opts?: MatcherOptions): Matcher;
}

export class Matcher extends Handle {
  constructor(index: Index, opts?: MatcherOptions);
  setOptions(opts?: MatcherOptions): void;
  setIndex(index: Index): void;
  screen(name: Text, query?: QueryOptions): Hit[];
  screenMany(queries: Iterable<Text | Query>): BatchHits;
}

/**
 * The hit lists of screenMany, one per query in order. A query's Hit objects
 * are made when its list is first read (then kept); hitCount(i) reads the
 * count without making them.
 */
export class BatchHits implements Iterable<Hit[]> {
  private constructor();
  readonly length: number;
  /** The hits of query i (negative: from the end); undefined out of range. */
  at(i: number): Hit[] | undefined;
  /** The number of hits of query i; RangeError out of range. */
  hitCount(i: number): number;
  [Symbol.iterator](): Iterator<Hit[]>;
  toArray(): Hit[][];
  toJSON(): Hit[][];
}

export function version(): string;
export const DEFAULT_THRESHOLD: number;
export const NAME_MAX_BYTES: number;
