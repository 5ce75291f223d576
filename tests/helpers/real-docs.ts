// The false-alarm corpus: real Markdown that is not a backlog (READMEs, changelogs, contributing
// guides, docs/ pages), which storylint must leave alone. See docs/judgement.md, "False alarms on
// Markdown that is not a backlog".
//
// Licences: the files are the installed dependencies in node_modules/ (what `npm ci` installs from
// package-lock.json). They are read at test time only and never copied into this repository, so
// each package's licence is respected; the licence is recorded per file (from the package's
// package.json) so that anyone quoting a file knows its terms.
import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readSourceFile } from '../../cli/io';
import { nodeConfigHost } from '../../host/node-config';
import { ConfigResolver, type FileResult, type FindingSeverity, lintWithConfig } from '../../core';
import { rules } from '../../rules';

/** Files larger than this are left out (none of the installed ones is today). */
export const MAX_DOC_BYTES = 400 * 1024;

/** README*, CHANGELOG*, HISTORY*, CONTRIBUTING* (any case), as Markdown. */
const NAMED_DOC = /^(readme|changelog|history|contributing)([^/]*)\.(md|markdown)$/i;
const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Folders of storylint that hold stories on purpose (test fixtures, the judgement dataset, examples,
 * benchmark backlogs, rule docs with Incorrect/Correct stories): never part of the sample.
 */
const OWN_STORY_FOLDERS = ['tests', 'eval', 'examples', 'bench', 'rules'];

export interface RealDoc {
  /** Absolute path. */
  path: string;
  /** What reports show: the path relative to its scan root (with `/`), prefixed by the root's label. */
  shown: string;
  /** The package the file belongs to, e.g. "@vitest/runner" (nested copies are separate packages). */
  packageName: string;
  packageVersion: string;
  /** The package.json "license" (or legacy "licenses"); "unknown" when it names none. */
  license: string;
  /** The folder of the package: the files of one package are linted together, as one backlog. */
  packageDir: string;
  text: string;
}

/** The repository root: the folder whose package.json is storylint's, above this file (tests/helpers or dist/) or the working directory. */
export function repositoryRoot(): string {
  for (const from of [__dirname, process.cwd()]) {
    for (let dir = resolve(from); ; dir = dirname(dir)) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest) && readJson(manifest)?.name === 'storylint') return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`storylint: no storylint package.json above ${__dirname} or ${process.cwd()}`);
}

/** The default scan root: the installed dependencies. */
export const defaultDocsRoot = (): string => join(repositoryRoot(), 'node_modules');

/** Whether a path (relative to its package, with `/`) is one of the documents of the corpus. */
export function isRealDocName(pathInPackage: string): boolean {
  const parts = pathInPackage.split('/');
  const name = parts[parts.length - 1]!;
  if (NAMED_DOC.test(name)) return true;
  return MARKDOWN.test(name) && parts.slice(0, -1).includes('docs');
}

/**
 * A deterministic sample of real non-backlog Markdown under `roots` (default: node_modules/).
 * Regular files only: symlinks (to files or folders) are never followed, so there are no loops and
 * no file is counted twice; `.git` folders are skipped, and so are nested node_modules/ folders of a
 * root that is not itself a node_modules/ folder (a repository passed to `npm run corpus:docs`).
 * Files over MAX_DOC_BYTES, binary files (a NUL byte, as the CLI decides) and storylint's own
 * story folders (OWN_STORY_FOLDERS, in this checkout or in any package named storylint) are left out. Sorted by `shown`, by UTF-16 code units (no locale).
 */
export function collectRealDocs(roots: readonly string[] = [defaultDocsRoot()]): RealDoc[] {
  const repo = repositoryRoot();
  const own = OWN_STORY_FOLDERS.map((folder) => realOrSelf(join(repo, folder)));
  const installed = realOrSelf(defaultDocsRoot());
  const docs: RealDoc[] = [];
  for (const given of roots) {
    const root = realpathSync(resolve(given));
    const label = root === installed ? 'node_modules' : basename(root);
    const insideNodeModules = basename(root) === 'node_modules';
    const packages = new Map<string, { name: string; version: string; license: string }>();
    const walk = (dir: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name === '.git') continue;
          if (entry.name === 'node_modules' && !insideNodeModules) continue;
          if (own.some((folder) => isInside(path, folder))) continue;
          walk(path);
          continue;
        }
        // Dirent types come from lstat: a symlink is neither a file nor a folder here.
        if (!entry.isFile()) continue;
        const packageDir = packageDirOf(root, dir);
        const inPackage = relative(packageDir, path).split(sep).join('/');
        if (!isRealDocName(inPackage)) continue;
        let info = packages.get(packageDir);
        if (!info) {
          info = packageInfo(packageDir);
          packages.set(packageDir, info);
        }
        // Another copy of storylint (installed, or checked out elsewhere): its story folders too.
        if (info.name === 'storylint' && OWN_STORY_FOLDERS.includes(inPackage.split('/')[0]!)) continue;
        let outcome: ReturnType<typeof readSourceFile>;
        try {
          outcome = readSourceFile(path, MAX_DOC_BYTES);
        } catch {
          continue;
        }
        if (!('file' in outcome)) continue;
        const shown = `${label}/${relative(root, path).split(sep).join('/')}`;
        docs.push({ path, shown, packageName: info.name, packageVersion: info.version, license: info.license, packageDir, text: outcome.file.text });
      }
    };
    walk(root);
  }
  return docs.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
}

