import { describe, expect, it } from 'vitest';
import { consecutiveOffsets, DEFAULT_SETTINGS, parseStatement, type PlainText } from '../core';
import { capabilitiesOf } from '../rules/atomic-story';
import { hasPurposeClause } from '../rules/require-benefit';
import { isGenericRole } from '../rules/specific-role';

const plain = (text: string): PlainText => ({ text, offsets: consecutiveOffsets(0, text.length + 1) });
const parse = (text: string) => parseStatement(plain(text), DEFAULT_SETTINGS.templates, { allowIncomplete: true });
const partsOf = (text: string) => Object.fromEntries(Object.entries(parse(text)?.parts ?? {}).map(([part, slice]) => [part, slice!.text]));

describe('parseStatement on tricky shapes', () => {
  it('keeps "I can" after "so that" in the benefit instead of taking it for the means', () => {
    const statement = parse('As an owner, I only want zero-padded fields, so that I can justify padding.');
    expect(statement?.parts.means?.text).toBe('zero-padded fields');
    expect(statement?.parts.ends?.text).toBe('I can justify padding');
    expect(statement?.missing).toEqual([]);
  });

  it('reports a missing means when the only "I can" belongs to the benefit', () => {
    const statement = parse('As an owner, zero-padded fields, so that I can justify padding.');
    expect(statement?.missing).toEqual(['means']);
    expect(statement?.parts.ends?.text).toBe('I can justify padding');
  });

  it('reads negative and conditional wants', () => {
    expect(partsOf("As an archivist, I don't want to overwrite someone else's changes.")).toEqual({
      role: 'archivist',
      means: "overwrite someone else's changes",
    });
    expect(partsOf('As a camp worker, I would be able to submit a completion report.').means).toBe('submit a completion report');
  });

  it('reads "so I can" without a comma as the benefit', () => {
    expect(partsOf('As an older person, I want a battery that lasts so I can keep it on all day.')).toEqual({
      role: 'older person',
      means: 'a battery that lasts',
      ends: 'keep it on all day',
    });
  });

  it('reads "I want …" without a role only when a persona supplies it', () => {
    const text = plain('I want to write handover notes, so that the morning team has them.');
    expect(parseStatement(text, DEFAULT_SETTINGS.templates, { allowIncomplete: true })).toBeUndefined();
    const statement = parseStatement(text, DEFAULT_SETTINGS.templates, { allowIncomplete: false, roleFromPersona: true });
    expect(statement?.template).toBe('connextra');
    expect(statement?.parts.role).toBeUndefined();
    expect(statement?.parts.means?.text).toBe('write handover notes');
    expect(statement?.missing).toEqual([]);
  });

  it('still reads an "in order to" clause before the want', () => {
    expect(parse('In order to plan purchases, as a collection manager, I want to see hold queues.')?.template).toBe('in-order-to');
  });
});

describe('statement rule helpers', () => {
  const means = (text: string) => ({ text, start: 0, end: text.length, span: [0, text.length] as const });

  it.each([
    ['create, edit and delete projects', ['create', 'edit', 'delete']],
    ['create groups and add campers to the groups', ['create', 'add']],
    ['have a method to add and remove people', ['add', 'remove']],
    ['control the database location and I want it backed up', ['control', 'want']],
    ['book my sessions and reschedule them', ['book', 'reschedule']],
    ['set a budget, i.e. a hard limit, and freeze spending', ['set', 'freeze']],
    ['photograph where I left a parcel as well as send the photo', ['photograph', 'send']],
    ['a tab where I can see photos and message the driver', ['see', 'message']],
    ['a map view of where every van is and a CSV export of mileage', ['view', 'export']],
    ['have searching and tracking features', ['searching', 'tracking']],
  ])('counts the capabilities of "%s"', (text, verbs) => {
    expect(capabilitiesOf(means(text)).map((capability) => capability.verb)).toEqual(verbs);
  });

  it.each([
    'search records by name and date',
    'see a list of names and addresses',
    'locate and access data that colleagues share',
    'know when the submission periods start and end',
    'create a new game by entering a name and an optional description',
    'alias (or map) an item to another collection',
    'invite someone by email to sign up and become a member',
    'apply for a permit',
  ])('sees one capability in "%s"', (text) => {
    expect(capabilitiesOf(means(text))).toHaveLength(1);
  });

  it.each([
    ['user', true],
    ['site visitor', true],
    ['anonymoususer', true],
    ['Staff member', true],
    ['manager', true],
    ['user of the system', true],
    ['first-time home buyer', false],
    ['user of the mobile app who pays by card', false],
    ['registered user who forgot the password', false],
    ['data manager', false],
    ['library staff member', false],
    ['owner', false],
    ['OlderPerson', false],
    ['OpenSpending Community Member', true],
    ['GitHub user', true],
    ['Cornell faculty member', false],
  ])('role "%s" generic: %s', (role, generic) => {
    expect(isGenericRole(role)).toBe(generic);
  });

  it.each([
    ['email the library to report a damaged book', true],
    ['have the API to reduce the work', true],
    ['restrict a box, because the donor asked', true],
    ['have ALFRED to help me exercise', false],
    ['a chatbot on the council homepage to report a missed bin', false],
    ['see my renewal history', false],
  ])('purpose clause in "%s": %s', (text, expected) => {
    expect(hasPurposeClause(means(text))).toBe(expected);
  });
});
