// The Node.js file system behind core's ConfigHost, shared by the CLI and the language server on
// Node (the web extension's server reads config files through its client: server/client-host.ts).
import { readFileSync, realpathSync } from 'node:fs';
import type { ConfigHost } from '../core/config/types';

/** A path that does not exist: the host answers undefined (or the path itself) instead of throwing. */
const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Config files through the real file system: missing files are undefined, other failures throw. */
export const nodeConfigHost: ConfigHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  realPath(path) {
    try {
      return realpathSync.native(path);
    } catch (error) {
      if (isMissing(error)) return path;
      throw error;
    }
  },
};
