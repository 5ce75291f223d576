import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/** The yaml package, loaded on first use: most files have no front matter and most configs are JSON. */
export function yaml(): typeof Yaml {
  return (loaded ??= require('yaml') as typeof Yaml);
}
