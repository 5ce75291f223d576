// The language server in the web extension's Web Worker: there is no disk, so the workspace is read
// through the client (vscode.workspace.fs, see client/workspace-files.ts), and rule pages come bundled.
import { basename, dirname, join } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import rulePages from 'storylint:rule-pages';
import { CONFIG_FILE_NAMES, type ConfigHost, ConfigResolver } from '../core';
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
import { rules } from '../rules';
import { NOT_REGULAR, type ServerHost, type StoryFileContent, TOO_LARGE } from './host';
import { pathOfUri, uriOfPath } from './web-paths';

/** A config file larger than this is not one (the CLI reads any size; a browser tab should not). */
const CONFIG_LIMIT = 1_000_000;
/** Rounds of `extends` followed when fetching configs (one round per link of the longest chain). */
const EXTENDS_ROUNDS = 32;

const unreadable = (why: string) => new Error(`${why}; in the browser Storylint reads config files of up to ${CONFIG_LIMIT / 1_000_000} MB`);

export class ClientHost implements ServerHost {
  /** The workspace's config files by path (an Error for one that could not be read), fetched by prepareConfigs before each reload. */
  private configFiles: ReadonlyMap<string, string | Error> = new Map();
  /** prepareConfigs calls so far: only the latest one's files are used. */
  private fetches = 0;
  /** Untitled documents of a window without folders live here (a real folder: paths never resolve against a working directory). */
  readonly homeDir = '/untitled:';
  readonly pathOf = pathOfUri;
  readonly uriOf = uriOfPath;
  readonly config: ConfigHost = {
    readFile: (path) => {
      const text = this.configFiles.get(path);
      if (text instanceof Error) throw text;
      return text;
    },
    realPath: (path) => path,
  };

  constructor(private readonly connection: Connection) {}

  readonly readDirectory = async (path: string) => {
    const params: ReadDirectoryParams = { uri: uriOfPath(path) };
    const entries = await this.connection.sendRequest<ReadDirectoryResponse>(READ_DIRECTORY_REQUEST, params);
    if (!entries) throw new Error(`cannot read the folder ${path}`);
    return entries;
  };

  readonly readStoryFile = async (path: string, limit: number): Promise<StoryFileContent> => {
    const read = await this.readFile(path, limit);
    if (read === null) throw new Error(`cannot read ${path}`);
    return read === 'not-a-file' ? NOT_REGULAR : read === 'too-large' ? TOO_LARGE : read.text;
  };

  /**
   * Every config file of the workspace (one request for all of them by name), then whatever the
   * resolution of each still misses: `extends` targets, storylint.configFile, config files where
   * the search did not look, one round of `extends` at a time. Resolution then reads them
   * synchronously, as it reads the disk on Node.
   */
  readonly prepareConfigs = async (roots: readonly string[], configFile: string | undefined) => {
    const fetch = ++this.fetches;
    const files = new Map<string, string | Error>();
    const params: FindFilesParams = { names: [...CONFIG_FILE_NAMES], limit: CONFIG_LIMIT };
    for (const { uri, text } of await this.connection.sendRequest<FindFilesResponse>(FIND_FILES_REQUEST, params)) {
      const path = pathOfUri(uri);
      if (path) files.set(path, text ?? unreadable('it is larger than the limit or cannot be read'));
    }
    const absent = new Set<string>();
    for (let round = 0; round < EXTENDS_ROUNDS; round++) {
      const missing = [...missedBy(files, roots, configFile)].filter((path) => !absent.has(path));
      if (missing.length === 0) break;
      await Promise.all(
        missing.map(async (path) => {
          const read = await this.readFile(path, CONFIG_LIMIT);
          if (read === null) absent.add(path);
          else files.set(path, typeof read === 'object' ? read.text : unreadable(read === 'too-large' ? 'it is too large' : 'it is not a file'));
        }),
      );
    }
    // A reload that started later has fetched the files since: this older answer must not bring back a deleted config.
    if (fetch === this.fetches) this.configFiles = files;
  };

  readonly readRulePage = async (rule: string) => {
    const page = rulePages[rule];
    if (page === undefined) throw new Error(`no page for ${rule} in this build`);
    return page;
  };

  private readFile(path: string, limit: number): Promise<ReadFileResponse> {
    const params: ReadFileParams = { uri: uriOfPath(path), limit };
    return this.connection.sendRequest<ReadFileResponse>(READ_FILE_REQUEST, params);
  }
}

/**
 * The files inside the workspace folders that resolving the configs would read and that were not
 * fetched. The search found every config file by name (node_modules and version control aside), so
 * only other names (an `extends` target, the configFile setting) and the folders it did not look
 * in count. Above the workspace folders nothing is read: there is nothing there in a browser.
 */
function missedBy(files: ReadonlyMap<string, string | Error>, roots: readonly string[], configFile: string | undefined): Set<string> {
  const unfetched = (path: string) => {
    const root = roots.find((candidate) => path.startsWith(`${candidate}/`));
    if (!root) return false;
    return !(CONFIG_FILE_NAMES as readonly string[]).includes(basename(path)) || path.slice(root.length).split('/').some((part) => SKIPPED_FOLDERS.includes(part));
  };
  const missed = new Set<string>();
  const host: ConfigHost = {
    readFile: (path) => {
      const text = files.get(path);
      if (text === undefined && unfetched(path)) missed.add(path);
      return typeof text === 'string' ? text : undefined;
    },
    realPath: (path) => path,
  };
  const folders = [...new Set([...files.keys()].map((path) => dirname(path)))];
  for (const root of roots) {
    const resolver = new ConfigResolver({ rules, host, workspaceRoot: root, configFile, configFileInWorkspace: true });
    for (const folder of [root, ...folders.filter((dir) => dir.startsWith(`${root}/`))]) {
      try {
        resolver.forFile(join(folder, 'story.md'));
      } catch {
        // Reported by the real resolution, with the file and line.
      }
    }
  }
  return missed;
}
