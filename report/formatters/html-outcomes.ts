import { escapeHtml } from '../../protocol';
import type { BacklogReport } from '../model';
import { type OutcomeFigure, type OutcomeMap, outcomeHeadline, type ServingStory } from '../outcomes';
import { horizontalBarChart, type LinkOptions, placeLink, scoreBand } from './html-parts';
import { count, number } from './words';

/**
 * The report's "Are we working on our goals?" section: a bar chart of stories per declared outcome
 * (the untraced stories' bar striped, not only coloured) and a table with each outcome's metric and
 * serving stories. Static markup only, so it prints and works with the page's script blocked.
 */

/** Stories listed in the "No outcome" row; the stories table lists all of them. */
const UNSERVED_LISTED = 25;
/** Characters of an outcome's title in a chart label; the table has the whole title. */
const LABEL_LIMIT = 34;

export function outcomesSection(report: BacklogReport, options: LinkOptions): string {
  const map = report.outcomes;
  if (!map) return '';
  return `<section aria-labelledby="outcomes-title" id="outcomes">
<h2 id="outcomes-title">Are we working on our goals?</h2>
<p class="lead" data-outcomes-headline>Outcomes: ${escapeHtml(outcomeHeadline(map))}.</p>
<p class="muted">Stories name the outcome they serve with <code>**Serves:** KR-2.1</code>, <code>outcome:</code> in front matter or a link to the outcome's heading. The share is of the ${count(map.unserved.total, 'story', 'stories')} with sections.</p>
${chartSvg(map)}
${outcomesTable(map, options)}
${undeclaredList(map, options)}
</section>`;
}

function chartSvg(map: OutcomeMap): string {
  const bars = [
    ...map.outcomes.map((outcome) => ({ key: outcome.id, label: chartLabel(outcome), full: `${outcome.id} ${outcome.title}`, value: outcome.stories.length, none: false })),
    { key: 'none', label: 'No outcome', full: 'No outcome', value: map.unserved.stories.length, none: true },
  ];
  return horizontalBarChart({
    id: 'outcomes',
    className: 'chart outcomes',
    title: 'Stories per product outcome; the striped bar is stories with sections that serve none',
    description: bars.map((bar) => `${bar.full}: ${bar.value}`).join('; '),
    bars: bars.map((bar) => ({
      label: bar.label,
      value: bar.value,
      barClass: bar.none ? 'bar-none' : 'bar',
      wrap: (inner) =>
        `<g class="outcome-bar${bar.none ? ' no-outcome' : ''}" data-outcome="${escapeHtml(bar.key)}"><title>${escapeHtml(`${bar.full}: ${count(bar.value, 'story', 'stories')}`)}</title>${inner}</g>`,
    })),
    layout: { labelWidth: 260, rowHeight: 28, valueSpace: 70, textY: 18, barY: 5 },
  });
}

function outcomesTable(map: OutcomeMap, options: LinkOptions): string {
  const rows = map.outcomes.map((outcome) => outcomeRow(outcome, options));
  const unserved = map.unserved.stories;
  const listed = servingList(unserved.slice(0, UNSERVED_LISTED), options);
  const more = unserved.length > UNSERVED_LISTED ? `<p class="muted small">and ${number(unserved.length - UNSERVED_LISTED)} more: see the stories table.</p>` : '';
  rows.push(
    `<tr class="no-outcome" data-outcome="none"><th scope="row">No outcome</th><td colspan="2" class="muted">Stories with sections that serve no declared outcome</td><td class="num" data-count="stories">${number(unserved.length)}</td><td class="num">${map.unserved.averageScore ?? '—'}</td><td>${listed}${more}</td></tr>`,
  );
  return `<div class="scroll"><table class="data" id="outcomes-table"><caption>Product outcomes and the stories serving them, in the order declared</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col">Metric</th><th scope="col">Baseline → target</th><th scope="col">Stories</th><th scope="col">Mean score</th><th scope="col">Serving stories</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>`;
}

function outcomeRow(outcome: OutcomeFigure, options: LinkOptions): string {
  const range = outcome.baseline || outcome.target ? `${outcome.baseline ?? '?'} → ${outcome.target ?? '?'}` : '—';
  const serving = outcome.stories.length === 0 ? '<span class="muted">No story serves it.</span>' : servingList(outcome.stories, options);
  const heading = `<span class="id">${escapeHtml(outcome.id)}</span> ${escapeHtml(outcome.title)}<br><span class="small">${placeLink(outcome, options)}</span>`;
  return `<tr data-outcome="${escapeHtml(outcome.id)}"><th scope="row">${heading}</th><td>${escapeHtml(outcome.metric ?? '—')}</td><td>${escapeHtml(range)}</td><td class="num" data-count="stories">${number(outcome.stories.length)}</td><td class="num">${outcome.averageScore ?? '—'}</td><td>${serving}</td></tr>`;
}

function undeclaredList(map: OutcomeMap, options: LinkOptions): string {
  if (map.undeclared.length === 0) return '';
  const items = map.undeclared.map((entry) => `<li data-undeclared="${escapeHtml(entry.id)}"><code>${escapeHtml(entry.id)}</code>: ${servingList(entry.stories, options)}</li>`);
  return `<h3>Outcomes named but not declared</h3>
<p>These stories name an outcome id that no outcomes file declares: declare it, or correct the id.</p>
<ul class="undeclared">${items.join('')}</ul>`;
}

function servingList(stories: readonly ServingStory[], options: LinkOptions): string {
  if (stories.length === 0) return '<span class="muted">None.</span>';
  const items = stories.map(
    (story) => `<li>${placeLink(story, options, story.id ?? `${story.file}:${story.line}`)} ${escapeHtml(story.title)} <span class="score-${scoreBand(story.score)}">${story.score}</span></li>`,
  );
  return `<ul class="serving">${items.join('')}</ul>`;
}

function chartLabel(outcome: OutcomeFigure): string {
  const label = `${outcome.id} ${outcome.title}`.trim();
  return label.length > LABEL_LIMIT ? `${label.slice(0, LABEL_LIMIT - 1)}…` : label;
}

/** The section's styles: the untraced bar striped like warnings, and print rules so a PM can hand it out. */
export const OUTCOMES_STYLE = `
#outcomes .bar-none{fill:url(#pattern-warning);stroke:var(--warning);stroke-width:1}
#outcomes tr.no-outcome th{color:var(--warning)}
#outcomes ul.serving,#outcomes ul.undeclared{margin:0;padding-left:1.1rem}#outcomes td .id,#outcomes th .id{font-weight:700;white-space:nowrap}
@media print{#outcomes{break-before:page}#outcomes tr,#outcomes svg{break-inside:avoid}#outcomes a{color:inherit;text-decoration:none}}
`;
