// The process groups a launcher starts (code-server and Chromium fork helpers: each is started
// detached and ended as a whole group), killed on every way out; a state file per live launcher
// lets the next one reap the groups of a launcher that was killed before it could clean up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VT } from './tools.mjs';

const RUNS_DIR = path.join(VT, 'runs');

/** Process groups we started (pgid = pid of a detached child). */
const groups = new Map(); // name -> pid

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

const groupAlive = (pgid) => pidAlive(-pgid);

function killGroupSync(pgid, signal) {
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
}

export function killAllSync() {
  for (const pgid of groups.values()) killGroupSync(pgid, 'SIGKILL');
}

/** Remembers a started group, in memory and in this launcher's state file (`tmp`: the run's temp folder). */
export function trackGroup(name, pgid, tmp) {
  groups.set(name, pgid);
  fs.mkdirSync(RUNS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RUNS_DIR, `${process.pid}.json`), JSON.stringify({ tmp, groups: [...groups.values()] }));
}

/** SIGTERM, then SIGKILL after `graceMs`; warns when the group outlives both. */
export async function killGroup(name, graceMs = 3000) {
  const pgid = groups.get(name);
  if (!pgid) return;
  killGroupSync(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) killGroupSync(pgid, 'SIGKILL');
  const hard = Date.now() + 3000;
  while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
  if (groupAlive(pgid)) console.error(`run.mjs: WARNING: process group ${pgid} (${name}) is still alive`);
  groups.delete(name);
}

export function removeState() {
  try { fs.rmSync(path.join(RUNS_DIR, `${process.pid}.json`), { force: true }); } catch { /* ignore */ }
}

/** Kills the groups of launchers that died without cleaning up (SIGKILL, machine hiccup). */
export function reapLeftovers() {
  let files = [];
  try { files = fs.readdirSync(RUNS_DIR).filter((f) => f.endsWith('.json')); } catch { return; }
  for (const f of files) {
    const launcher = Number(f.replace(/\.json$/, ''));
    if (launcher && launcher !== process.pid && pidAlive(launcher)) continue;
    let state;
    try { state = JSON.parse(fs.readFileSync(path.join(RUNS_DIR, f), 'utf8')); } catch { state = undefined; }
    for (const pgid of state?.groups ?? []) {
      // Only kill a group whose leader still mentions that run's temp folder (guards against pid reuse).
      let cmd = '';
      try { cmd = fs.readFileSync(`/proc/${pgid}/cmdline`, 'utf8'); } catch { continue; }
      if (state.tmp && cmd.includes(state.tmp)) {
        console.log(`run.mjs: killing leftover process group ${pgid} of a dead launcher (${launcher})`);
        killGroupSync(pgid, 'SIGKILL');
      }
    }
    if (state?.tmp && path.basename(state.tmp).startsWith('storylint-vscode-test-')) {
      fs.rmSync(state.tmp, { recursive: true, force: true });
    }
    fs.rmSync(path.join(RUNS_DIR, f), { force: true });
  }
}

/** Lets a script end without waiting for a stray handle, after a short grace period. */
export function exitWith(code) {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}

process.on('exit', () => { killAllSync(); if (groups.size > 0) removeState(); });
