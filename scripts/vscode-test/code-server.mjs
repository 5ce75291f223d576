// code-server, VS Code's server and web workbench: installing a .vsix into a run's extensions
// folder, and starting it (its own process group) until it answers on a free local port.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { sleep, trackGroup } from './processes.mjs';
import { CODE_SERVER, NODE24 } from './tools.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

/** Installs the packaged extension; `dirArgs` name the run's user data and extensions folders. */
export function installVsix(vsix, { env, dirArgs }) {
  console.log(`[vscode-test] installing ${vsix}`);
  const r = spawnSync(NODE24, [CODE_SERVER, ...dirArgs, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status})`);
}

/**
 * Starts code-server with the smoke-test driver (so the workbench honours `payload`) and waits until
 * it listens; returns its base URL. `onExit` hears why it exited; `interrupted()` stops the wait.
 */
export async function startCodeServer({ env, dirArgs, logFile, tmp, onExit, interrupted }) {
  const port = await freePort();
  const logFd = fs.openSync(logFile, 'a');
  const serverArgs = [
    CODE_SERVER,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...dirArgs,
    '--vscode-option', 'enable-smoke-test-driver',
    '--log', 'info',
  ];
  const server = spawn(NODE24, serverArgs, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  trackGroup('code-server', server.pid, tmp);
  let exited;
  server.on('exit', (code, sig) => {
    exited = { code, sig };
    onExit(`code-server exited during the run (${JSON.stringify(exited)})`);
  });
  console.log(`[vscode-test] code-server ${port} (pid ${server.pid}), temp ${tmp}`);

  const base = `http://127.0.0.1:${port}`;
  const listenDeadline = Date.now() + 60_000;
  while ((await httpStatus(`${base}/healthz`)) !== 200) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)})`);
    if (interrupted()) throw new Error('interrupted');
    if (Date.now() > listenDeadline) throw new Error('code-server did not listen within 60 s');
    await sleep(200);
  }
  return base;
}
