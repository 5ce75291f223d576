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
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { enable: true, run: 'onType', configFile: '', codeLens: true };

/** The storylint.* settings, defaults filled in; `pushed` is what didChangeConfiguration carried. */
export async function readSettings(connection: Connection, pull: boolean, pushed?: unknown): Promise<ServerSettings> {
  let value: Partial<ServerSettings> | undefined;
  if (pull) value = (await connection.workspace.getConfiguration({ section: 'storylint' })) as Partial<ServerSettings> | undefined;
  else value = (pushed as { storylint?: Partial<ServerSettings> } | undefined)?.storylint;
  return { ...DEFAULT_SERVER_SETTINGS, ...(value ?? {}) };
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