/**
 * The package folder of a file in `dir`: the deepest `node_modules/<name>` or
 * `node_modules/@scope/<name>` above it; outside node_modules, the nearest folder (up to the root)
 * whose package.json has a name; else the root.
 */
function packageDirOf(root: string, dir: string): string {
  const parts = dir.split(sep);
  const last = parts.lastIndexOf('node_modules');
  if (last >= 0 && last + 1 < parts.length) {
    const end = parts[last + 1]!.startsWith('@') ? last + 3 : last + 2;
    if (end <= parts.length) return parts.slice(0, end).join(sep) || sep;
  }
  for (let current = dir; isInside(current, root); current = dirname(current)) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest) && typeof readJson(manifest)?.name === 'string') return current;
    if (current === root) break;
  }
  return root;
}

function packageInfo(packageDir: string): { name: string; version: string; license: string } {
  const manifest = readJson(join(packageDir, 'package.json'));
  const name = typeof manifest?.name === 'string' ? manifest.name : basename(packageDir);
  const version = typeof manifest?.version === 'string' ? manifest.version : '';
  return { name, version, license: licenseOf(manifest) };
}

function licenseOf(manifest: Record<string, unknown> | undefined): string {
  const typeOf = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string' ? (value as { type: string }).type : undefined;
  const single = typeOf(manifest?.license);
  if (single) return single;
  const many = Array.isArray(manifest?.licenses) ? manifest.licenses.map(typeOf).filter((type): type is string => !!type) : [];
  return many.length > 0 ? many.join(' OR ') : 'unknown';
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

// ---------------------------------------------------------------------------------------------
// Linting the sample the way `storylint --no-config` would: every rule at its default severity and
// options, the default settings; the files of one package form one backlog (as when a project's
// Markdown is linted together), so backlog rules compare a package's files with each other only.

export interface Offence {
  packageName: string;
  license: string;
  /** The file as `RealDoc.shown`. */
  file: string;
  ruleId: string;
  severity: FindingSeverity;
  line: number;
  column: number;
  message: string;
  /** The text of the finding's first line, trimmed and cut at 160 characters. */
  lineText: string;
}

export interface RealDocsReport {
  files: number;
  filesWithFindings: number;
  findings: number;
  errorFindings: number;
  /** Findings per rule, most first (ties by name). */
  perRule: { ruleId: string; findings: number; files: number }[];
  /** Every finding, in file order then line order. */
  offences: Offence[];
  /** Files with any finding, in file order. */
  offendingFiles: string[];
}

export function lintRealDocs(docs: readonly RealDoc[]): { report: RealDocsReport; results: FileResult[] } {
  const config = new ConfigResolver({ rules, host: nodeConfigHost, workspaceRoot: repositoryRoot(), useConfigFiles: false }).forFile(join(repositoryRoot(), 'x.md'));
  const byPackage = new Map<string, RealDoc[]>();
  for (const doc of docs) byPackage.set(doc.packageDir, [...(byPackage.get(doc.packageDir) ?? []), doc]);
  const resultOf = new Map<RealDoc, FileResult>();
  for (const group of byPackage.values()) {
    const results = lintWithConfig(group.map((doc) => ({ filePath: doc.path, text: doc.text, config })), { rules });
    group.forEach((doc, index) => resultOf.set(doc, results[index]!));
  }
  const offences: Offence[] = [];
  for (const doc of docs) {
    const result = resultOf.get(doc)!;
    const lines = result.text.split(/\r\n|\r|\n/);
    const sorted = [...result.findings].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const finding of sorted) {
      const text = (lines[finding.line - 1] ?? '').trim();
      offences.push({
        packageName: doc.packageName,
        license: doc.license,
        file: doc.shown,
        ruleId: finding.ruleId,
        severity: finding.severity,
        line: finding.line,
        column: finding.column,
        message: finding.message,
        lineText: text.length > 160 ? `${text.slice(0, 159)}…` : text,
      });
    }
  }
  const perRule = new Map<string, { findings: number; files: Set<string> }>();
  for (const offence of offences) {
    const entry = perRule.get(offence.ruleId) ?? { findings: 0, files: new Set<string>() };
    entry.findings += 1;
    entry.files.add(offence.file);
    perRule.set(offence.ruleId, entry);
  }
  const offendingFiles = [...new Set(offences.map((offence) => offence.file))];
  const report: RealDocsReport = {
    files: docs.length,
    filesWithFindings: offendingFiles.length,
    findings: offences.length,
    errorFindings: offences.filter((offence) => offence.severity === 'error').length,
    perRule: [...perRule]
      .map(([ruleId, { findings, files }]) => ({ ruleId, findings, files: files.size }))
      .sort((a, b) => b.findings - a.findings || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
    offences,
    offendingFiles,
  };
  return { report, results: [...resultOf.values()] };
}

/** One line per finding, grouped by file: what a red CI run shows. */
export function formatOffences(offences: readonly Offence[], limit = Infinity): string {
  const lines: string[] = [];
  let file: string | undefined;
  let files = 0;
  for (const offence of offences) {
    if (offence.file !== file) {
      file = offence.file;
      files += 1;
      if (files > limit) break;
      lines.push(`${offence.packageName}: ${offence.file}`);
    }
    lines.push(`  ${offence.line}:${offence.column} ${offence.severity} ${offence.ruleId}  | ${offence.lineText}`);
  }
  const total = new Set(offences.map((offence) => offence.file)).size;
  if (total > limit) lines.push(`… and ${total - limit} more file(s)`);
  return lines.join('\n');
}
