// The client's settings the server reads on every reload: pulled when the client answers
// workspace/configuration, else taken from what it pushed with didChangeConfiguration.
import type { Connection } from 'vscode-languageserver';
import { notify } from './messages';

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

const isBoolean = (value: unknown) => typeof value === 'boolean';
const isString = (value: unknown) => typeof value === 'string';

/** What each setting takes: editors other than VS Code check no schema, so a typo must not turn a feature off unseen. */
const ACCEPTS: { [K in keyof ServerSettings]: { valid: (value: unknown) => boolean; expected: string } } = {
  enable: { valid: isBoolean, expected: 'true or false' },
  run: { valid: (value) => value === 'onType' || value === 'onSave', expected: '"onType" or "onSave"' },
  configFile: { valid: isString, expected: 'a path relative to the workspace folder' },
  codeLens: { valid: isBoolean, expected: 'true or false' },
  docsBaseUrl: { valid: (value) => value === '' || docsBase(value) !== '', expected: 'an http(s):// or file:// address, or "" for the default pages' },
};
/** storylint.* settings only the VS Code client reads (storylint.trace.server). */
const CLIENT_SETTINGS = new Set(['trace']);

/** The settings from what the client sent, defaults for what is missing or unusable, and one sentence per problem saying what to do. */
export function checkSettings(value: unknown): { settings: ServerSettings; problems: string[] } {
  const settings: ServerSettings = { ...DEFAULT_SERVER_SETTINGS };
  if (value === undefined || value === null) return { settings, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { settings, problems: [`"storylint" is ${JSON.stringify(value)}: it takes an object of settings; using the defaults.`] };
  const problems: string[] = [];
  for (const [key, given] of Object.entries(value)) {
    const accepts = Object.hasOwn(ACCEPTS, key) ? ACCEPTS[key as keyof ServerSettings] : undefined;
    if (!accepts) {
      if (!CLIENT_SETTINGS.has(key)) problems.push(`storylint.${key} does not exist (the settings are ${Object.keys(ACCEPTS).join(', ')}): it is ignored.`);
    } else if (accepts.valid(given)) Object.assign(settings, { [key]: given });
    else if (given !== null && given !== undefined) {
      const fallback = JSON.stringify(DEFAULT_SERVER_SETTINGS[key as keyof ServerSettings]);
      problems.push(`storylint.${key} is ${JSON.stringify(given)}: it takes ${accepts.expected}; using ${fallback} until it is fixed.`);
    }
  }
  return { settings: { ...settings, docsBaseUrl: docsBase(settings.docsBaseUrl) }, problems };
}

/** The settings problems last told to each client. */
const toldProblems = new WeakMap<Connection, string>();

/** The storylint.* settings, defaults filled in; `pushed` is what didChangeConfiguration carried. Unusable values are named to the user. */
export async function readSettings(connection: Connection, pull: boolean, pushed?: unknown): Promise<ServerSettings> {
  let value: unknown;
  if (pull) value = await connection.workspace.getConfiguration({ section: 'storylint' });
  else value = (pushed as { storylint?: unknown } | undefined)?.storylint;
  const { settings, problems } = checkSettings(value);
  // Settings are read again on every change of any setting: the same problems are told once.
  const told = problems.join('\n');
  if (told !== toldProblems.get(connection)) {
    for (const problem of problems) {
      connection.console.warn(`storylint: setting ${problem}`);
      notify(connection, 'warning', `Storylint setting ${problem}`);
    }
    toldProblems.set(connection, told);
  }
  return settings;
}

/** The client's files.exclude globs that are on, over every workspace folder (by URI; none unless it can be pulled). */
export async function readFilesExclude(connection: Connection, pull: boolean, folderUris: readonly string[]): Promise<string[]> {
  if (!pull) return [];
  const globs: string[] = [];
  for (const scopeUri of folderUris) {
    const scope = { scopeUri, section: 'files.exclude' };
    const exclude = (await connection.workspace.getConfiguration(scope)) as Record<string, unknown> | null;
    for (const [glob, on] of Object.entries(exclude ?? {})) if (on === true) globs.push(glob);
  }
  return globs;
}
