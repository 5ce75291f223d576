/**
 * The web extension's language server (dist/web/server.js) as a browser runs it: in a worker, with
 * postMessage only. The bundle runs in a fresh V8 context holding just what a Web Worker offers
 * (no `process`, no `require`), so a Node API in the bundle fails here as it would in vscode.dev.
 * The test side serves the workspace requests a browser client answers with vscode.workspace.fs,
 * from a folder on disk named by a virtual URI (github.dev's vscode-vfs: scheme).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type ProtocolConnection,
  RequestType,
} from 'vscode-languageserver-protocol/node';
import {
  FIND_FILES_REQUEST,
  type FindFilesParams,
  type FindFilesResponse,
  READ_DIRECTORY_REQUEST,
  type ReadDirectoryParams,
  type ReadDirectoryResponse,
  READ_FILE_REQUEST,
  type ReadFileParams,
  type ReadFileResponse,
} from '../../protocol';

export const WEB_SERVER = join(__dirname, '..', '..', 'dist', 'web', 'server.js');
/** The workspace folder as github.dev names a repository. */
export const WEB_ROOT_URI = 'vscode-vfs://github/acme/backlog';

/** Runs in the worker thread: a worker-like global scope in a new context, then the bundle in it. */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const fs = require('node:fs');
const write = (...parts) => process.stderr.write(parts.map(String).join(' ') + '\\n');
const self = {
  onmessage: null,
  postMessage: (data) => parentPort.postMessage(data),
  addEventListener: () => undefined,
};
parentPort.on('message', (data) => self.onmessage && self.onmessage({ data }));
const scope = {
  self, console: { log: write, info: write, warn: write, error: write, debug: write, trace: write },
  setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask,
  TextEncoder, TextDecoder, URL, performance, crypto: globalThis.crypto, structuredClone, MessageChannel,
};
vm.runInContext(fs.readFileSync(workerData.bundle, 'utf8'), vm.createContext(scope), { filename: workerData.bundle });
`;

class WorkerReader extends AbstractMessageReader {
  constructor(private readonly worker: Worker) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const listener = (message: Message) => callback(message);
    this.worker.on('message', listener);
    return { dispose: () => this.worker.off('message', listener) };
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }

  async write(message: Message): Promise<void> {
    this.worker.postMessage(message);
  }

  end(): void {}
}

/** The web server started in a worker: its message reader and writer, its stderr and its end. */
export function startWebWorker(onStderr: (text: string) => void) {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { bundle: WEB_SERVER }, stderr: true });
  worker.stderr.on('data', (chunk: Buffer) => onStderr(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => worker.on('exit', resolve));
  return { reader: new WorkerReader(worker), writer: new WorkerWriter(worker), exited, terminate: () => void worker.terminate() };
}

/** The folder on disk a URI under WEB_ROOT_URI names. */
const diskPath = (workspace: string, uri: string): string | undefined =>
  uri === WEB_ROOT_URI || uri.startsWith(`${WEB_ROOT_URI}/`) ? join(workspace, ...uri.slice(WEB_ROOT_URI.length).split('/').map(decodeURIComponent)) : undefined;

function readText(path: string | undefined, limit: number): ReadFileResponse {
  try {
    if (!path) return null;
    const stat = statSync(path);
    if (!stat.isFile()) return 'not-a-file';
    return stat.size > limit ? 'too-large' : { text: readFileSync(path, 'utf8') };
  } catch {
    return null;
  }
}

/** Every file under `dir` named one of `names` (node_modules and .git aside), as URIs under WEB_ROOT_URI. */
function findNamed(dir: string, relative: string, names: ReadonlySet<string>): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const child = `${relative}/${encodeURIComponent(entry.name)}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '.git' ? [] : findNamed(join(dir, entry.name), child, names);
    return names.has(entry.name) ? [`${WEB_ROOT_URI}${child}`] : [];
  });
}

/** Answers the web server's workspace requests from `workspace` on disk, as the browser client answers them with vscode.workspace.fs. */
export function serveWorkspace(connection: ProtocolConnection, workspace: string, requests: string[], searchFails: boolean): void {
  connection.onRequest(new RequestType<ReadDirectoryParams, ReadDirectoryResponse, void>(READ_DIRECTORY_REQUEST), ({ uri }) => {
    requests.push(`${READ_DIRECTORY_REQUEST} ${uri}`);
    const path = diskPath(workspace, uri);
    try {
      return path ? readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, directory: entry.isDirectory() })) : null;
    } catch {
      return null;
    }
  });
  connection.onRequest(new RequestType<ReadFileParams, ReadFileResponse, void>(READ_FILE_REQUEST), ({ uri, limit }) => {
    requests.push(`${READ_FILE_REQUEST} ${uri}`);
    return readText(diskPath(workspace, uri), limit);
  });
  connection.onRequest(new RequestType<FindFilesParams, FindFilesResponse, void>(FIND_FILES_REQUEST), ({ names, limit }) => {
    requests.push(`${FIND_FILES_REQUEST} ${names.join(',')}`);
    if (searchFails) throw new Error('No search provider registered for scheme: vscode-vfs');
    return findNamed(workspace, '', new Set(names)).map((uri) => {
      const read = readText(diskPath(workspace, uri), limit);
      return { uri, text: read !== null && typeof read === 'object' ? read.text : null };
    });
  });
}
