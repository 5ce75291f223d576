import { escapeHtml } from '../../protocol';
import type { Place } from '../outcomes';

/** Pieces the sections of the HTML report share. */

export interface LinkOptions {
  /** In the editor's webview the page's script opens `data-file` links in the editor instead. */
  webview?: boolean;
  /** What `data-file` holds for a path (the path itself by default). */
  fileAddress?: (filePath: string) => string;
  cwd?: string;
}

/** A link to a story or an outcome: a file: URL on the standalone page, with the place for the webview. */
export function placeLink(place: Place, options: LinkOptions, text = `${place.file}:${place.line}`): string {
  const href = options.webview ? '#' : fileUrl(place.filePath, options.cwd);
  return `<a href="${escapeHtml(href)}" data-file="${escapeHtml(options.fileAddress?.(place.filePath) ?? place.filePath)}" data-line="${place.line}">${escapeHtml(text)}</a>`;
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

/** One bar of a horizontal bar chart. */
export interface Bar {
  label: string;
  value: number;
  /** Wraps the bar's label, rectangle and value (a `<g>` with a tooltip, say); as they are by default. */
  wrap?: (inner: string) => string;
  barClass?: string;
}

/** How a horizontal bar chart lays out its rows; `minBar` keeps a bar visible for a zero value. */
export interface BarLayout {
  labelWidth: number;
  rowHeight: number;
  /** Room right of the longest bar for its value. */
  valueSpace: number;
  /** Baseline of the texts and top of the bar, from the top of the row. */
  textY: number;
  barY: number;
  minBar?: number;
}

const CHART_WIDTH = 620;

/** An accessible inline-SVG horizontal bar chart: labels left, bars, values right; `title` and `description` for screen readers. */
export function horizontalBarChart(chart: { id: string; className: string; title: string; description: string; bars: readonly Bar[]; layout: BarLayout }): string {
  const { labelWidth, rowHeight, valueSpace, textY, barY, minBar = 0 } = chart.layout;
  const max = Math.max(1, ...chart.bars.map((bar) => bar.value));
  const rows = chart.bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const barWidth = Math.max(minBar, Math.round((bar.value / max) * (CHART_WIDTH - labelWidth - valueSpace)));
      const inner = `<text x="${labelWidth - 8}" y="${y + textY}" text-anchor="end">${escapeHtml(bar.label)}</text><rect class="${bar.barClass ?? 'bar'}" x="${labelWidth}" y="${y + barY}" width="${barWidth}" height="18"/><text x="${labelWidth + barWidth + 6}" y="${y + textY}">${bar.value}</text>`;
      return bar.wrap ? bar.wrap(inner) : inner;
    })
    .join('');
  const ids = `${chart.id}-svg-title ${chart.id}-svg-desc`;
  return `<svg class="${chart.className}" viewBox="0 0 ${CHART_WIDTH} ${chart.bars.length * rowHeight + 4}" role="img" aria-labelledby="${ids}"><title id="${chart.id}-svg-title">${chart.title}</title><desc id="${chart.id}-svg-desc">${escapeHtml(chart.description)}</desc>${rows}</svg>`;
}
