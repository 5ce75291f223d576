import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../cli-harness';
import { FIXTURES, releaseTree, run, scratch } from './release-tree';

interface ActionInput {
  default?: string;
}
interface ActionStep {
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

interface ActionRun {
  code: number;
  log: string;
  outputs: Record<string, string>;
}

const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;

/** `${{ … }}` as GitHub evaluates the few expressions the action uses; any other expression fails the test. */
function substitute(text: string, context: Record<string, string>): string {
  return text.replace(EXPRESSION, (_, expression: string) => {
    if (!(expression in context)) throw new Error(`action.yml uses \${{ ${expression} }}, which this test does not know how GitHub evaluates`);
    return context[expression];
  });
}

/** `key=value` lines of a $GITHUB_OUTPUT file. */
function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/**
 * Runs a composite action's steps as the runner does: inputs (or their defaults) put into the
 * `${{ }}` expressions, no INPUT_* variables but what a step's env sets, bash as
 * `bash --noprofile --norc -eo pipefail <script>`, GITHUB_OUTPUT per step; the first failing step ends the run.
 */
function runAction(actionPath: string, workspace: string, scripts: string, given: Record<string, string>): ActionRun {
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as Action;
  const context: Record<string, string> = { 'github.action_path': actionPath };
  for (const [name, input] of Object.entries(action.inputs)) context[`inputs.${name}`] = given[name] ?? input.default ?? '';
  for (const name of Object.keys(given)) if (!(name in action.inputs)) throw new Error(`action.yml has no input '${name}'`);
  let log = '';
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.uses) throw new Error(`step ${index} uses ${step.uses}: an action this test cannot run offline`);
    expect(step.shell).toBe('bash');
    const script = join(scripts, `step-${index}.sh`);
    const outputFile = join(scripts, `output-${index}`);
    rmSync(outputFile, { force: true });
    writeFileSync(script, substitute(step.run ?? '', context));
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(String(value), context)]));
    const result = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env: { ...env, GITHUB_ACTION_PATH: actionPath, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true', CI: 'true' },
    });
    log += result.stdout + result.stderr;
    for (const [name, value] of Object.entries(readOutputs(outputFile))) context[`steps.${step.id}.outputs.${name}`] = value;
    if (result.code !== 0) return { code: result.code ?? -1, log, outputs: actionOutputs(action, context) };
  }
  return { code: 0, log, outputs: actionOutputs(action, context) };
}

function actionOutputs(action: Action, context: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, output.value.replace(EXPRESSION, (_, expression: string) => context[expression] ?? '')]));
}

interface Sarif {
  runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
}

