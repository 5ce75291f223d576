// The web extension's server has no disk: it asks for the workspace's folders and files, and these
// handlers read them with vscode.workspace.fs (github.dev's repository, a remote, a virtual folder).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
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
  SKIPPED_FOLDERS,
} from '../protocol';

/**
 * How long the workspace search may take before the folders are walked instead: a file system
 * without a search provider makes findFiles fail, or never answer.
 */
const SEARCH_TIMEOUT_MS = 15_000;

export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(READ_DIRECTORY_REQUEST, async ({ uri }: ReadDirectoryParams): Promise<ReadDirectoryResponse> => {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri));
      // A link to a folder is Directory | SymbolicLink: not walked, as on disk.
      return entries.map(([name, type]) => ({ name, directory: type === vscode.FileType.Directory }));
    } catch {
      return null;
    }
  });
  client.onRequest(READ_FILE_REQUEST, ({ uri, limit }: ReadFileParams) => readText(vscode.Uri.parse(uri), limit));
  client.onRequest(FIND_FILES_REQUEST, async ({ names, limit }: FindFilesParams): Promise<FindFilesResponse> => {
    const found = await findNamed(names);
    return Promise.all(found.map(async (uri) => ({ uri: uri.toString(), text: textOf(await readText(uri, limit)) })));
  });
}

const textOf = (read: ReadFileResponse): string | null => (read !== null && typeof read === 'object' ? read.text : null);

/** The files with these names in the workspace folders: the editor's search, or a walk of the folders where it has none. */
async function findNamed(names: readonly string[]): Promise<vscode.Uri[]> {
  const search = vscode.workspace.findFiles(`**/{${names.join(',')}}`, `**/{${SKIPPED_FOLDERS.join(',')}}/**`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SEARCH_TIMEOUT_MS)));
  try {
    const found = await Promise.race([search, timeout]);
    if (found) return found;
  } catch {
    // No search provider for this file system: walk it.
  } finally {
    clearTimeout(timer);
  }
  const wanted = new Set(names);
  const walk = async (folder: vscode.Uri): Promise<vscode.Uri[]> => {
    const entries = await vscode.workspace.fs.readDirectory(folder).then(undefined, () => []);
    const here = entries.filter(([name, type]) => type === vscode.FileType.File && wanted.has(name)).map(([name]) => vscode.Uri.joinPath(folder, name));
    const below = entries.filter(([name, type]) => type === vscode.FileType.Directory && !SKIPPED_FOLDERS.includes(name));
    return [...here, ...(await Promise.all(below.map(([name]) => walk(vscode.Uri.joinPath(folder, name))))).flat()];
  };
  return (await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => walk(folder.uri)))).flat();
}

/** A file's text, as the server on Node reads it from disk: UTF-8, a byte-order mark kept, at most `limit` bytes. */
async function readText(uri: vscode.Uri, limit: number): Promise<ReadFileResponse> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) return 'not-a-file';
    if (stat.size > limit) return 'too-large';
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > limit) return 'too-large';
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  } catch {
    return null;
  }
}
