/**
 * Counts the work a synchronous function does, deterministically: while it runs, the built-in
 * methods storylint's code relies on (regex matching, string and array methods, Map and Set) are
 * wrapped, and each call adds 1 plus the characters or elements it may scan. The same input gives
 * the same count on every run and every machine, so a test can compare the work at n and 10n
 * instead of wall-clock times.
 *
 * Blind spots: plain loops and indexing (`text[i]`, `for … of`) cost nothing here, and neither does
 * backtracking inside one regex call (the static audit in tests/hardening/regex-audit.ts covers that).
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;
/** The characters or elements one call may scan, from its receiver, arguments and result. */
type Cost = (self: any, args: any[], result: any) => number;

const length = (self: { length: number }) => self.length;
const resultLength: Cost = (_self, _args, result) => (result as { length: number }).length;
const fromStart = (self: string, start: unknown) => self.length - clamp(Number(start) || 0, 0, self.length);
const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
const free: Cost = () => 0;

/** Regex matching scans from lastIndex (global or sticky) or 0 up to the match's end, or to the end of the input when nothing matches. */
function regexCost(self: RegExp, args: any[], result: unknown, lastIndexBefore: number): number {
  const input = String(args[0]);
  const start = self.global || self.sticky ? lastIndexBefore : 0;
  if (result === null || result === false) return self.sticky ? 0 : Math.max(0, input.length - start);
  if (result === true) return Math.max(0, (self.global || self.sticky ? self.lastIndex : input.length) - start);
  const match = result as RegExpExecArray;
  return match.index + match[0].length - start;
}

const STRING_COSTS: Record<string, Cost> = {
  indexOf: (self: string, [search, from], found: number) => (found === -1 ? fromStart(self, from) : found + String(search).length - clamp(Number(from) || 0, 0, self.length)),
  includes: (self: string, [, from]) => fromStart(self, from),
  lastIndexOf: length,
  startsWith: (_self, [search]) => String(search).length,
  endsWith: (_self, [search]) => String(search).length,
  slice: resultLength,
  substring: resultLength,
  substr: resultLength,
  padStart: resultLength,
  padEnd: resultLength,
  repeat: resultLength,
  concat: resultLength,
  split: length,
  replace: length,
  replaceAll: length,
  match: length,
  matchAll: length,
  search: length,
  toLowerCase: length,
  toUpperCase: length,
  trim: length,
  trimStart: length,
  trimEnd: length,
  normalize: length,
  localeCompare: length,
  charAt: free,
  charCodeAt: free,
  codePointAt: free,
  at: free,
};

const REGEX_SYMBOLS = [Symbol.match, Symbol.matchAll, Symbol.replace, Symbol.search, Symbol.split];

/** Methods that call back: each callback call counts as one element visited (see wrapCallbacks). */
const ARRAY_COSTS: Record<string, Cost> = {
  indexOf: (self: unknown[], _args, found: number) => (found === -1 ? self.length : found + 1),
  lastIndexOf: length,
  includes: length,
  slice: resultLength,
  splice: (self: unknown[], [start, , ...inserted]) => self.length + inserted.length - clamp(Number(start) || 0, 0, self.length),
  concat: resultLength,
  join: length,
  reverse: length,
  fill: length,
  flat: resultLength,
  shift: length,
  unshift: length,
  push: (_self, args) => args.length,
  pop: free,
  sort: (self: unknown[], [compare]) => (compare === undefined ? self.length * Math.ceil(Math.log2(self.length + 1)) : 0),
  map: free,
  filter: free,
  flatMap: resultLength,
  forEach: free,
  reduce: free,
  reduceRight: free,
  some: free,
  every: free,
  find: free,
  findIndex: free,
  findLast: free,
  findLastIndex: free,
};

const COLLECTION_METHODS = ['get', 'set', 'has', 'add', 'delete'];

let work = 0;
/**
 * The same work by method ('String#slice'), to say where a failing stage spends it; callback calls
 * are not in it. A plain object: a Map's methods are themselves metered.
 */
let byMethod: Record<string, number> = {};
/** Calls into wrapped methods from inside another one (String#replace calling RegExp#exec) are that call's own work. */
let depth = 0;

/**
 * A callback passed to a wrapped method runs our code again, so the calls it makes count; the call
 * itself counts as one element visited.
 */
function wrapCallbacks(args: unknown[]): void {
  for (let i = 0; i < args.length; i++) {
    const callback = args[i];
    if (typeof callback !== 'function') continue;
    args[i] = function (this: unknown, ...inner: unknown[]) {
      work++;
      const outer = depth;
      depth = 0;
      try {
        return Reflect.apply(callback, this, inner);
      } finally {
        depth = outer;
      }
    };
  }
}

function meter(name: string, original: Method, cost: Cost, isRegex: boolean): Method {
  return function (this: any, ...args: unknown[]) {
    if (depth > 0) return Reflect.apply(original, this, args);
    wrapCallbacks(args);
    const lastIndexBefore = isRegex ? (this as RegExp).lastIndex : 0;
    depth++;
    let result: unknown;
    try {
      result = Reflect.apply(original, this, args);
    } finally {
      depth--;
    }
    const scanned = 1 + (isRegex ? regexCost(this, args, result, lastIndexBefore) : cost(this, args, result));
    work += scanned;
    byMethod[name] = (byMethod[name] ?? 0) + scanned;
    return result;
  };
}

function targets(): { owner: object; name: string; key: string | symbol; cost: Cost; isRegex: boolean }[] {
  const regex = (key: string | symbol) => ({ owner: RegExp.prototype, name: `RegExp#${String(key)}`, key, cost: free, isRegex: key === 'exec' || key === 'test' });
  return [
    ...['exec', 'test', ...REGEX_SYMBOLS].map(regex),
    ...Object.entries(STRING_COSTS).map(([key, cost]) => ({ owner: String.prototype, name: `String#${key}`, key, cost, isRegex: false })),
    ...Object.entries(ARRAY_COSTS).map(([key, cost]) => ({ owner: Array.prototype, name: `Array#${key}`, key, cost, isRegex: false })),
    ...[Map, Set].flatMap((type) =>
      COLLECTION_METHODS.filter((key) => key in type.prototype).map((key) => ({ owner: type.prototype, name: `${type.name}#${key}`, key, cost: free, isRegex: false })),
    ),
  ];
}

export interface Work {
  /** Calls of the wrapped built-ins, each 1 plus what it may scan, plus callback calls. */
  total: number;
  byMethod: ReadonlyMap<string, number>;
}

/** The work `run` does. */
export function countWork(run: () => void): Work {
  const wrapped = targets().map(({ owner, name, key, cost, isRegex }) => {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key)!;
    Object.defineProperty(owner, key, { ...descriptor, value: meter(name, descriptor.value as Method, cost, isRegex) });
    return { owner, key, descriptor };
  });
  work = 0;
  depth = 0;
  byMethod = Object.create(null);
  try {
    run();
  } finally {
    for (const { owner, key, descriptor } of wrapped) Object.defineProperty(owner, key, descriptor);
  }
  return { total: work, byMethod: new Map(Object.entries(byMethod)) };
}
