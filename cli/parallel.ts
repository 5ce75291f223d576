import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../core/config/types';
import { lintOptionsFor, lintWithConfig, type SharedLintOptions } from '../core/engine/configured';
import { type FileResult, lintFile, type ReusedAnalysis, reusableAnalysis } from '../core/engine/lint';
import { rules } from '../rules';
import type { LintInput } from './run';

/*
 * Story rules are per file, so a large run spreads its files over worker threads. Each worker
 * parses its files and runs the story rules; it sends back the same analysis the --cache stores
 * (stories and story-rule findings). The main thread then applies directives and runs the backlog
 * rules over all files, exactly as for cache hits, so the output is the serial output.
 */

/** Below these sizes starting workers costs more than it saves (a pre-commit run stays serial). */
const MIN_FILES = 8;
const MIN_CHARS = 1_000_000;
/** Files per message: small enough to balance the load, large enough to amortise messaging. */
const BATCH_FILES = 16;

const WORKER_ROLE = 'storylint-lint-worker';

interface WorkerSetup {
  role: typeof WORKER_ROLE;
  configs: ResolvedConfig[];
  reportUnusedDirectives: SharedLintOptions['reportUnusedDirectives'];
}

interface Job {
  index: number;
  filePath: string;
  text: string;
  config: number;
}

type WorkerReply = { done: { index: number; analysis: ReusedAnalysis }[] } | { error: string };

/**
 * How many workers to use: STORYLINT_WORKERS when set (0 or 1 = serial), otherwise one per core
 * when the run is large enough.
 */
export function workerCount(inputs: readonly LintInput[], env: NodeJS.ProcessEnv): number {
  // Workers re-enter the bundled dist/cli.js; from TypeScript sources (tests) the run stays serial.
  if (!__filename.endsWith('.js')) return 0;
  const requested = env.STORYLINT_WORKERS;
  if (requested !== undefined && requested !== '') {
    const count = Number.parseInt(requested, 10);
    return Number.isFinite(count) && count > 1 ? Math.min(count, inputs.length) : 0;
  }
  if (inputs.length < MIN_FILES) return 0;
  let chars = 0;
  for (const input of inputs) chars += input.text.length;
  const cores = availableParallelism();
  return chars >= MIN_CHARS && cores > 1 ? Math.min(cores, Math.ceil(inputs.length / BATCH_FILES)) : 0;
}

/** lintWithConfig with the story half spread over `workers` threads of this same bundle. */
export async function lintInParallel(inputs: readonly LintInput[], shared: SharedLintOptions, workers: number): Promise<FileResult[]> {
  const configs: ResolvedConfig[] = [];
  const configIndex = new Map<ResolvedConfig, number>();
  const jobs: Job[] = inputs.map((input, index) => {
    let config = configIndex.get(input.config);
    if (config === undefined) {
      config = configs.length;
      configs.push(input.config);
      configIndex.set(input.config, config);
    }
    return { index, filePath: input.filePath, text: input.text, config };
  });
  const analyses: ReusedAnalysis[] = new Array(inputs.length);
  const setup: WorkerSetup = { role: WORKER_ROLE, configs, reportUnusedDirectives: shared.reportUnusedDirectives };
  let next = 0;

  await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(__filename, { workerData: setup });
      return new Promise<void>((resolve, reject) => {
        const send = (): void => {
          if (next >= jobs.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          worker.postMessage(jobs.slice(next, next + BATCH_FILES));
          next += BATCH_FILES;
        };
        worker.on('message', (reply: WorkerReply) => {
          if ('error' in reply) {
            reject(new Error(reply.error));
            void worker.terminate();
            return;
          }
          for (const { index, analysis } of reply.done) analyses[index] = analysis;
          send();
        });
        worker.on('error', reject);
        send();
      });
    }),
  );
  return lintWithConfig(
    inputs.map((input, index) => ({ ...input, reuse: analyses[index] })),
    shared,
  );
}

/** True (and serving) when this thread is a lint worker started by lintInParallel. */
export function serveAsLintWorker(): boolean {
  const setup = workerData as WorkerSetup | undefined;
  if (isMainThread || !parentPort || setup?.role !== WORKER_ROLE) return false;
  const port = parentPort;
  const shared: SharedLintOptions = { rules, reportUnusedDirectives: setup.reportUnusedDirectives };
  const options = setup.configs.map((config) => lintOptionsFor(config, shared));
  port.on('message', (jobs: Job[]) => {
    try {
      const done = jobs.map((job) => ({
        index: job.index,
        analysis: reusableAnalysis(lintFile(job.filePath, job.text, options[job.config]!), rules),
      }));
      port.postMessage({ done } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    }
  });
  return true;
}
