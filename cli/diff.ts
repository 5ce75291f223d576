/** Edits beyond this are not worth a minimal diff: the change is shown as one replaced block. */
const MAX_EDIT_DISTANCE = 2000;
const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

const splitLines = (text: string): string[] => {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** Myers' O(ND) shortest edit script over lines, bounded by MAX_EDIT_DISTANCE. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], offset: number, depth: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; y--) ops.push({ kind: ' ', line: a[--x]! });
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  for (; x > 0 && y > 0; y--) ops.push({ kind: ' ', line: a[--x]! });
  return ops.reverse();
}

/** A unified diff (`diff -u` style, 3 lines of context) between two versions of a file. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      oldLine++;
      newLine++;
      continue;
    }
    // A hunk: back up to CONTEXT lines, run until CONTEXT*2 unchanged lines in a row (or the end).
    const back = Math.min(CONTEXT, countBackContext(ops, i));
    const start = i - back;
    let end = i;
    let quiet = 0;
    while (end < ops.length && quiet <= CONTEXT * 2) {
      quiet = ops[end]!.kind === ' ' ? quiet + 1 : 0;
      end++;
    }
    if (quiet > CONTEXT) end -= quiet - CONTEXT;
    const hunk = ops.slice(start, end);
    const oldStart = oldLine - back;
    const newStart = newLine - back;
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line.replace(/\r$/, '')}`);
    for (let j = i; j < end; j++) {
      if (ops[j]!.kind !== '+') oldLine++;
      if (ops[j]!.kind !== '-') newLine++;
    }
    i = end;
  }
  return `${out.join('\n')}\n`;
}

function countBackContext(ops: readonly Op[], index: number): number {
  let count = 0;
  while (index - count - 1 >= 0 && ops[index - count - 1]!.kind === ' ') count++;
  return count;
}
