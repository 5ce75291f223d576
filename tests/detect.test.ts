import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/story/settings';
import { buildStories } from '../core/story/build';

const storiesOf = (markdown: string) => buildStories(markdown, { settings: DEFAULT_SETTINGS }).stories;
const titles = (markdown: string) => storiesOf(markdown).map((story) => story.title);

describe('what is not a story', () => {
  it('an id-like token in a heading is not enough', () => {
    const doc = [
      '# Markdown rules',
      '',
      '## MD022 Headings should be surrounded by blank lines',
      '',
      'Aliases: blanks-around-headings.',
      '',
      '## ISO-8601 dates',
      '',
      'Dates are written as 2024-05-01.',
      '',
      '## UTF-8 only',
      '',
      'Files are read as UTF-8.',
      '',
      '# ADR-7: Use PostgreSQL',
      '',
      '## Context',
      '',
      'We need a relational store.',
      '',
      '## Why',
      '',
      'The team knows it.',
    ].join('\n');
    expect(titles(doc)).toEqual([]);
  });

  it('sections named like Goal, Why, Impact or Definition of done are not enough', () => {
    const doc = [
      '# Project Atlas',
      '',
      '## Goal',
      '',
      'One search box for every document.',
      '',
      '## Why',
      '',
      'People cannot find things.',
      '',
      '## Impact',
      '',
      'Less time lost.',
      '',
      '## Definition of done',
      '',
      '- Deployed to production.',
    ].join('\n');
    expect(titles(doc)).toEqual([]);
  });

  it('"Note:" paragraphs and "As a …" prose in a README are documentation', () => {
    const doc = [
      '# semver',
      '',
      '## Usage',
      '',
      'As a node module:',
      '',
      '```js',
      "const semver = require('semver')",
      '```',
      '',
      '**Note:** ranges are not versions.',
      '',
      '## Acknowledgements',
      '',
      'As obug is a fork of debug with significant modifications, we would like to acknowledge the authors.',
      '',
      'As said before, we want to do right-to-left execution.',
      '',
      '## enableNetConnect',
      '',
      'When requests are not matched, a real request is attempted. We can control this further.',
    ].join('\n');
    expect(titles(doc)).toEqual([]);
    expect(storiesOf(doc).filter((story) => story.kind === 'line')).toEqual([]);
  });

  it('a handbook page that explains how to write stories', () => {
    const doc = [
      '# How to write a user story',
      '',
      'Every story has a statement, an outcome and acceptance criteria.',
      '',
      '## The statement',
      '',
      'As a {role}, I want {capability}, so that {benefit}.',
      '',
      '## Example',
      '',
      'As a returning shopper, I want to pay with a saved card, so that checkout takes seconds.',
      '',
      '## Acceptance criteria',
      '',
      'Write them as Given / When / Then.',
    ].join('\n');
    expect(storiesOf(doc)).toEqual([]);
  });

  it('a work item whose type is not a story (a bug) is not linted as one', () => {
    const doc = ['# PAY-9 Totals are rounded wrongly', '', '**Type:** Bug · **Priority:** High', '', '## Acceptance criteria', '', '- Totals match the ledger to the cent.'].join('\n');
    expect(titles(doc)).toEqual([]);
  });
});

