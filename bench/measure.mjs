#!/usr/bin/env node
// Whole-process measurement: wall time, CPU time (user+sys) and peak memory (max RSS) of one child
// process, with a timeout that kills the child's whole process group.
//
// Two backends, chosen once per run:
//   - "gnu-time": /usr/bin/time -f '%e %U %S %M' -o <file> <cmd> (GNU time; rusage of the child
//     and anything it waited for). Preferred.
//   - "node-preload": for when GNU time is missing. Every command we measure is `node ...`, so we
//     preload bench/rusage-preload.cjs (NODE_OPTIONS=--require) which writes
//     process.resourceUsage() of the child itself to a file when it exits.
// Wall time is always taken by this process around spawn → exit (performance.now()).
//
// Standalone use:  node bench/measure.mjs [--cwd DIR] [--timeout S] -- node dist/cli.js examples
// prints one JSON object.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(HERE, 'rusage-preload.cjs');
const GNU_TIME = '/usr/bin/time';
const TMP = mkdtempSync(join(tmpdir(), 'storylint-bench-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));

let backendCache;
/** Detect the measurement backend: GNU time if it works here, else the node preload. */
export function backend() {
  if (backendCache) return backendCache;
  backendCache = 'node-preload';
  if (existsSync(GNU_TIME) && !process.env.STORYLINT_BENCH_NO_GNU_TIME) {
    const out = join(TMP, 'probe');
    const r = spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', out, process.execPath, '-e', '0'], { stdio: 'ignore' });
    try {
      const f = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      if (r.status === 0 && f.length === 4 && f.every(Number.isFinite) && f[3] > 1000) backendCache = 'gnu-time';
    } catch {
      /* not GNU time */
    }
  }
  return backendCache;
}

let seq = 0;

/**
 * Run one command and measure it.
 * @param {string} cmd  executable (normally process.execPath)
 * @param {string[]} args
 * @param {{cwd?: string, timeoutS?: number, okCodes?: number[], stdoutFile?: string, env?: object}} opt
 * @returns {Promise<{ok:boolean, code:number|null, signal:string|null, timedOut:boolean, wallMs:number,
 *   userMs:number|null, sysMs:number|null, cpuMs:number|null, maxRssMB:number|null, stderrTail:string}>}
 */
export function measure(cmd, args, opt = {}) {
  const { cwd = process.cwd(), timeoutS = 600, okCodes = [0], stdoutFile, env = {} } = opt;
  const id = `${process.pid}-${++seq}`;
  const usageFile = join(TMP, `usage-${id}`);
  const errFile = join(TMP, `stderr-${id}`);
  const mode = backend();
  let file = cmd;
  let argv = args;
  const childEnv = { ...process.env, ...env };
  if (mode === 'gnu-time') {
    file = GNU_TIME;
    argv = ['-f', '%e %U %S %M', '-o', usageFile, cmd, ...args];
  } else {
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ''} --require ${JSON.stringify(PRELOAD)}`.trim();
    childEnv.STORYLINT_BENCH_RUSAGE_FILE = usageFile;
  }
  const outFd = openSync(stdoutFile ?? '/dev/null', 'w');
  const errFd = openSync(errFile, 'w');
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ['ignore', outFd, errFd], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutS * 1000);
    const finish = (code, signal, spawnError) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      closeSync(outFd);
      closeSync(errFd);
      let userMs = null;
      let sysMs = null;
      let maxRssMB = null;
      try {
        const text = readFileSync(usageFile, 'utf8').trim();
        if (mode === 'gnu-time') {
          // GNU time may prepend "Command exited with non-zero status N"; the numbers are the last line.
          const [, u, s, kb] = text.split('\n').pop().split(' ').map(Number);
          userMs = u * 1000;
          sysMs = s * 1000;
          maxRssMB = kb / 1024;
        } else {
          const ru = JSON.parse(text);
          userMs = ru.userCPUTime / 1000;
          sysMs = ru.systemCPUTime / 1000;
          maxRssMB = ru.maxRSS / 1024;
        }
      } catch {
        /* killed or crashed before reporting */
      }
      let stderrTail = '';
      try {
        const size = statSync(errFile).size;
        const all = readFileSync(errFile, 'utf8');
        stderrTail = all.slice(Math.max(0, size - 2000));
      } catch {
        /* ignore */
      }
      if (spawnError) stderrTail += String(spawnError);
      resolvePromise({
        ok: !timedOut && !spawnError && okCodes.includes(code),
        code,
        signal,
        timedOut,
        wallMs,
        userMs,
        sysMs,
        cpuMs: userMs === null ? null : userMs + sysMs,
        maxRssMB,
        stderrTail,
      });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('exit', (code, signal) => finish(code, signal));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dd = args.indexOf('--');
  if (dd < 0) {
    console.error('usage: node bench/measure.mjs [--cwd DIR] [--timeout S] -- <cmd> [args...]');
    process.exit(2);
  }
  const opts = args.slice(0, dd);
  const get = (n) => (opts.includes(n) ? opts[opts.indexOf(n) + 1] : undefined);
  const [cmd, ...rest] = args.slice(dd + 1);
  const r = await measure(cmd === 'node' ? process.execPath : cmd, rest, {
    cwd: get('--cwd'),
    timeoutS: Number(get('--timeout') ?? 600),
    okCodes: [0, 1],
  });
  console.log(JSON.stringify({ backend: backend(), ...r }));
}
