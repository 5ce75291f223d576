// Makes the release commit that pre-commit hooks and the GitHub Action point at: a tree holding the
// built package (like JavaScript actions ship dist/), so installing it builds nothing and pulls no
// devDependencies. `npm run release` commits it on the `release` branch and tags it v<version>;
// `--into <dir>` writes the same tree as a fresh tagged repository in <dir> instead (tests).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** Files the hook and the action are read from: the release tree must hold them whatever the package's file list says. */
const INTEGRATION_FILES = ['.pre-commit-hooks.yaml', 'action.yml'];
/** package.json fields that only building and developing use: without them `npm install` installs nothing and `npm pack` runs no script. */
const DEVELOPMENT_FIELDS = ['devDependencies', 'scripts', 'allowScripts'];
/** An identity for the throwaway repository of `--into` when git has none configured. */
const FALLBACK_IDENTITY = { GIT_AUTHOR_NAME: 'storylint release', GIT_AUTHOR_EMAIL: 'release@storylint.invalid', GIT_COMMITTER_NAME: 'storylint release', GIT_COMMITTER_EMAIL: 'release@storylint.invalid' };

class ReleaseError extends Error {}

function git(args, options = {}) {
  return execFileSync('git', args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function gitSucceeds(args, cwd) {
  try {
    git(args, { cwd });
    return true;
  } catch {
    return false;
  }
}

function parseArgs(argv) {
  const options = { into: undefined, skipBuild: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--into') options.into = argv[++index];
    else if (arg.startsWith('--into=')) options.into = arg.slice('--into='.length);
    else if (arg === '--skip-build') options.skipBuild = true;
    else throw new ReleaseError(`unknown option '${arg}'. Usage: node scripts/release.mjs [--into <dir>] [--skip-build]`);
  }
  if (options.into === '') throw new ReleaseError('--into needs a folder: node scripts/release.mjs --into <dir>');
  return options;
}

/** Packs the project (no scripts: the build ran already) and unpacks the tarball into a temp folder. */
function packedTree() {
  const work = mkdtempSync(join(tmpdir(), 'storylint-release-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [packed] = JSON.parse(out);
  const tree = join(work, 'tree');
  mkdirSync(tree);
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', tree, '--strip-components=1']);
  for (const file of INTEGRATION_FILES) {
    if (existsSync(join(tree, file)) || !existsSync(join(ROOT, file))) continue;
    // Until the package's file list names it, the release tree still needs it (pre-commit and GitHub read it from there).
    console.warn(`release: ${file} is not in the npm package; copying it into the release tree (add it to the package's files)`);
    copyFileSync(join(ROOT, file), join(tree, file));
  }
  if (!existsSync(join(tree, 'dist', 'cli.js'))) throw new ReleaseError('the npm package holds no dist/cli.js: run the build first (npm run build), or drop --skip-build');
  const manifest = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8'));
  for (const field of DEVELOPMENT_FIELDS) delete manifest[field];
  // `main` names the VS Code extension's entry, which the npm package does not ship: tools that read
  // `main` rather than `exports` get the library, as `require('storylint')` does.
  if (manifest.exports?.['.']?.require) manifest.main = manifest.exports['.'].require;
  writeFileSync(join(tree, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { work, tree };
}

/** Commits `tree` (a folder) in the repository at `cwd` through a throwaway index, so that repository's own index and files stay as they are. */
function commitTree(cwd, tree, parent, message, env) {
  const index = join(mkdtempSync(join(tmpdir(), 'storylint-release-index-')), 'index');
  const indexEnv = { ...env, GIT_INDEX_FILE: index };
  // --force: a .gitignore in the package (dist/, say) must not keep the built files out of the release.
  git(['--work-tree', tree, 'add', '--force', '--all', '.'], { cwd, env: indexEnv });
  const treeId = git(['write-tree'], { cwd, env: indexEnv });
  rmSync(index, { force: true });
  return git(['commit-tree', treeId, ...(parent ? ['-p', parent] : []), '-m', message], { cwd, env });
}

/** Files and bytes below `dir`. */
function folderStats(dir) {
  const stats = { files: 0, bytes: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const inner = entry.isDirectory() ? folderStats(path) : { files: 1, bytes: statSync(path).size };
    stats.files += inner.files;
    stats.bytes += inner.bytes;
  }
  return stats;
}

/** Refuses a release the project's repository cannot take: files npm would pack that git does not hold, or a tag already made. */
function checkReleasable(tag) {
  // Untracked files count: npm packs them too, and the release must be what HEAD holds.
  if (git(['status', '--porcelain']) !== '') throw new ReleaseError('the working tree has changes or untracked files: commit or remove them first (the release is built from it and names HEAD)');
  if (gitSucceeds(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`])) throw new ReleaseError(`tag ${tag} exists already: raise "version" in package.json first`);
}

/** The release in the project's repository: a commit on `release` (its previous release as parent) and the tag. */
function releaseInProject(tree, tag, title, message) {
  const previous = gitSucceeds(['rev-parse', '--verify', '--quiet', 'refs/heads/release']) ? git(['rev-parse', 'refs/heads/release']) : undefined;
  const commit = commitTree(ROOT, tree, previous, message, {});
  git(['update-ref', '-m', `release ${tag}`, 'refs/heads/release', commit, ...(previous ? [previous] : [])]);
  git(['tag', '-a', tag, '-m', title, commit]);
  return commit;
}

/** The release as a fresh repository in `dir` (branch `release`, the tag): the project's repository is not touched. */
function releaseInto(dir, tree, tag, title, message) {
  mkdirSync(dir, { recursive: true });
  git(['init', '--quiet', '--initial-branch=release'], { cwd: dir });
  const env = gitSucceeds(['config', 'user.email'], dir) ? {} : FALLBACK_IDENTITY;
  const commit = commitTree(dir, tree, undefined, message, env);
  git(['update-ref', 'refs/heads/release', commit], { cwd: dir });
  git(['tag', '-a', tag, '-m', title, commit], { cwd: dir, env });
  // Check the files out, so the folder is a clean clone of the release.
  git(['reset', '--hard', '--quiet', 'release'], { cwd: dir });
  return commit;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const tag = `v${version}`;
  if (!options.into) checkReleasable(tag);
  else if (existsSync(options.into) && readdirSync(options.into).length > 0) throw new ReleaseError(`--into ${options.into}: the folder is not empty; give a new or empty folder`);
  if (!options.skipBuild) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const { work, tree } = packedTree();
  try {
    const source = gitSucceeds(['rev-parse', '--verify', '--quiet', 'HEAD']) ? git(['rev-parse', '--short', 'HEAD']) : 'an uncommitted tree';
    const title = `${name} ${tag}`;
    const message = `${title}: the built package (from ${source})\n\nThe npm package's files with a package.json without devDependencies or scripts: pre-commit and the GitHub Action run it as it is.`;
    const commit = options.into ? releaseInto(resolve(options.into), tree, tag, title, message) : releaseInProject(tree, tag, title, message);
    const { files, bytes } = folderStats(tree);
    const where = options.into ? `in ${resolve(options.into)}` : 'on branch release';
    console.log(`release: ${tag} = ${commit.slice(0, 12)}, ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${where}`);
    if (!options.into) {
      // The npm package is the same tree: no scripts run when it is installed, no devDependencies listed.
      const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', ROOT], { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
      console.log(`release: publish it with  git push origin release ${tag}  and  npm publish ${packed.filename}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  // A failed git or npm command says why on its stderr; a stack trace only with DEBUG.
  console.error(`release: ${error instanceof ReleaseError || !error.stderr ? error.message : String(error.stderr).trim()}`);
  if (process.env.DEBUG) console.error(error.stack);
  process.exit(1);
}
