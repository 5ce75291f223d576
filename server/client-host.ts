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
} from '../protocol';
import { rules } from '../rules';
import { NOT_REGULAR, type ServerHost, type StoryFileContent, TOO_LARGE } from './host';

/** A config file larger than this is not one (the CLI reads any size; a browser tab should not). */
const CONFIG_LIMIT = 1_000_000;
/** Rounds of `extends` followed when fetching configs: deeper chains than this are not worth a team's time. */
const EXTENDS_ROUNDS = 10;

const URI = /^([A-Za-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)$/;

/**
 * The path of a URI in the web host: `/<scheme>:<authority>` then the URI's decoded path, so that
 * every URI the editor reads has one posix path (config lookup, globs and display work on paths)
 * and back. Untitled documents and URIs with a query or fragment are not files.
 */
export function pathOfUri(uri: string): string | undefined {
  const match = URI.exec(uri);
  if (!match || match[1] === 'untitled') return undefined;
  try {
    const path = decodeURIComponent(match[3]!);
    return `/${match[1]}:${match[2] ?? ''}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
  } catch {
    return undefined; // a malformed escape: no file has this name
  }
}

/** Encoded as VS Code encodes a URI's path segment (everything but letters, digits and -._~). */
const encodeSegment = (segment: string): string => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** pathOfUri's inverse. */
export function uriOfPath(path: string): string {
  const slash = path.indexOf('/', 1);
  const head = path.slice(1, slash === -1 ? undefined : slash);
  const colon = head.indexOf(':');
  const rest = slash === -1 ? '' : path.slice(slash);
  return `${head.slice(0, colon)}://${head.slice(colon + 1)}${rest.split('/').map(encodeSegment).join('/')}`;
}

export class ClientHost implements ServerHost {
  /** The workspace's config files by path, fetched by prepareConfigs before each reload. */
  private readonly configFiles = new Map<string, string>();
  readonly homeDir = '/';
  readonly pathOf = pathOfUri;
  readonly uriOf = uriOfPath;
  readonly config: ConfigHost = { readFile: (path) => this.configFiles.get(path), realPath: (path) => path };

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
   * resolution of each still misses: `extends` targets and storylint.configFile, read one round of
   * `extends` at a time. Resolution then reads them synchronously, as it reads the disk on Node.
   */
  readonly prepareConfigs = async (roots: readonly string[], configFile: string | undefined) => {
    this.configFiles.clear();
    const params: FindFilesParams = { names: [...CONFIG_FILE_NAMES], limit: CONFIG_LIMIT };
    for (const { uri, text } of await this.connection.sendRequest<FindFilesResponse>(FIND_FILES_REQUEST, params)) {
      const path = pathOfUri(uri);
      if (path) this.configFiles.set(path, text);
    }
    const absent = new Set<string>();
    for (let round = 0; round < EXTENDS_ROUNDS; round++) {
      const missing = [...this.missedBy(roots, configFile)].filter((path) => !absent.has(path));
      if (missing.length === 0) return;
      await Promise.all(
        missing.map(async (path) => {
          const read = await this.readFile(path, CONFIG_LIMIT);
          if (read !== null && typeof read === 'object') this.configFiles.set(path, read.text);
          else absent.add(path);
        }),
      );
    }
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

  /**
   * The files resolving the configs would read that were not fetched. Config files found by name
   * are all there is, so only other names (an `extends` target, the configFile setting) count.
   */
  private missedBy(roots: readonly string[], configFile: string | undefined): Set<string> {
    const missed = new Set<string>();
    const host: ConfigHost = {
      readFile: (path) => {
        const text = this.configFiles.get(path);
        if (text === undefined && !(CONFIG_FILE_NAMES as readonly string[]).includes(basename(path))) missed.add(path);
        return text;
      },
      realPath: (path) => path,
    };
    const folders = [...new Set([...this.configFiles.keys()].map((path) => dirname(path)))];
    for (const root of roots) {
      const resolver = new ConfigResolver({ rules, host, workspaceRoot: root, configFile, configFileInWorkspace: true });
      for (const folder of [root, ...folders.filter((dir) => dir === root || dir.startsWith(`${root}/`))]) {
        try {
          resolver.forFile(join(folder, 'story.md'));
        } catch {
          // Reported by the real resolution, with the file and line.
        }
      }
    }
    return missed;
  }
}
