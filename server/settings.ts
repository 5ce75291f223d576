// The client's settings the server reads on every reload: pulled when the client answers
// workspace/configuration, else taken from what it pushed with didChangeConfiguration.
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';

/** The storylint.* settings the server honours (see package.json contributes.configuration). */
export interface ServerSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  configFile: string;
  codeLens: boolean;
  /** Where rule documentation links go: '' for the pages inside the extension, else the team's published docs. */
  docsBaseUrl: string;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { enable: true, run: 'onType', configFile: '', codeLens: true, docsBaseUrl: '' };

/** A docs address the editor opens as a web page or file: anything else (a command: link, a typo) leaves the pages inside the extension. */
const docsBase = (value: unknown): string => (typeof value === 'string' && /^(?:https?|file):\/\/\S+$/.test(value.trim()) ? value.trim() : '');

/** The storylint.* settings, defaults filled in; `pushed` is what didChangeConfiguration carried. */
export async function readSettings(connection: Connection, pull: boolean, pushed?: unknown): Promise<ServerSettings> {
  let value: Partial<ServerSettings> | undefined;
  if (pull) value = (await connection.workspace.getConfiguration({ section: 'storylint' })) as Partial<ServerSettings> | undefined;
  else value = (pushed as { storylint?: Partial<ServerSettings> } | undefined)?.storylint;
  const settings = { ...DEFAULT_SERVER_SETTINGS, ...(value ?? {}) };
  return { ...settings, docsBaseUrl: docsBase(settings.docsBaseUrl) };
}

/** The client's files.exclude globs that are on, over every workspace folder (none unless it can be pulled). */
export async function readFilesExclude(connection: Connection, pull: boolean, roots: readonly string[]): Promise<string[]> {
  if (!pull) return [];
  const globs: string[] = [];
  for (const root of roots) {
    const scope = { scopeUri: pathToFileURL(root).href, section: 'files.exclude' };
    const exclude = (await connection.workspace.getConfiguration(scope)) as Record<string, unknown> | null;
    for (const [glob, on] of Object.entries(exclude ?? {})) if (on === true) globs.push(glob);
  }
  return globs;
}
