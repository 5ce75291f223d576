// The `storylint` bin: runs the CLI bundle (dist/cli-main.js) with a V8 code cache beside it.
// A cold run (a pre-commit hook linting a few files) spends about a tenth of its time compiling the
// bundle and the functions it calls; the cache keeps that work from an earlier run (Node 22 has
// module.enableCompileCache for this; Node 20, our floor, does not). The cache sits next to the
// bundle and is named by the bundle's content hash: whoever can write it could change the bundle
// itself, and a rebuilt bundle never meets an old cache. V8 rejects a cache from another V8 or other
// flags; then the run compiles as usual and leaves a fresh cache, if the directory is writable.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The first 16 hex digits of the bundle's SHA-256, set by scripts/build.mjs. */
declare const BUNDLE_HASH: string;

const bundle = join(__dirname, 'cli-main.js');
const cachePath = join(__dirname, `.cli-main.${BUNDLE_HASH}.v8cache`);

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cachePath);
} catch {
  // No cache yet (or unreadable): compile from source.
}
const script = new Script(wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
if (cachedData === undefined || script.cachedDataRejected) process.once('exit', saveCache);

const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));

/** After the run, so the cache also holds the functions this run compiled; atomic, best effort. */
function saveCache(): void {
  const temporary = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cachePath);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written: a read-only install runs without a cache.
    }
  }
}
