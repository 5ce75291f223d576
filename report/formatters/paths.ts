// How output names files: kept apart from the formatters, so the report page (also built in the web server) needs none of them.

/** Relative path with forward slashes, for output that must look the same on every platform. */
export function displayPath(filePath: string, cwd: string): string {
  const normalized = filePath.replace(/\\/g, '/');
  const base = cwd.replace(/\\/g, '/').replace(/\/$/, '');
  return normalized.startsWith(`${base}/`) ? normalized.slice(base.length + 1) : normalized;
}

/**
 * A path relative to `cwd` with forward slashes, `../` when the file is outside it; undefined when
 * no relative path exists (another drive on Windows).
 */
export function relativePath(filePath: string, cwd: string): string | undefined {
  const parts = (path: string) => path.replace(/\\/g, '/').split('/').filter((part, index) => part !== '' || index === 0);
  const file = parts(filePath);
  const base = parts(cwd);
  if (file[0]?.toLowerCase() !== base[0]?.toLowerCase()) return undefined;
  let common = 0;
  while (common < base.length && common < file.length - 1 && file[common] === base[common]) common++;
  return [...base.slice(common).map(() => '..'), ...file.slice(common)].join('/');
}
