#!/usr/bin/env node
// Seeded synthetic backlog generator for the storylint benchmarks.
//
//   node bench/generate.mjs [--seed S] [--force] [--out DIR]
//
// Writes four corpora into bench/corpus/ (git-ignored):
//   small/   10 files, same mix as medium
//   medium/  1,000 files, ~15,000 stories, ~8-9 MB
//   large/   one file of ~5 MB (an exported backlog)
//   huge/    one file of ~10 MB (the default --max-file-size), a third of its epics roll one story
//            out store by store: for scaling
//   edit/    one ~200 KB file with many stories (language-server edit latency)
// plus bench/corpus/manifest.json. The manifest carries a hash of this file's source, the seed and
// the phrase corpus, so the corpus is regenerated only when one of them changes.
//
// Everything is driven by one deterministic PRNG (mulberry32) per corpus: the same seed and the same
// generator source give byte-identical files on every machine.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEED = 'storylint-bench-1';
export const DEFAULT_OUT = join(HERE, 'corpus');
// Real stories (Dalpiaz 2018, CC BY 4.0), sampled for phrasing; optional.
const PHRASE_DIR_CANDIDATES = [
  process.env.STORYLINT_BENCH_PHRASES,
  resolve(HERE, '../../shared/corpus/dalpiaz2018'),
  '/work/shared/corpus/dalpiaz2018',
].filter(Boolean);

const TARGETS = {
  small: { files: 10 },
  medium: { files: 1000 },
  largeBytes: 5_000_000,
  hugeBytes: 10_000_000,
  // Share of the 10 MB file's epics that roll one feature (the same story) out store by store (see Backlog#rollout).
  hugeRolloutShare: 0.3,
  editBytes: 200 * 1024,
};

// ---------------------------------------------------------------------------------------------
// PRNG

