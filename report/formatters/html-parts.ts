import { escapeHtml } from '../../protocol';
import type { Place } from '../outcomes';

/** Pieces the sections of the HTML report share. */

export interface LinkOptions {
  /** In the editor's webview the page's script opens `data-file` links in the editor instead. */
  webview?: boolean;
  cwd?: string;
}

/** A link to a story or an outcome: a file: URL on the standalone page, with the place for the webview. */
export function placeLink(place: Place, options: LinkOptions, text = `${place.file}:${place.line}`): string {
  const href = options.webview ? '#' : fileUrl(place.filePath, options.cwd);
  return `<a href="${escapeHtml(href)}" data-file="${escapeHtml(place.filePath)}" data-line="${place.line}">${escapeHtml(text)}</a>`;
}

/** A file: URL for the standalone page; relative paths are resolved against `cwd`. */
function fileUrl(filePath: string, cwd: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(filePath) && !/^[a-z]:[\\/]/i.test(filePath)) return filePath;
  const isAbsolute = filePath.startsWith('/') || /^[a-z]:[\\/]/i.test(filePath) || filePath.startsWith('\\\\');
  const absolute = (isAbsolute || !cwd ? filePath : `${cwd.replace(/[\\/]+$/, '')}/${filePath}`).replace(/\\/g, '/');
  const encoded = encodeURI(absolute).replace(/#/g, '%23').replace(/\?/g, '%3F');
  return absolute.startsWith('/') ? `file://${encoded}` : `file:///${encoded}`;
}

/** The colour class of a score. */
export const scoreBand = (score: number): 'low' | 'mid' | 'high' => (score < 50 ? 'low' : score < 80 ? 'mid' : 'high');
