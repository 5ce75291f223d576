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
} from '../protocol';

/** Folders never searched for config files (the scan skips them too). */
const SKIPPED = '**/{node_modules,.git,.hg,.svn}/**';

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
    const found = await vscode.workspace.findFiles(`**/{${names.join(',')}}`, SKIPPED);
    const files = await Promise.all(found.map(async (uri) => ({ uri: uri.toString(), read: await readText(uri, limit) })));
    return files.flatMap(({ uri, read }) => (read !== null && typeof read === 'object' ? [{ uri, text: read.text }] : []));
  });
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
