// The packaged extension as users install it, unpacked: a .vsix is a zip whose `extension/` folder is
// the extension. The web suite runs that folder as the extension under development (run.mjs --web).
// yauzl comes with @vscode/vsce (no dependency of its own); it refuses entry names with `..` or an absolute path.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ROOT } from './tools.mjs';

const PREFIX = 'extension/';

/** Writes the .vsix's `extension/` folder to `dest`; resolves with `dest` and the number of files. */
export async function unpackVsix(vsix, dest) {
  const yauzl = createRequire(path.join(ROOT, 'package.json'))('yauzl');
  const zip = await new Promise((resolve, reject) => yauzl.open(vsix, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  let files = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (!entry.fileName.startsWith(PREFIX) || entry.fileName.endsWith('/')) continue;
      const target = path.join(dest, entry.fileName.slice(PREFIX.length));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const stream = await new Promise((resolve, reject) => zip.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s))));
      await pipeline(stream, fs.createWriteStream(target));
      files++;
    }
  } finally {
    zip.close();
  }
  if (!fs.existsSync(path.join(dest, 'package.json'))) throw new Error(`${vsix} holds no ${PREFIX}package.json`);
  return { dest, files };
}

/** The next entry, or undefined at the end of the archive. */
function nextEntry(zip) {
  return new Promise((resolve, reject) => {
    const cleanup = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
    const onEntry = (entry) => { cleanup(); resolve(entry); };
    const onEnd = () => { cleanup(); resolve(undefined); };
    const onError = (e) => { cleanup(); reject(e); };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
