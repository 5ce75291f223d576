import { describe, expect, it } from 'vitest';
import { pathOfUri, uriOfPath } from '../server/web-paths';

/*
 * The web host's paths: each URI the editor reads has one posix path, and the URI made back from
 * it is the one VS Code writes, so that diagnostics the scan publishes for a closed file and those
 * of the open document go to one URI.
 */
describe('paths of the web extension', () => {
  it.each([
    ['vscode-vfs://github/acme/backlog/stories/checkout.md', '/vscode-vfs:github/acme/backlog/stories/checkout.md'],
    ['vscode-remote://localhost:8080/home/me/backlog/a.md', '/vscode-remote:localhost:8080/home/me/backlog/a.md'],
    ['memfs:/ws/stories/a.md', '/memfs:/ws/stories/a.md'],
    ['vscode-vfs://github/acme/backlog/sprint%20%232%20caf%C3%A9.md', '/vscode-vfs:github/acme/backlog/sprint #2 café.md'],
    ['vscode-vfs://github/acme/backlog/it%27s%20%28draft%29%21.md', "/vscode-vfs:github/acme/backlog/it's (draft)!.md"],
    ['file:///home/me/a.md', '/file:/home/me/a.md'],
  ])('%s is %s, and back', (uri, path) => {
    expect(pathOfUri(uri)).toBe(path);
    expect(uriOfPath(path)).toBe(uri);
  });

  it('writes `//` only with an authority, as VS Code does: memfs:///ws and memfs:/ws are one path, written memfs:/ws', () => {
    expect(pathOfUri('memfs:///ws/a.md')).toBe('/memfs:/ws/a.md');
    expect(uriOfPath('/memfs:/ws/a.md')).toBe('memfs:/ws/a.md');
    expect(uriOfPath('/file:/ws/a.md')).toBe('file:///ws/a.md');
  });

  it('has no path for what is not a file: untitled documents, URIs with a query or fragment, malformed escapes, no scheme', () => {
    for (const uri of ['untitled:Untitled-1', 'git:/repo/a.md?%7B%22ref%22%3A%22HEAD%22%7D', 'vscode-vfs://github/a/b.md#L3', 'memfs:/bad%E0%A4%A.md', 'no scheme here', ':/x']) {
      expect(pathOfUri(uri), uri).toBeUndefined();
    }
  });
});
