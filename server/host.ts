// What the language server needs from where it runs: Node's disk (node-host.ts), or, in the web
// extension's Web Worker, the editor's file system through the client (client-host.ts).
import type { ConfigHost } from '../core/config/types';

/** What reading a story file gives besides its text. */
export const NOT_REGULAR = Symbol('not a regular file');
export const TOO_LARGE = Symbol('too large');

export type StoryFileContent = string | typeof NOT_REGULAR | typeof TOO_LARGE;

export interface DirectoryEntry {
  name: string;
  /** A folder the scan walks into (a link to one is not). */
  directory: boolean;
}

export interface ServerHost {
  /** The path a document is linted as, for a URI the host can read; undefined for any other. */
  pathOf(uri: string): string | undefined;
  /** The URI of a path (pathOf's inverse), for files the client has not opened. */
  uriOf(path: string): string;
  /** Where an untitled document lives when no folder is open. */
  readonly homeDir: string;
  /** A folder's entries; throws when it cannot be read. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** A story file's text, at most `limit` bytes of UTF-8 (devices and other non-files are never read); throws when it cannot be read. */
  readStoryFile(path: string, limit: number): Promise<StoryFileContent>;
  /** Config files, read synchronously as core's resolver reads them. */
  readonly config: ConfigHost;
  /** Before a reload resolves any config: a host without a synchronous disk fetches the workspace's config files here. */
  prepareConfigs(roots: readonly string[], configFile: string | undefined): Promise<void>;
  /** A rule's documentation page as installed; throws when it is not. */
  readRulePage(rule: string): Promise<string>;
}
