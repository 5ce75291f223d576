// The web host's paths (server/client-host.ts): one posix path per URI the editor reads, and back.

const SCHEME = /^[A-Za-z][\w+.-]*$/;

/**
 * The path of a URI in the web host: `/<scheme>:<authority>` then the URI's decoded path, so that
 * every URI the editor reads has one posix path (config lookup, globs and display work on paths)
 * and back. Untitled documents and URIs with a query or fragment are not files.
 */
export function pathOfUri(uri: string): string | undefined {
  const colon = uri.indexOf(':');
  const scheme = uri.slice(0, colon);
  if (!SCHEME.test(scheme) || scheme === 'untitled' || uri.includes('?') || uri.includes('#')) return undefined;
  let rest = uri.slice(colon + 1);
  let authority = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = rest.slice(2, slash === -1 ? undefined : slash);
    rest = slash === -1 ? '' : rest.slice(slash);
  }
  try {
    const path = decodeURIComponent(rest);
    return `/${scheme}:${authority}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
  } catch {
    return undefined; // a malformed escape: no file has this name
  }
}

/** Encoded as VS Code encodes a URI's path segment (everything but letters, digits and -._~). */
const encodeSegment = (segment: string): string => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** pathOfUri's inverse, spelt as VS Code spells a URI (`//` only with an authority, or for file:). */
export function uriOfPath(path: string): string {
  const slash = path.indexOf('/', 1);
  const head = path.slice(1, slash === -1 ? undefined : slash);
  const colon = head.indexOf(':');
  const [scheme, authority] = [head.slice(0, colon), head.slice(colon + 1)];
  const rest = slash === -1 ? '' : path.slice(slash);
  return `${scheme}:${authority || scheme === 'file' ? `//${authority}` : ''}${rest.split('/').map(encodeSegment).join('/')}`;
}
