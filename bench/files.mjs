// Shared helper for the floor scripts: expand directories into the Markdown files below them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function markdownFiles(paths) {
  const out = [];
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const q = join(p, e.name);
        if (e.isDirectory()) walk(q);
        else if (/\.(md|markdown)$/i.test(e.name)) out.push(q);
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}