describe('the GitHub Action (action.yml, composite), its run steps executed with bash against the release tree', () => {
  const release = releaseTree();
  const workspace = scratch('action-workspace');
  const scripts = scratch('action-steps');
  const lint = (given: Record<string, string>) => runAction(release.dir, workspace, scripts, given);
  const story = (fixture: string) => copyFileSync(join(FIXTURES, fixture), join(workspace, 'stories', 'invoice-search.md'));
  const sarif = (file = 'storylint.sarif') => JSON.parse(readFileSync(join(workspace, file), 'utf8')) as Sarif;

  beforeAll(() => {
    mkdirSync(join(workspace, 'stories'));
    story('invoice-search.md');
  });

  it('is a composite action whose run steps take inputs through env only (no ${{ }} inside a script)', () => {
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'config', 'fail-on-findings', 'format', 'globs', 'sarif-file']);
    expect(action.inputs.globs.default).toBe('.');
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(EXPRESSION);
    expect(readFileSync(join(release.dir, 'action.yml'), 'utf8')).toBe(readFileSync(join(REPO, 'action.yml'), 'utf8'));
  });

  it('a failing story: exit 1, the finding in the log, and a SARIF file with the result at a relative URI', () => {
    const result = lint({});
    expect(result.code).toBe(1);
    expect(result.log).toMatch(/stories\/invoice-search\.md\n\s+15:5\s+error\s+Acceptance criteria are only placeholders/);
    expect(result.outputs).toEqual({ 'sarif-file': 'storylint.sarif', 'exit-code': '1' });
    const [sarifRun] = sarif().runs;
    expect(sarifRun.tool.driver.name).toBe('storylint');
    expect(sarifRun.results.map((finding) => [finding.level, finding.locations[0].physicalLocation.artifactLocation.uri, finding.locations[0].physicalLocation.region.startLine])).toEqual([
      ['error', 'stories/invoice-search.md', 15],
    ]);
  });

  it("fail-on-findings: 'false' reports the findings and passes, with exit-code 1 as output", () => {
    const result = lint({ 'fail-on-findings': 'false', 'sarif-file': 'out/report.sarif' });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ 'sarif-file': 'out/report.sarif', 'exit-code': '1' });
    expect(sarif('out/report.sarif').runs[0].results).toHaveLength(1);
    expect(result.log).toContain('fail-on-findings is false');
  });

  it('format github annotates; sarif-file empty writes no SARIF', () => {
    const before = readdirSync(workspace).sort();
    const result = lint({ format: 'github', 'sarif-file': '' });
    expect(result.code).toBe(1);
    expect(result.log).toMatch(/^::error file=stories\/invoice-search\.md,line=15,col=5,/m);
    expect(result.outputs['sarif-file']).toBe('');
    expect(readdirSync(workspace).sort()).toEqual(before);
  });

  it('globs on several lines, config and args reach storylint', () => {
    mkdirSync(join(workspace, 'more'), { recursive: true });
    copyFileSync(join(FIXTURES, 'invoice-search.md'), join(workspace, 'more', 'copy.md'));
    writeFileSync(join(workspace, 'ci.storylintrc.json'), JSON.stringify({ rules: { 'require-acceptance-criteria': 'off' } }));
    const linted = lint({ globs: 'stories/*.md\nmore', format: 'compact', 'sarif-file': 'two.sarif' });
    expect(linted.code).toBe(1);
    const uris = new Set(sarif('two.sarif').runs[0].results.map((finding) => finding.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['more/copy.md', 'stories/invoice-search.md']);
    const configured = lint({ globs: 'stories', config: 'ci.storylintrc.json', 'sarif-file': '' });
    expect(configured.code).toBe(0);
    const strict = lint({ globs: 'stories', args: '--rule require-acceptance-criteria:off --max-warnings 0', 'sarif-file': '' });
    expect(strict.code).toBe(0);
    const unknown = lint({ globs: 'stories', args: '--no-such-flag', 'sarif-file': '' });
    expect(unknown.code).toBe(2);
  });

  it('the fixed story: exit 0 and a SARIF file with no results', () => {
    story('invoice-search.fixed.md');
    const result = lint({ globs: 'stories' });
    expect(result.code).toBe(0);
    expect(result.outputs['exit-code']).toBe('0');
    expect(sarif().runs[0].results).toEqual([]);
  });

  it('inputs are data: $(…), backticks and ; in globs, config, args and sarif-file run nothing', () => {
    const globs = lint({ globs: '$(touch pwned-globs) `touch pwned-tick`; touch pwned-semi', 'sarif-file': '' });
    expect(globs.code).toBe(2);
    expect(globs.log).toContain("cannot read 'pwned-tick`;'");
    const config = lint({ globs: 'stories', config: '$(touch pwned-config)', 'sarif-file': '' });
    expect(config.code).toBe(2);
    expect(config.log).toContain('$(touch pwned-config): configuration file not found');
    const args = lint({ globs: 'stories', args: '$(touch pwned-args)', 'sarif-file': '' });
    expect(args.log).toContain("cannot read 'pwned-args)'");
    const sarifFile = lint({ globs: 'stories', 'sarif-file': '$(touch pwned-sarif).sarif' });
    expect(sarifFile.code).toBe(0);
    expect(existsSync(join(workspace, '$(touch pwned-sarif).sarif'))).toBe(true);
    expect(readdirSync(workspace).filter((name) => name.startsWith('pwned'))).toEqual([]);
  });

  it('a bad fail-on-findings value is a clear error (exit 2)', () => {
    const result = lint({ 'fail-on-findings': 'yes' });
    expect(result.code).toBe(2);
    expect(result.log).toContain("fail-on-findings must be 'true' or 'false', not 'yes'");
  });

  it('a line break in sarif-file or fail-on-findings is refused (exit 2) before it can add a workflow command or an output', () => {
    for (const given of [{ 'sarif-file': 'x.sarif\nexit-code=0' }, { 'fail-on-findings': 'true\n::warning::injected' }] as Record<string, string>[]) {
      const result = lint(given);
      expect(result.code).toBe(2);
      expect(result.log).toContain('::error title=storylint::fail-on-findings and sarif-file must be one line');
      expect(result.log).not.toContain('::warning::injected');
      expect(result.outputs).toEqual({ 'sarif-file': '', 'exit-code': '' });
    }
  });
});
