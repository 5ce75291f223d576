// The extension under development as a web extension, the way vscode.dev loads one from the
// Marketplace: its files over http from another origin (a small static server here), named in the
// workbench configuration's developmentOptions, so it runs in the web worker extension host and
// nothing of it runs on code-server. Served from code-server itself (vscode-remote:) it could not start
// its language server: the web worker host refuses `new Worker()` on a vscode-remote: script.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.md': 'text/markdown', '.png': 'image/png', '.map': 'application/json' };

/**
 * Serves `dir` read-only on a free port with CORS (the extension host fetches from the workbench's
 * origin). Its origin is http://localhost:PORT: the web worker host's script-src allows localhost, not 127.0.0.1.
 */
export async function serveFolder(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://localhost').pathname));
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (!file.startsWith(root + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return { origin: `http://localhost:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const CONFIG = /(<meta id="vscode-workbench-web-configuration" data-settings=")([^"]*)(")/;
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A URI as the workbench revives it. */
const uri = (href) => {
  const u = new URL(href);
  return { $mid: 1, scheme: u.protocol.slice(0, -1), authority: u.host, path: u.pathname };
};

/**
 * Adds the extension folder and the test module (URLs) to the developmentOptions of every workbench
 * page `page` loads from `base`, as @vscode/test-web does (code-server takes neither from its command line).
 */
export async function addDevelopmentExtension(page, base, { extension, tests }) {
  await page.route((url) => url.origin === new URL(base).origin && url.pathname === '/', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const match = CONFIG.exec(html);
    if (!match) throw new Error('the workbench page has no vscode-workbench-web-configuration');
    const config = JSON.parse(unescape(match[2]));
    config.developmentOptions = { ...config.developmentOptions, extensions: [uri(extension)], extensionTestsPath: uri(tests) };
    // The page may fetch from the extension's origin, as vscode.dev's may from its extension CDN.
    const headers = response.headers();
    const origin = new URL(extension).origin;
    headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace(/connect-src /, `connect-src ${origin} `);
    await route.fulfill({ response, headers, body: html.replace(CONFIG, `$1${escape(JSON.stringify(config))}$3`) });
  });
}
