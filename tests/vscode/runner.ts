/**
 * A tiny dependency-free test runner for the VS Code extension host.
 *
 * Test files call `suite()` / `test()` at import time; the entry module (tests/vscode/index.ts)
 * imports them and exports `run()`, which both launchers call (scripts/vscode-test/run.mjs for
 * code-server + Chromium, tests/vscode/electron.mjs for @vscode/test-electron):
 *
 *   import { runRegisteredTests } from './runner';
 *   import './diagnostics.test';
 *   export async function run(): Promise<void> {
 *     const { failed } = await runRegisteredTests();
 *     if (failed > 0) throw new Error(`${failed} test(s) failed`);
 *   }
 *
 * Results go to the console (visible in the extension host log) and, through vscode.workspace.fs
 * (so in the Node and the web worker extension host alike), as JSON to where the launcher reads them:
 * the path in the user setting `storylintTests.results` (run.mjs), else the one the environment
 * variable STORYLINT_TEST_RESULTS names (electron.mjs; the Node host only).
 */
import * as vscode from 'vscode';

export interface TestOptions {
  /** Milliseconds before the test is failed; default 30 000. */
  timeout?: number;
  /** Why the test cannot run in the web worker extension host: there it is reported as skipped, with this reason. */
  nodeOnly?: string;
}

export interface TestResult {
  name: string;
  passed: boolean;
  durationMs: number;
  error?: string;
  /** Set when the test did not run in this host (a nodeOnly test in the web host). */
  skipped?: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  results: TestResult[];
  /** Figures the tests measured (note()), for the launcher to print; never asserted. */
  notes: string[];
  /** While the run is under way (the file is rewritten after each test): the tests not run yet. */
  notRun?: string[];
}

/** The web worker extension host has no `process` (and the suite's web bundle shims none). */
export const inWebHost = typeof process === 'undefined';

type TestFn = () => unknown | Promise<unknown>;

interface RegisteredTest {
  name: string;
  fn: TestFn;
  timeout: number;
  nodeOnly?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const registered: RegisteredTest[] = [];
const suiteStack: string[] = [];
const notes: string[] = [];

/** Prints a measured figure and keeps it for the results file, which the launcher prints after the results. */
export function note(line: string): void {
  console.log(line);
  notes.push(line);
}

/** Groups tests; names are prefixed with the suite names ("suite › test"). Nested suites are allowed. */
export function suite(name: string, fn: () => void): void {
  suiteStack.push(name);
  try {
    fn();
  } finally {
    suiteStack.pop();
  }
}

/** Registers a test. It runs later, in registration order, when runRegisteredTests() is called. */
export function test(name: string, fn: TestFn, options: TestOptions = {}): void {
  const fullName = [...suiteStack, name].join(' › ');
  registered.push({ name: fullName, fn, timeout: options.timeout ?? DEFAULT_TIMEOUT_MS, nodeOnly: options.nodeOnly });
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  try {
    return typeof err === 'string' ? err : JSON.stringify(err);
  } catch {
    return String(err);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/**
 * Runs every registered test once, sequentially, each with its own timeout, then clears the
 * registry. Never throws for a failing test: the caller decides (normally `run()` throws when
 * `failed > 0`, which makes the launcher's exit code 1). The results file is rewritten after each
 * test, with the tests not run yet, so a launcher that gives up on a slow run still reports them.
 */
export async function runRegisteredTests(): Promise<RunSummary> {
  const tests = registered.splice(0, registered.length);
  const results: TestResult[] = [];
  const out = resultsUri();
  const write = async (summary: RunSummary) => {
    if (out) await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(JSON.stringify(summary, null, 2)));
  };
  for (const [index, t] of tests.entries()) {
    await write({ ...summarise(results), notes: [...notes], notRun: tests.slice(index).map((pending) => pending.name) });
    results.push(await runOne(t));
  }
  const summary = { ...summarise(results), notes: notes.splice(0, notes.length) };
  console.log(`[storylint-tests] ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  await write(summary);
  return summary;
}

async function runOne(t: RegisteredTest): Promise<TestResult> {
  if (t.nodeOnly && inWebHost) {
    console.log(`[storylint-tests] - ${t.name} (skipped in the web host: ${t.nodeOnly})`);
    return { name: `${t.name} (skipped in the web host: ${t.nodeOnly})`, passed: false, durationMs: 0, skipped: t.nodeOnly };
  }
  const started = Date.now();
  try {
    await withTimeout(Promise.resolve().then(t.fn), t.timeout, `test "${t.name}"`);
    console.log(`[storylint-tests] ✓ ${t.name} (${Date.now() - started} ms)`);
    return { name: t.name, passed: true, durationMs: Date.now() - started };
  } catch (err) {
    const error = describeError(err);
    console.error(`[storylint-tests] ✗ ${t.name}: ${error}`);
    return { name: t.name, passed: false, durationMs: Date.now() - started, error };
  }
}

function summarise(results: TestResult[]): Omit<RunSummary, 'notes'> {
  return {
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed && !r.skipped).length,
    skipped: results.filter((r) => r.skipped).length,
    results,
  };
}

/** Where the launcher reads the results (see the top of this file): a path on the machine that holds the workspace. */
function resultsUri(): vscode.Uri | undefined {
  const file = vscode.workspace.getConfiguration('storylintTests').get<string>('results') || (inWebHost ? undefined : process.env.STORYLINT_TEST_RESULTS);
  if (!file) return undefined;
  // In the web host the workspace is vscode-remote://<host>/…: the results file is on the same file system.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? folder.with({ path: file }) : vscode.Uri.file(file);
}

/** The usual body of an entry module's run(): runs the tests and throws when any failed or none ran. */
export async function runAndThrowOnFailure(): Promise<RunSummary> {
  const summary = await runRegisteredTests();
  if (summary.failed > 0) throw new Error(`${summary.failed} of ${summary.results.length} test(s) failed`);
  if (summary.passed === 0) throw new Error('no test ran');
  return summary;
}

export interface WaitForOptions {
  /** Milliseconds before giving up; default 10 000. */
  timeout?: number;
  /** Milliseconds between tries; default 100. */
  interval?: number;
  /** What was awaited, for the error message. */
  message?: string;
}

/**
 * Calls `predicate` until it returns (or resolves to) a truthy value, and returns that value.
 * A predicate that throws counts as "not yet"; the last error is quoted if time runs out.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 10_000;
  const interval = options.interval ?? 100;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      lastValue = value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  const what = options.message ?? 'condition';
  const detail =
    lastError !== undefined
      ? `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
      : `; last value: ${safeString(lastValue)}`;
  throw new Error(`waitFor: timed out after ${timeout} ms waiting for ${what}${detail}`);
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