function hash32(str) {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(hash32(String(seed)));
  }
  float() {
    return this.next();
  }
  int(min, max) {
    // inclusive
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  weighted(pairs) {
    // pairs: [[value, weight], ...]
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  sample(arr, n) {
    const copy = arr.slice();
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabularies

const a = (word) => (/^[aeiou]/i.test(word) && !/^(user|uni|eu)/i.test(word) ? `an ${word}` : `a ${word}`);
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// means: [title, phrase]. The phrase follows "I want to".
const DOMAINS = [
  {
    key: 'PAY',
    name: 'Payments',
    roles: ['finance clerk', 'support agent', 'store owner', 'returning customer', 'accounts payable lead', 'shopper'],
    means: [
      ['Refund by card', 'refund a returned order to the original card'],
      ['Partial refunds', 'issue a partial refund for a single line item'],
      ['Save card for later', 'save my card securely during checkout'],
      ['Split payment', 'split a payment between a gift card and a credit card'],
      ['Export payouts', 'export last month\'s payouts as a CSV file'],
      ['Retry failed charge', 'retry a failed subscription charge automatically'],
      ['Invoice download', 'download a VAT invoice for each order'],
      ['Apple Pay at checkout', 'pay with Apple Pay on mobile'],
      ['Chargeback alerts', 'get notified when a chargeback is opened'],
      ['Refund reason codes', 'record a reason code with every refund'],
      ['Currency display', 'see prices in my local currency before I pay'],
      ['Payout schedule', 'choose a weekly payout schedule'],
    ],
    ends: [
      'customers get their money back without calling us',
      'I can close the month without manual reconciliation',
      'I do not have to re-enter my card details every time',
      'disputes are handled before the deadline',
      'our accountant can file the quarterly return',
      'fewer orders are abandoned at the payment step',
      'I know exactly what I will be charged',
    ],
    metrics: [
      ['refund handling time', '3 days', '1 day'],
      ['checkout abandonment at the payment step', '18%', '12%'],
      ['refund-related support tickets per week', '140', '60'],
      ['failed subscription renewals', '6.5%', '3%'],
      ['time to reconcile month-end payouts', '2 days', '2 hours'],
    ],
    situations: ['a customer returns an item', 'a card payment is declined', 'I close the books at month end', 'a chargeback arrives'],
  },
  {
    key: 'ONB',
    name: 'Onboarding',
    roles: ['new customer', 'trial user', 'workspace admin', 'invited teammate', 'customer success manager', 'sales rep'],
    means: [
      ['Resume setup later', 'resume the setup wizard where I left off'],
      ['Import contacts', 'import my contacts from a spreadsheet'],
      ['Invite teammates', 'invite my teammates by email during sign-up'],
      ['Sample project', 'start from a sample project instead of an empty workspace'],
      ['Skip tour', 'skip the product tour'],
      ['SSO sign-up', 'sign up with my company Google account'],
      ['Setup checklist', 'see a checklist of the remaining setup steps'],
      ['Trial extension', 'request a trial extension from inside the app'],
      ['Welcome email', 'receive a welcome email with the three most useful links'],
      ['Pick a template', 'pick a template that matches my industry'],
      ['Connect calendar', 'connect my calendar during onboarding'],
    ],
    ends: [
      'I can finish onboarding without losing my progress',
      'my team can start collaborating on day one',
      'I see value before the trial ends',
      'I do not have to remember another password',
      'I know what to do next',
      'activation goes up in the first week',
    ],
    metrics: [
      ['trial-to-paid conversion', '9%', '12%'],
      ['share of sign-ups that finish setup', '41%', '60%'],
      ['median time to first project', '3 days', '1 day'],
      ['week-1 retention of new workspaces', '35%', '45%'],
    ],
    situations: ['I am interrupted during setup', 'I join a workspace someone else created', 'my trial is about to expire', 'I sign up from my phone'],
  },
  {
    key: 'SRCH',
    name: 'Search',
    roles: ['shopper', 'catalogue manager', 'mobile shopper', 'merchandiser', 'data analyst', 'support agent'],
    means: [
      ['Typo tolerance', 'find products even when I misspell the name'],
      ['Filter by size', 'filter search results by size and colour'],
      ['Recent searches', 'see my recent searches when I tap the search box'],
      ['Synonyms', 'define synonyms for common search terms'],
      ['Zero-result report', 'see which searches returned no results last week'],
      ['Sort by price', 'sort results by price'],
      ['Search suggestions', 'get suggestions while I type'],
      ['Pin products', 'pin a product to the top of a search result'],
      ['Search in orders', 'search a customer\'s orders by email or order number'],
      ['Saved searches', 'save a search and get alerts for new matches'],
    ],
    ends: [
      'I find what I am looking for quickly',
      'we stop losing sales to empty result pages',
      'I can answer customer questions during the call',
      'seasonal products are easy to discover',
      'I do not have to scroll through hundreds of items',
    ],
    metrics: [
      ['share of searches with zero results', '14%', '5%'],
      ['search-to-cart rate', '7%', '10%'],
      ['median time to find an order in support calls', '90 seconds', '20 seconds'],
      ['search exits', '32%', '20%'],
    ],
    situations: ['I only remember part of a product name', 'a customer calls about an order', 'a campaign launches', 'I browse on a slow connection'],
  },
  {
    key: 'INV',
    name: 'Inventory',
    roles: ['warehouse manager', 'picker', 'purchasing lead', 'store manager', 'operations analyst'],
    means: [
      ['Low stock alert', 'get an alert when stock falls below the reorder point'],
      ['Cycle count', 'record a cycle count from a handheld scanner'],
      ['Transfer stock', 'transfer stock between two warehouses'],
      ['Batch expiry', 'track expiry dates per batch'],
      ['Reserve stock', 'reserve stock for a confirmed B2B order'],
      ['Supplier lead times', 'store lead times per supplier'],
      ['Stock history', 'see the stock movement history of an item'],
      ['Bin locations', 'assign items to bin locations'],
      ['Reorder suggestions', 'get reorder suggestions based on last quarter\'s sales'],
    ],
    ends: [
      'we never run out of best sellers',
      'pickers walk less during a shift',
      'expired goods are not shipped',
      'I can explain stock differences to finance',
      'purchase orders go out on time',
    ],
    metrics: [
      ['stock-outs of top-100 items per month', '23', '5'],
      ['picking time per order', '6 minutes', '4 minutes'],
      ['written-off expired stock', '€12k per quarter', '€3k per quarter'],
      ['inventory accuracy', '92%', '99%'],
    ],
    situations: ['a delivery arrives short', 'stock drops during a promotion', 'I count a shelf at the end of the shift'],
  },
  {
    key: 'HR',
    name: 'People',
    roles: ['employee', 'line manager', 'HR partner', 'payroll specialist', 'recruiter', 'new hire'],
    means: [
      ['Request leave', 'request annual leave from my phone'],
      ['Approve leave', 'approve leave requests in bulk'],
      ['Expense receipts', 'attach a photo of a receipt to an expense claim'],
      ['Interview feedback', 'submit interview feedback within the hiring tool'],
      ['Org chart', 'see the org chart of my department'],
      ['Payslip archive', 'download my payslips from previous years'],
      ['Onboarding tasks', 'assign onboarding tasks to a new hire\'s buddy'],
      ['Overtime report', 'see overtime per team for the last month'],
      ['Update bank details', 'update my bank details'],
    ],
    ends: [
      'I do not have to email HR',
      'payroll is correct the first time',
      'candidates get an answer within a week',
      'new hires are productive sooner',
      'I can plan the team\'s holidays',
    ],
    metrics: [
      ['payroll corrections per month', '37', '10'],
      ['time from interview to decision', '12 days', '5 days'],
      ['expense claims returned for missing receipts', '22%', '5%'],
      ['HR inbox volume', '400 emails a week', '150 emails a week'],
    ],
    situations: ['I am travelling for work', 'a team member resigns', 'payroll closes in two days'],
  },
  {
    key: 'NOTI',
    name: 'Notifications',
    roles: ['account owner', 'mobile user', 'ops engineer', 'on-call engineer', 'marketing manager', 'subscriber'],
    means: [
      ['Quiet hours', 'set quiet hours for push notifications'],
      ['Digest email', 'receive a daily digest instead of single emails'],
      ['Unsubscribe link', 'unsubscribe from one category with one click'],
      ['Escalation policy', 'escalate an unacknowledged alert to the next on-call'],
      ['Template preview', 'preview a notification template before sending'],
      ['Delivery log', 'see whether a notification was delivered'],
      ['Slack alerts', 'receive alerts in a Slack channel'],
      ['Snooze alert', 'snooze an alert for one hour'],
    ],
    ends: [
      'I am not woken up at night by low-priority messages',
      'incidents are acknowledged within five minutes',
      'fewer people mark our emails as spam',
      'I can prove to a customer that we notified them',
      'I keep my inbox under control',
    ],
    metrics: [
      ['spam complaint rate', '0.4%', '0.1%'],
      ['median time to acknowledge a P1 alert', '11 minutes', '4 minutes'],
      ['notification opt-outs per week', '1,200', '500'],
    ],
    situations: ['an alert fires at night', 'I am in a meeting', 'a campaign goes out to all subscribers'],
  },
  {
    key: 'RPT',
    name: 'Reporting',
    roles: ['sales director', 'data analyst', 'finance controller', 'team lead', 'executive', 'account manager'],
    means: [
      ['Scheduled report', 'schedule a weekly revenue report by email'],
      ['Drill-down', 'drill down from a region into single stores'],
      ['Export to Excel', 'export any table to Excel'],
      ['Custom date range', 'pick a custom date range on every dashboard'],
      ['Share dashboard', 'share a dashboard with a read-only link'],
      ['Forecast view', 'compare actuals with the forecast'],
      ['Churn cohort', 'see churn by signup cohort'],
      ['Annotations', 'annotate a chart with a note about an incident'],
    ],
    ends: [
      'I can prepare the board meeting in one hour',
      'I spot underperforming stores early',
      'I stop copying numbers into spreadsheets by hand',
      'everyone looks at the same numbers',
      'I can explain a dip to my manager',
    ],
    metrics: [
      ['time to prepare the monthly board pack', '2 days', '2 hours'],
      ['ad-hoc data requests to the analytics team', '60 a month', '20 a month'],
      ['weekly active dashboard viewers', '120', '300'],
    ],
    situations: ['numbers drop unexpectedly', 'the quarter closes', 'I prepare a customer review'],
  },
  {
    key: 'ACC',
    name: 'Accounts',
    roles: ['customer', 'account admin', 'security officer', 'support agent', 'mobile user', 'visitor'],
    means: [
      ['Two-factor login', 'turn on two-factor authentication'],
      ['Reset password', 'reset my password from the login page'],
      ['Delete account', 'delete my account and all my data'],
      ['Session list', 'see and end my active sessions'],
      ['Change email', 'change the email address of my account'],
      ['Audit log', 'see an audit log of admin actions'],
      ['Role permissions', 'give a colleague read-only access'],
      ['Export my data', 'export all my personal data'],
      ['Login with passkey', 'log in with a passkey'],
    ],
    ends: [
      'my account is safe even if my password leaks',
      'I can get back into my account without contacting support',
      'we comply with GDPR requests within 30 days',
      'I know who changed what',
      'contractors only see what they need',
    ],
    metrics: [
      ['password-reset tickets per week', '310', '80'],
      ['accounts with two-factor enabled', '8%', '40%'],
      ['GDPR requests handled manually', '100%', '10%'],
    ],
    situations: ['I lose my phone', 'an employee leaves the company', 'I log in from a new device'],
  },
];

const QUALIFIERS = ['', '', '', '', ' from the dashboard', ' in bulk', ' without leaving the current page', ' on mobile', ' from the admin console', ' with a single click', ' before the end of the day', ' for a selected date range'];
const UI_PHRASES = [
  'click a "{t}" button on the detail page',
  'select the option from a dropdown in the header',
  'open a modal with a {t} form',
  'use a toggle in the settings screen',
  'see a red banner at the top of the page',
  'tap a floating action button',
  'choose from a dropdown next to the save button',
];
const VAGUE_OUTCOMES = [
  'Better experience for our customers.',
  'Improve performance.',
  'Users are happier and more engaged.',
  'Make the process faster and more intuitive.',
  'Increase engagement.',
  'Reduce friction.',
  'A smoother and more modern flow.',
  'Customers will love it.',
  'Improve conversion.',
];
const VAGUE_AC = [
  'It works as expected',
  'The page is fast',
  'The UI is intuitive and user-friendly',
  'Errors are handled properly',
  'It looks good on mobile',
  'Performance is acceptable',
  'Data is correct',
  'Behaves the same as the old version',
  'Everything is tested',
];
const PRODUCT_NAMES = ['Atlas', 'Beacon', 'Compass', 'Harbor', 'Lumen', 'Orbit', 'Quarry', 'Summit'];
const PEOPLE = ['@maria', '@tom.k', '@jsmith', '@lea', '@ahmed', '@priya', '@ops-team', '@po-anna'];
const STATUSES = ['draft', 'ready', 'in progress', 'refinement', 'done', 'blocked'];
const SPRINT_WORDS = ['Sprint', 'Iteration', 'PI'];
const GENERIC_ROLES = ['user', 'User', 'customer'];
const SOURCE_WORDS = ['interviews', 'customer calls', 'usability sessions', 'sales calls'];
const TICKET_WORDS = ['support tickets', 'Zendesk tickets', 'help-desk tickets', 'complaints'];

// ---------------------------------------------------------------------------------------------
// Real-story phrasing (optional)

function loadPhrases() {
  for (const dir of PHRASE_DIR_CANDIDATES) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    const lines = [];
    const h = createHash('sha256');
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      h.update(f).update('\0').update(text);
      for (const line of text.split(/\r?\n/)) {
        const s = line.replace(/^#G\d+#\s*/, '').trim();
        if (s.length > 20 && s.length < 400) lines.push(s);
      }
    }
    if (lines.length) return { dir, lines, hash: h.digest('hex') };
  }
  return { dir: null, lines: [], hash: 'none' };
}

function titleFromStatement(s) {
  const m = /I (?:want|would like|need)(?: to)?\s+(.+?)(?:,|\.| so that|$)/i.exec(s);
  const words = (m ? m[1] : s).replace(/[^\w\s'-]/g, '').split(/\s+/).filter(Boolean).slice(0, 6);
  while (words.length > 2 && /^(a|an|the|to|of|for|and|or|in|on|with|by|from|that|my|our|be|is)$/i.test(words[words.length - 1])) words.pop();
  return cap(words.join(' ') || 'Untitled story');
}

// ---------------------------------------------------------------------------------------------
// Story generator

class Backlog {
  constructor(rng, phrases) {
    this.rng = rng;
    this.phrases = phrases;
    this.counters = new Map();
    this.stories = 0;
    this.bags = new Map();
  }

  // Draw a capability without replacement within a file, so titles rarely repeat inside one file.
  drawMeans(domain) {
    let bag = this.bags.get(domain.key);
    if (!bag || !bag.length) {
      bag = this.rng.sample(domain.means, domain.means.length);
      this.bags.set(domain.key, bag);
    }
    return bag.pop();
  }

  nextId(key) {
    const n = (this.counters.get(key) ?? this.rng.int(10, 400)) + this.rng.int(1, 4);
    this.counters.set(key, n);
    return `${key}-${n}`;
  }

  // Style of one file: teams are consistent within a file, not across files.
  fileStyle() {
    const r = this.rng;
    this.bags.clear();
    return {
      sections: r.weighted([['subheading', 5], ['bold', 4], ['boldblock', 2]]),
      statement: r.weighted([['oneline', 7], ['multiline', 2], ['bolded', 1]]),
      ac: r.weighted([['checklist', 4], ['bullets', 2], ['gwt-bullets', 2], ['gwt-lines', 1], ['gherkin', 1]]),
      idInHeading: r.chance(0.85),
      separators: r.chance(0.25),
      meta: r.chance(0.4),
      outcomeName: r.pick(['Outcome', 'Outcome', 'Desired outcome', 'Success metric', 'Goal']),
      problemName: r.pick(['Problem', 'Problem', 'Evidence', 'Problem & evidence', 'Why']),
      acName: r.pick(['Acceptance criteria', 'Acceptance criteria', 'Acceptance Criteria', 'AC', 'Acceptance tests']),
      jobStories: r.chance(0.12),
    };
  }

  statementParts(domain) {
    const r = this.rng;
    const [title, means] = this.drawMeans(domain);
    const qualifier = r.pick(QUALIFIERS);
    let role = r.pick(domain.roles);
    let want = means + qualifier;
    let ends = r.pick(domain.ends);
    let t = qualifier && r.chance(0.4) ? title + qualifier : title;
    if (r.chance(0.1)) role = r.pick(GENERIC_ROLES);
    if (r.chance(0.08)) {
      // two capabilities joined by "and"
      const [t2, m2] = r.pick(domain.means);
      if (m2 !== means) {
        want = `${means} and ${m2}`;
        t = `${title} and ${t2.toLowerCase()}`;
      }
    }
    if (r.chance(0.08)) want = r.pick(UI_PHRASES).replace('{t}', title.toLowerCase()) + ' to ' + means;
    if (r.chance(0.15)) ends = null; // missing so-that
    return { title: t, role, want, ends };
  }

  statement(domain, style) {
    const r = this.rng;
    // ~10% of statements come from real backlogs (Dalpiaz 2018), verbatim.
    if (this.phrases.lines.length && r.chance(0.1)) {
      const s = r.pick(this.phrases.lines);
      return { title: titleFromStatement(s), text: s };
    }
    const p = this.statementParts(domain);
    const As = r.chance(0.05) ? 'As' : 'As';
    const role = a(p.role);
    let text;
    if (style.statement === 'multiline') {
      text = `${As} ${role}\nI want to ${p.want}${p.ends ? `\nSo that ${p.ends}` : ''}`;
    } else if (style.statement === 'bolded') {
      text = `**${As}** ${role} **I want to** ${p.want}${p.ends ? ` **so that** ${p.ends}` : ''}.`;
    } else {
      const comma = r.chance(0.8) ? ',' : '';
      text = `${As} ${role}${comma} I want to ${p.want}${p.ends ? `${comma} so that ${p.ends}` : ''}.`;
    }
    return { title: p.title, text };
  }

  jobStatement(domain) {
    const r = this.rng;
    const [title, means] = this.drawMeans(domain);
    const ends = r.pick(domain.ends);
    const text = r.chance(0.85)
      ? `When ${r.pick(domain.situations)}, I want to ${means}, so I can be sure ${ends}.`
      : `When ${r.pick(domain.situations)}, I want to ${means}.`;
    return { title, text };
  }

  outcome(domain) {
    const r = this.rng;
    const [metric, from, to] = r.pick(domain.metrics);
    const by = r.pick(['by the end of Q' + r.int(1, 4), `within ${r.int(2, 12)} weeks of release`, 'by the next release', `within ${r.int(1, 6)} months`]);
    return r.weighted([
      [`Reduce ${metric} from ${from} to ${to} ${by}.`, 3],
      [`${cap(metric)} goes from ${from} to ${to} ${by}, measured in ${r.pick(['Amplitude', 'Looker', 'the weekly ops report', 'Mixpanel', 'Grafana'])}.`, 2],
      [`Move ${metric} from ${from} to ${to}.`, 1],
      [r.pick(VAGUE_OUTCOMES), 3],
      [`${cap(metric)} improves.`, 1],
      [`Improve ${metric} significantly.`, 1],
    ]);
  }

  problem(domain) {
    const r = this.rng;
    const [metric] = r.pick(domain.metrics);
    const n = r.int(4, 25);
    const k = r.int(2, n);
    return r.weighted([
      [`In ${n} ${r.pick(SOURCE_WORDS)} last quarter, ${k} ${r.pick(domain.roles)}s told us this is their biggest pain point.`, 3],
      [`${r.int(20, 900)} ${r.pick(TICKET_WORDS)} in the last ${r.int(2, 12)} weeks mention ${metric}.`, 3],
      [`We believe ${r.pick(domain.roles)}s want this.`, 2],
      [`We believe this will improve ${metric}; not validated yet.`, 1],
      [`Requested by ${r.pick(['the CEO', 'a big customer', 'sales', 'the Berlin office'])}.`, 1],
      [`Funnel data shows a ${r.int(5, 40)}% drop at this step (${r.pick(['Amplitude', 'GA4', 'Mixpanel'])}, last 30 days). ${r.int(3, 12)} of ${r.int(12, 20)} users in usability tests failed the task.`, 1],
    ]);
  }

  acceptance(domain, style, title) {
    const r = this.rng;
    const items = [];
    const n = r.int(2, 6);
    const vague = r.chance(0.15);
    const incomplete = r.chance(0.1);
    const thing = QUALIFIERS.reduce((t, q) => (q && t.endsWith(q) ? t.slice(0, -q.length) : t), title).toLowerCase();
    for (let i = 0; i < n; i++) {
      if (vague && i === n - 1) {
        items.push({ plain: r.pick(VAGUE_AC) });
        continue;
      }
      const given = r.pick([`I am logged in as ${a(r.pick(domain.roles))}`, 'the feature flag is on', `there are ${r.int(2, 50)} open items`, `I am on the ${thing} page`, 'my session has expired', 'the API returns an error']);
      const when = r.pick([`I ${r.pick(domain.means)[1]}`, 'I press Enter', 'I submit the form', 'the nightly job runs', `I open ${thing}`, 'I reload the page']);
      const then = r.pick([
        `I see a confirmation within ${r.int(1, 5)} seconds`,
        'the change is saved and visible in the audit log',
        `an email is sent to ${a(r.pick(domain.roles))}`,
        'the list shows the new entry at the top',
        `an error message explains what to fix`,
        `the record status is "${r.pick(['pending', 'approved', 'failed', 'done'])}"`,
      ]);
      items.push({ given, when, then: incomplete && i === 0 ? null : then, plain: r.chance(0.5) ? `When ${when}, ${then}` : `${cap(then)} if ${given}` });
    }
    const lines = [];
    switch (style.ac) {
      case 'checklist':
        for (const it of items) lines.push(`- [${r.chance(0.2) ? 'x' : ' '}] ${it.plain}`);
        break;
      case 'bullets':
        for (const it of items) lines.push(`- ${it.plain}`);
        break;
      case 'gwt-bullets':
        for (const it of items) {
          if (!it.given) lines.push(`- ${it.plain}`);
          else lines.push(`- **Given** ${it.given}, **when** ${it.when}${it.then ? `, **then** ${it.then}` : ''}`);
        }
        break;
      case 'gwt-lines':
        items.forEach((it, i) => {
          if (i) lines.push('');
          if (!it.given) lines.push(it.plain + '.');
          else lines.push(`Given ${it.given}  \nWhen ${it.when}${it.then ? `  \nThen ${it.then}` : ''}`);
        });
        break;
      case 'gherkin': {
        lines.push('```gherkin');
        lines.push(`Feature: ${title}`);
        items.forEach((it) => {
          lines.push('');
          lines.push(`  Scenario: ${cap(it.given ? it.when.replace(/^I /, '') : it.plain)}`);
          if (!it.given) lines.push(`    Then ${it.plain}`);
          else {
            lines.push(`    Given ${it.given}`);
            lines.push(`    When ${it.when}`);
            if (it.then) lines.push(`    Then ${it.then}`);
          }
        });
        lines.push('```');
        break;
      }
    }
    return lines.join('\n');
  }

  section(style, name, body, level) {
    if (style.sections === 'subheading') return `${'#'.repeat(Math.min(level + 1, 6))} ${name}\n\n${body}`;
    if (style.sections === 'bold' && !/\n|^[-`]/.test(body)) return `**${name}:** ${body}`;
    return `**${name}**\n\n${body}`;
  }

  extras(domain, title) {
    const r = this.rng;
    const out = [];
    if (r.chance(0.1)) out.push(`<!-- ${r.pick(['TODO: split this story?', 'estimate: ' + r.pick([1, 2, 3, 5, 8, 13]), 'ask legal before refinement', 'copied from Jira, check links', `owner: ${r.pick(PEOPLE)}`])} -->`);
    if (r.chance(0.08)) {
      const id = r.int(1000, 99999);
      out.push(
        r.chance(0.5)
          ? `Example payload:\n\n\`\`\`json\n{\n  "id": "${domain.key.toLowerCase()}_${id}",\n  "status": "${r.pick(['pending', 'done', 'failed'])}",\n  "amount": ${r.int(1, 999)}.${r.int(10, 99)},\n  "createdAt": "2024-0${r.int(1, 9)}-1${r.int(0, 9)}T10:${r.int(10, 59)}:00Z"\n}\n\`\`\``
          : `\`\`\`http\nPOST /api/v2/${domain.name.toLowerCase()}/${id}/actions HTTP/1.1\nContent-Type: application/json\n\n{"action": "${title.toLowerCase().replace(/\s+/g, '_')}"}\n\`\`\``,
      );
    }
    if (r.chance(0.15)) {
      out.push(
        r.pick([
          `**Notes:** Design in [Figma](https://figma.com/file/${r.int(1e5, 9e5)}/${domain.name}). Check with ${r.pick(PEOPLE)}.`,
          `**Out of scope:** ${r.pick(domain.means)[1]}.`,
          `**Dependencies:** ${domain.key}-${r.int(10, 900)}, ${r.pick(['the new billing API', 'the design system update', 'legal sign-off', 'the data migration'])}.`,
          `> ${r.pick(['Quote from interview #', 'Customer verbatim #'])}${r.int(1, 30)}: "${r.pick(['I never know where to click', 'this takes forever', 'we do this in Excel today', 'I gave up and called support'])}."`,
        ]),
      );
    }
    return out;
  }

  context(domain) {
    const r = this.rng;
    const role = r.pick(domain.roles);
    const sentences = [
      `Today ${role}s do this by hand in a spreadsheet.`,
      `The current flow was built in ${r.int(2016, 2022)} and has not changed since.`,
      `Support escalates these cases to the ${domain.name.toLowerCase()} team about ${r.int(3, 60)} times a week.`,
      `See the discovery notes in Confluence (${domain.key}-DISC-${r.int(1, 40)}).`,
      `${r.pick(PRODUCT_NAMES)} already has a similar feature; reuse the component if possible.`,
      `Competitors ${r.pick(['A and B', 'like Shopify', 'like Stripe', 'in the DACH market'])} offer this out of the box.`,
      `This came up in the last ${r.pick(['QBR', 'customer advisory board', 'all-hands', 'sprint review'])}.`,
      `Keep the existing API backwards compatible; mobile apps older than ${r.int(3, 7)}.${r.int(0, 9)} still call it.`,
      `Only ${r.int(5, 60)}% of ${role}s know that the current workaround exists.`,
    ];
    return r.sample(sentences, r.int(1, 3)).join(' ');
  }

  // A full story block: heading + statement + sections.
  story(domain, style, level, { idInFrontMatter = false } = {}) {
    const r = this.rng;
    const isJob = style.jobStories && r.chance(0.6);
    const st = isJob ? this.jobStatement(domain) : this.statement(domain, style);
    const id = this.nextId(domain.key);
    this.last = { id, title: st.title };
    const heading = idInFrontMatter ? st.title : style.idInHeading ? `${id} ${st.title}` : r.chance(0.5) ? `${st.title} (${id})` : st.title;
    const parts = [`${'#'.repeat(level)} ${heading}`];
    if (style.meta && r.chance(0.7)) {
      parts.push(r.pick([
        `**Status:** ${r.pick(STATUSES)} · **Estimate:** ${r.pick([1, 2, 3, 5, 8])} pts · **Owner:** ${r.pick(PEOPLE)}`,
        `Labels: \`${domain.name.toLowerCase()}\`, \`${r.pick(['q1', 'q2', 'q3', 'q4', 'tech-debt', 'quick-win'])}\``,
        `_${r.pick(STATUSES)}_ — ${r.pick(SPRINT_WORDS)} ${r.int(1, 40)}`,
      ]));
    }
    if (style.sections !== 'subheading' && r.chance(0.3)) parts.push(this.section({ ...style, sections: 'bold' }, 'Story', st.text, level));
    else parts.push(st.text);
    if (r.chance(0.35)) parts.push(this.context(domain));
    const detail = r.weighted([['full', 6], ['partial', 3], ['bare', 1]]);
    if (detail !== 'bare') {
      const hasProblem = detail === 'full' || r.chance(0.4);
      const hasOutcome = detail === 'full' ? r.chance(0.9) : r.chance(0.5);
      const order = r.chance(0.7) ? ['problem', 'outcome'] : ['outcome', 'problem'];
      for (const o of order) {
        if (o === 'problem' && hasProblem) parts.push(this.section(style, style.problemName, this.problem(domain), level));
        if (o === 'outcome' && hasOutcome) parts.push(this.section(style, style.outcomeName, this.outcome(domain), level));
      }
      if (detail === 'full' || r.chance(0.5)) parts.push(this.section(style, style.acName, this.acceptance(domain, style, st.title), level));
    }
    parts.push(...this.extras(domain, st.title));
    this.stories++;
    return parts.join('\n\n');
  }

  /**
   * One story per store, written from the domain's first template with only the store number
   * changed: tracker exports of a roll-out look like this, and every such story shares all its
   * other words with the rest of the roll-out.
   */
  rollout(domain, level, count) {
    const [title, phrase] = domain.means[0];
    const stories = [];
    for (let i = 0; i < count; i++) {
      const store = this.rng.int(100, 99999);
      stories.push(
        `${'#'.repeat(level)} ${this.nextId(domain.key)} ${title} for store ${store}\n\nAs ${a(domain.roles[0])}, I want “${title}” rolled out to store ${store}.\n\n**Acceptance criteria**\n\n- [ ] Given store ${store} is live, when I ${phrase}, then the result shows store ${store} only.`,
      );
      this.stories++;
    }
    return stories.join('\n\n');
  }

  oneLiner(domain) {
    const r = this.rng;
    this.stories++;
    if (this.phrases.lines.length && r.chance(0.3)) return r.pick(this.phrases.lines);
    if (r.chance(0.1)) return this.jobStatement(domain).text;
    const p = this.statementParts(domain);
    return `As ${a(p.role)}, I want to ${p.want}${p.ends ? `, so that ${p.ends}` : ''}.`;
  }

  // ------------------------------------------------------------------ file kinds

  backlogFile(domain, nStories) {
    const r = this.rng;
    const style = this.fileStyle();
    const out = [`# ${domain.name} backlog`];
    if (r.chance(0.6)) out.push(`${r.pick(['Stories for the', 'Backlog of the', 'Refined stories owned by the'])} ${domain.name.toLowerCase()} team (${r.pick(PRODUCT_NAMES)}). ${r.pick(['Ordered by priority.', 'Top = next sprint.', 'Keep stories small.', ''])}`.trim());
    if (r.chance(0.2)) out.push(`<!-- ${r.pick(['generated from Jira export, edited by hand', 'do not reorder without the PO', 'last groomed in sprint ' + r.int(3, 40)])} -->`);
    for (let i = 0; i < nStories; i++) {
      if (style.separators && i) out.push('---');
      out.push(this.story(domain, style, 2));
    }
    return out.join('\n\n') + '\n';
  }

  epicFile(domain, nStories) {
    const r = this.rng;
    const style = this.fileStyle();
    const epicTitle = `${r.pick(['Faster', 'Self-service', 'Better', 'Smarter', 'Simpler'])} ${r.pick(domain.means)[0].toLowerCase()}`;
    const nested = r.chance(0.5); // stories under "## Stories" as ###
    const out = [`# Epic: ${cap(epicTitle)}`];
    out.push(`${r.pick(['Goal', 'Why', 'Context'])}: ${cap(r.pick(domain.ends))}. ${r.pick(['Part of the', 'Contributes to the'])} ${r.pick(PRODUCT_NAMES)} ${r.pick(['H1', 'H2', '2025'])} roadmap.`);
    if (r.chance(0.6)) out.push(this.section({ ...style, sections: 'bold' }, 'Epic outcome', this.outcome(domain), 1));
    if (r.chance(0.3)) {
      const [metric, from, to] = r.pick(domain.metrics);
      out.push(`| Metric | Baseline | Target |\n| --- | --- | --- |\n| ${cap(metric)} | ${from} | ${to} |\n| NPS | ${r.int(10, 40)} | ${r.int(41, 60)} |`);
    }
    if (nested) out.push('## Stories');
    const level = nested ? 3 : 2;
    for (let i = 0; i < nStories; i++) out.push(this.story(domain, style, level));
    if (r.chance(0.3)) out.push(`## Open questions\n\n- ${r.pick(['Do we need legal review?', 'Which markets first?', 'What about existing data?'])}\n- ${r.pick(['Who owns the metric?', 'Mobile in scope?', 'Feature flag name?'])}`);
    return out.join('\n\n') + '\n';
  }

  singleStoryFile(domain) {
    const r = this.rng;
    const style = this.fileStyle();
    const body = this.story(domain, style, 1, { idInFrontMatter: true });
    const { id, title } = this.last;
    const fm = [
      '---',
      `id: ${id}`,
      `title: "${title.replace(/"/g, "'")}"`,
      r.chance(0.9) ? 'type: story' : 'type: Story',
      `status: ${r.pick(STATUSES)}`,
      r.chance(0.6) ? `points: ${r.pick([1, 2, 3, 5, 8, 13])}` : null,
      r.chance(0.5) ? `labels: [${domain.name.toLowerCase()}, ${r.pick(['mvp', 'q3', 'customer-request', 'tech-debt'])}]` : null,
      r.chance(0.4) ? `owner: ${r.pick(PEOPLE).slice(1)}` : null,
      '---',
    ].filter((x) => x !== null);
    return fm.join('\n') + '\n\n' + body + '\n';
  }

  listFile(domain, nStories) {
    const r = this.rng;
    const out = [`# ${r.pick(SPRINT_WORDS)} ${r.int(1, 60)} ${r.pick(['refinement', 'candidates', 'planning notes', 'backlog dump'])}`];
    out.push(`${r.pick(['Raw ideas from the workshop', 'Candidates for the next sprint', 'Imported from the old wiki'])} (${domain.name}).`);
    let i = 0;
    while (i < nStories) {
      const group = Math.min(nStories - i, r.int(4, 12));
      out.push(`## ${r.pick(['Must have', 'Should have', 'Could have', 'Ideas', 'Parked', 'From interviews', 'Tech'])}`);
      const style = r.weighted([['dash', 5], ['checkbox', 2], ['numbered', 2], ['bold-id', 2]]);
      const lines = [];
      for (let j = 0; j < group; j++, i++) {
        const s = this.oneLiner(domain);
        if (style === 'dash') lines.push(`- ${s}`);
        else if (style === 'checkbox') lines.push(`- [${r.chance(0.3) ? 'x' : ' '}] ${s}`);
        else if (style === 'numbered') lines.push(`${j + 1}. ${s}`);
        else lines.push(`- **${this.nextId(domain.key)}** ${s}`);
      }
      out.push(lines.join('\n'));
      if (r.chance(0.15)) out.push(`<!-- ${r.pick(['dot-voting results below', 'discuss with design', 'dupes removed'])} -->`);
    }
    return out.join('\n\n') + '\n';
  }

  notesFile(domain) {
    const r = this.rng;
    const out = [`# ${r.pick(['Retro', 'Team notes', 'Working agreement', 'Glossary'])} — ${domain.name}`];
    for (let i = r.int(2, 5); i > 0; i--) {
      out.push(`## ${r.pick(['What went well', 'What to improve', 'Actions', 'Definitions', 'Links'])}`);
      out.push(Array.from({ length: r.int(2, 6) }, () => `- ${cap(r.pick(domain.ends))} (${r.pick(PEOPLE)})`).join('\n'));
    }
    if (r.chance(0.5)) out.push('```bash\nnpm run build && npm test\n```');
    return out.join('\n\n') + '\n';
  }
}

// ---------------------------------------------------------------------------------------------
// Corpora

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);

function multiFileCorpus(rng, phrases, nFiles) {
  const b = new Backlog(rng, phrases);
  const files = [];
  const used = new Set();
  for (let i = 0; i < nFiles; i++) {
    const domain = rng.pick(DOMAINS);
    const kind = rng.weighted([['backlog', 44], ['epic', 26], ['single', 16], ['list', 10], ['notes', 4]]);
    let text;
    let name;
    switch (kind) {
      case 'backlog':
        text = b.backlogFile(domain, rng.int(6, 30));
        name = `${slug(domain.name)}/backlog-${rng.pick(['2024', '2025', 'q1', 'q2', 'q3', 'q4', 'next', 'later'])}`;
        break;
      case 'epic':
        text = b.epicFile(domain, rng.int(5, 25));
        name = `${slug(domain.name)}/epics/${slug(text.slice(8, text.indexOf('\n')))}`;
        break;
      case 'single':
        text = b.singleStoryFile(domain);
        name = `${slug(domain.name)}/stories/${text.match(/^id: (.+)$/m)[1].toLowerCase()}-${slug(text.match(/^title: "(.*)"$/m)[1])}`;
        break;
      case 'list':
        text = b.listFile(domain, rng.int(12, 40));
        name = `${slug(domain.name)}/refinement/${slug(text.slice(2, text.indexOf('\n')))}`;
        break;
      default:
        text = b.notesFile(domain);
        name = `${slug(domain.name)}/notes/${slug(text.slice(2, text.indexOf('\n')))}`;
    }
    let path = `${name}.md`;
    for (let k = 2; used.has(path); k++) path = `${name}-${k}.md`;
    used.add(path);
    files.push({ path, text });
  }
  return { files, stories: b.stories };
}

function singleFileCorpus(rng, phrases, targetBytes, title, rolloutShare = 0) {
  const b = new Backlog(rng, phrases);
  const chunks = [`# ${title}\n\n<!-- exported from the tracker; one section per epic -->\n`];
  let bytes = Buffer.byteLength(chunks[0]);
  while (bytes < targetBytes) {
    const domain = rng.pick(DOMAINS);
    const style = b.fileStyle();
    const parts = [`## Epic: ${cap(rng.pick(['Faster', 'Self-service', 'Better', 'Smarter']))} ${rng.pick(domain.means)[0].toLowerCase()} (${domain.key})`];
    if (rng.chance(0.5)) parts.push(b.section({ ...style, sections: 'bold' }, 'Epic outcome', b.outcome(domain), 2));
    const n = rng.int(5, 20);
    // No draw without roll-outs, so the 5 MB file stays byte for byte what it was.
    if (rolloutShare > 0 && rng.chance(rolloutShare)) parts.push(b.rollout(DOMAINS[0], 3, n));
    else for (let i = 0; i < n; i++) {
      if (rng.chance(0.08)) {
        parts.push(Array.from({ length: rng.int(3, 8) }, () => `- ${b.oneLiner(domain)}`).join('\n'));
      } else parts.push(b.story(domain, style, 3));
    }
    const chunk = '\n' + parts.join('\n\n') + '\n';
    chunks.push(chunk);
    bytes += Buffer.byteLength(chunk);
  }
  return { files: [{ path: `${slug(title)}.md`, text: chunks.join('') }], stories: b.stories };
}

function singleBacklogOfSize(rng, phrases, targetBytes) {
  const b = new Backlog(rng, phrases);
  const domain = DOMAINS[0];
  const style = { ...b.fileStyle(), sections: 'subheading', idInHeading: true, jobStories: false };
  const chunks = [`# Checkout backlog\n\nAll open stories of the checkout squad. Ordered by priority.\n`];
  let bytes = Buffer.byteLength(chunks[0]);
  while (bytes < targetBytes) {
    const d = rng.chance(0.7) ? domain : rng.pick(DOMAINS);
    const chunk = '\n' + b.story(d, style, 2) + '\n';
    chunks.push(chunk);
    bytes += Buffer.byteLength(chunk);
  }
  return { files: [{ path: 'checkout-backlog.md', text: chunks.join('') }], stories: b.stories };
}

// ---------------------------------------------------------------------------------------------
// Manifest / entry point

export function generatorHash(seed = DEFAULT_SEED) {
  const phrases = loadPhrases();
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update('\0seed:' + seed);
  h.update('\0phrases:' + phrases.hash);
  h.update('\0targets:' + JSON.stringify(TARGETS));
  return { hash: h.digest('hex'), phrases };
}

export function readManifest(outDir = DEFAULT_OUT) {
  try {
    return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

function writeCorpus(dir, corpus) {
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const f of corpus.files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  return { dir, files: corpus.files.length, stories: corpus.stories, bytes, mb: +(bytes / 1e6).toFixed(2) };
}

/**
 * The repository's .gitignore lists bench/corpus/, and storylint, like git, skips ignored folders
 * even when they are named on the command line: it would lint nothing. An empty `.git` folder makes
 * the corpus the root of a repository of its own (as a team's backlog repository is), so the
 * ignore files above it no longer apply. git itself never looks inside the ignored folder.
 */
function markAsOwnRepository(outDir) {
  mkdirSync(join(outDir, '.git'), { recursive: true });
}

/** Generate the corpus if it is missing or stale. Returns the manifest. */
export function ensureCorpus({ seed = DEFAULT_SEED, outDir = DEFAULT_OUT, force = false, log = console.error } = {}) {
  markAsOwnRepository(outDir);
  const { hash, phrases } = generatorHash(seed);
  const old = readManifest(outDir);
  const complete = old && ['small', 'medium', 'large', 'huge', 'edit'].every((k) => old.corpora?.[k] && existsSync(join(outDir, k)));
  if (!force && complete && old.hash === hash) return { ...old, regenerated: false };

  const t0 = performance.now();
  log(`generating benchmark corpus in ${outDir} (seed ${JSON.stringify(seed)}${phrases.dir ? ', phrases from ' + phrases.dir : ', no phrase corpus found'}) ...`);
  mkdirSync(outDir, { recursive: true });
  const corpora = {
    small: writeCorpus(join(outDir, 'small'), multiFileCorpus(new Rng(seed + '/small'), phrases, TARGETS.small.files)),
    medium: writeCorpus(join(outDir, 'medium'), multiFileCorpus(new Rng(seed + '/medium'), phrases, TARGETS.medium.files)),
    large: writeCorpus(join(outDir, 'large'), singleFileCorpus(new Rng(seed + '/large'), phrases, TARGETS.largeBytes, 'Product backlog export')),
    huge: writeCorpus(join(outDir, 'huge'), singleFileCorpus(new Rng(seed + '/huge'), phrases, TARGETS.hugeBytes, 'Company backlog export', TARGETS.hugeRolloutShare)),
    edit: writeCorpus(join(outDir, 'edit'), singleBacklogOfSize(new Rng(seed + '/edit'), phrases, TARGETS.editBytes)),
  };
  for (const c of Object.values(corpora)) c.dir = c.dir.slice(outDir.length + 1);
  const manifest = {
    hash,
    seed,
    phraseCorpus: phrases.dir ? { lines: phrases.lines.length, sha256: phrases.hash, source: 'Dalpiaz 2018, CC BY 4.0' } : null,
    generatedAt: new Date().toISOString(),
    generationMs: Math.round(performance.now() - t0),
    corpora,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`generated in ${(manifest.generationMs / 1000).toFixed(1)} s`);
  return { ...manifest, regenerated: true };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const m = ensureCorpus({ seed: opt('--seed') ?? DEFAULT_SEED, outDir: resolve(opt('--out') ?? DEFAULT_OUT), force: args.includes('--force') });
  if (!m.regenerated) console.error('corpus is up to date (use --force to regenerate)');
  for (const [k, c] of Object.entries(m.corpora)) console.log(`${k.padEnd(7)} ${String(c.files).padStart(5)} files ${String(c.stories).padStart(6)} stories ${c.mb.toFixed(2).padStart(6)} MB  ${c.dir}`);
}