describe('tracker formats', () => {
  it('a Description sub-heading carries the statement; its siblings are the story\'s sections (Jira)', () => {
    const doc = [
      '# PAY-142 Export invoices as CSV',
      '',
      '## Description',
      '',
      'As a finance clerk, I want to export the month\'s invoices as CSV, so that I can reconcile them in Excel.',
      '',
      '## Acceptance Criteria',
      '',
      '- The file has one row per invoice.',
      '',
      '## Outcome',
      '',
      'Month-end close from 5 days to 3 days.',
    ].join('\n');
    const stories = storiesOf(doc);
    expect(stories.map((story) => story.id?.text)).toEqual(['PAY-142']);
    expect(stories[0]!.statement?.parts.role?.text).toBe('finance clerk');
    expect(stories[0]!.sections.map((section) => section.kind)).toEqual(['acceptance', 'outcome']);
    expect(stories[0]!.criteria.map((criterion) => criterion.text)).toEqual(['The file has one row per invoice.']);
  });

  it('an issue-form body without a title heading is one story over all its sections (GitHub)', () => {
    const doc = [
      '### Problem',
      '',
      '14 support tickets in May: agents cannot see refunds.',
      '',
      '### User story',
      '',
      'As a support agent, I want to see refunds on the order page, so that I answer customers on the first call.',
      '',
      '### Acceptance criteria',
      '',
      '- Refunds show within 5 seconds.',
    ].join('\n');
    const [story, ...rest] = storiesOf(doc);
    expect(rest).toEqual([]);
    expect(story!.statement?.parts.role?.text).toBe('support agent');
    expect(story!.sections.map((section) => section.kind)).toEqual(['problem', 'acceptance']);
    expect(story!.span[0]).toBe(0);
  });

  it('metadata lines and field tables above the statement are skipped and their id and persona used', () => {
    const doc = [
      '# Approve timesheets in bulk',
      '',
      '| Field | Value |',
      '|---|---|',
      '| Key | TIME-31 |',
      '| Persona | Team lead |',
      '',
      '**Status:** Ready · **Squad:** Payments',
      'Type: Story · Priority: Medium',
      '',
      'As a team lead, I want to approve all submitted timesheets at once, so that payroll closes on Friday.',
      '',
      '## Acceptance criteria',
      '',
      '- All selected timesheets show "Approved".',
    ].join('\n');
    const [story, ...rest] = storiesOf(doc);
    expect(rest).toEqual([]);
    expect(story!.statement?.text).toMatch(/^As a team lead/);
    expect(story!.unrecognised).toBeUndefined();
    expect(story!.id?.text).toBe('TIME-31');
    expect(doc.slice(story!.id!.span[0], story!.id!.span[1])).toBe('TIME-31');
    expect(story!.persona?.text).toBe('Team lead');
  });

  it('"Work Item Type: User Story" makes a heading a story even before it has a statement (Azure DevOps)', () => {
    const doc = ['# Bulk export', '', '**Work Item Type:** User Story', '**State:** New', '', 'Export things.'].join('\n');
    const [story] = storiesOf(doc);
    expect(story?.title).toBe('Bulk export');
    expect(story?.unrecognised?.text).toBe('Export things.');
  });

  it('an epic whose children are stories is their container, and its description is no backlog line', () => {
    const doc = [
      '# Epic CRM-80: Customer portal',
      '',
      'As a sales lead, I want a customer portal, so that customers serve themselves.',
      '',
      '## CRM-81 Reset password',
      '',
      'As a customer, I want to reset my password, so that I can sign in again.',
      '',
      '## CRM-82 Download invoices',
      '',
      'As a customer, I want to download my invoices, so that I can file them.',
    ].join('\n');
    expect(storiesOf(doc).map((story) => story.id?.text)).toEqual(['CRM-81', 'CRM-82']);
  });

  it('a page title over stories is a container', () => {
    const doc = ['# Checkout backlog', '', '## Goal', '', 'Faster checkout.', '', '## PAY-1 Saved cards', '', 'As a shopper, I want to save my card, so that I pay in one tap.'].join('\n');
    expect(storiesOf(doc).map((story) => story.id?.text)).toEqual(['PAY-1']);
  });

  it('in a backlog of id headings, an id heading with no statement is a (broken) story', () => {
    const doc = ['### G16-34', '', 'As an archivist, I want to audit deposits, so that I can report.', '', '### G16-35', '', 'Auditing & Reporting.'].join('\n');
    expect(storiesOf(doc).map((story) => story.id?.text)).toEqual(['G16-34', 'G16-35']);
    expect(storiesOf(doc)[1]!.unrecognised?.text).toBe('Auditing & Reporting.');
  });
});

describe('criteria tables', () => {
  const story = (table: string[]) =>
    storiesOf(['## PAY-7 Approve timesheets', '', 'As a team lead, I want to approve timesheets, so that payroll closes.', '', '### Acceptance criteria', '', ...table].join('\n'))[0]!;

  it('rows are criteria; the header and separator rows are not', () => {
    const rows = Array.from({ length: 7 }, (_, i) => `| AC${i + 1} | Rule number ${i + 1} holds |`);
    const criteria = story(['| # | Criterion |', '|---|---|', ...rows]).criteria;
    expect(criteria.map((criterion) => criterion.text)).toEqual(Array.from({ length: 7 }, (_, i) => `AC${i + 1}; Rule number ${i + 1} holds`));
  });

  it('Given / When / Then columns form a scenario, with spans on the row', () => {
    const table = ['| Given | When | Then |', '|:--|:--|:--|', '| 12 submitted timesheets | I approve all | 12 show "Approved" |'];
    const [criterion, ...rest] = story(table).criteria;
    expect(rest).toEqual([]);
    expect(criterion!.text).toBe('Given 12 submitted timesheets, when I approve all, then 12 show "Approved"');
    const text = ['## PAY-7 Approve timesheets', '', 'As a team lead, I want to approve timesheets, so that payroll closes.', '', '### Acceptance criteria', '', ...table].join('\n');
    expect(text.slice(criterion!.span[0], criterion!.span[1])).toBe('12 submitted timesheets | I approve all | 12 show "Approved"');
  });
});
