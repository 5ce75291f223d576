/*
 * What a means asks for: the words before its verb, the verbs that name a capability and those that
 * are as often nouns, verbs of one activity, light verbs and feature nouns. Which words English uses
 * as verbs at all is verbs.ts, generated.
 * Curated, not learnt: each entry was checked against real backlogs (the Dalpiaz 2018 corpus), and a
 * rule's doc says what its list cannot tell apart.
 */
import { normalizeForComparison } from '../../core/api';

/** Words before a means' verb: "to be able to set up CI". */
export const MEANS_LEADS: ReadonlySet<string> = new Set(['to', 'be', 'able']);

/** A means' words from its verb on, normalised: "to be able to set up CI" gives set, up, ci. */
export function meansFromVerb(means: string): string[] {
  const list = normalizeForComparison(means).split(' ').filter(Boolean);
  let start = 0;
  while (start < list.length && MEANS_LEADS.has(list[start]!)) start++;
  return list.slice(start);
}

/**
 * Verbs that are one activity when joined ("search and discover", "locate and access"): finding
 * and looking at things is one capability however many verbs describe it.
 */
const VERB_FAMILIES: Record<string, readonly string[]> = {
  // Finding, looking at and understanding information.
  find: [
    'search', 'find', 'locate', 'discover', 'browse', 'access', 'retrieve', 'explore', 'look', 'lookup', 'navigate',
    'get', 'see', 'view', 'read', 'examine', 'inspect', 'review', 'identify', 'check', 'verify', 'validate', 'confirm',
    'watch', 'monitor', 'follow', 'compare', 'analyse', 'analyze', 'study', 'evaluate', 'assess', 'know',
    'understand', 'learn', 'recognise', 'recognize', 'determine', 'decide', 'tell',
  ],
  join: ['sign', 'join', 'register', 'become', 'enrol', 'enroll', 'subscribe', 'signup'],
  promote: ['promote', 'encourage', 'advertise', 'publicise', 'publicize'],
  communicate: ['communicate', 'convey', 'talk', 'speak', 'discuss', 'integrate', 'interact', 'exchange'],
  keep: ['save', 'store', 'keep', 'preserve', 'retain', 'backup'],
  share: ['share', 'distribute', 'disseminate', 'spread'],
  describe: ['describe', 'document', 'annotate', 'explain'],
  plan: ['plan', 'schedule', 'organise', 'organize', 'prepare', 'coordinate'],
};

/** The family of each verb in VERB_FAMILIES. */
export const VERB_FAMILY = new Map<string, string>(
  Object.entries(VERB_FAMILIES).flatMap(([family, verbs]) => verbs.map((verb) => [verb, family] as const)),
);

/** Base-form verbs that are rarely nouns: after "and"/"or" they start a second capability. */
export const CLEAR_VERBS = new Set([
  'add', 'analyse', 'analyze', 'apply', 'approve', 'archive', 'assign', 'associate', 'attach', 'authorise',
  'authorize', 'become', 'browse', 'build', 'bundle', 'buy', 'cancel', 'categorise', 'categorize', 'choose',
  'clone', 'close', 'collect', 'compile', 'compose', 'configure', 'connect', 'contact', 'convey', 'convert',
  'copy', 'create', 'customise', 'customize', 'deactivate', 'define', 'delete', 'deploy', 'describe',
  'determine', 'disable', 'discover', 'dismiss', 'distribute', 'do', 'download', 'duplicate', 'edit',
  'embed', 'enable', 'enrol', 'enroll', 'ensure', 'enter', 'examine', 'execute', 'explore', 'extend',
  'extract', 'find', 'generate', 'get', 'give', 'go', 'grant', 'hide', 'identify', 'include', 'insert',
  'inspect', 'install', 'integrate', 'invite', 'join', 'keep', 'know', 'learn', 'leave', 'locate', 'maintain',
  'make', 'manage', 'merge', 'migrate', 'modify', 'move', 'navigate', 'notify', 'obtain', 'operationalise',
  'operationalize', 'pay', 'perform', 'pick', 'pin', 'prevent', 'prioritise', 'prioritize', 'provide',
  'publish', 'purchase', 'reactivate', 'read', 'receive', 'register', 'reject', 'remove', 'rename', 'reopen',
  'replace', 'reset', 'restore', 'retrieve', 'reuse', 'revoke', 'save', 'see', 'select', 'send', 'set',
  'share', 'show', 'sort', 'specify', 'store', 'submit', 'subscribe', 'suspend', 'take', 'translate',
  'unpublish', 'unsubscribe', 'upgrade', 'upload', 'understand', 'use', 'validate', 'verify', 'view',
  'visualise', 'visualize', 'withdraw', 'write', 'sign', 'track', 'update', 'change', 'aggregate',
  'filter', 'tag', 'conduct', 'prepare', 'support', 'deal', 'communicate', 'detect', 'lift', 'reply', 'supply', 'comply', 'encourage',
  'accept', 'adjust', 'allocate', 'amend', 'annotate', 'arrange', 'assess', 'attend', 'calculate', 'capture',
  'collapse', 'combine', 'confirm', 'contribute', 'decline', 'delegate', 'deliver', 'derive', 'discard',
  'enforce', 'evaluate', 'expand', 'freeze', 'ignore', 'indicate', 'inform', 'nominate', 'override', 'produce',
  'promote', 'reassign', 'recalculate', 'recommend', 'reconcile', 'redact', 'refresh', 'remind', 'reorder',
  'reschedule', 'resend', 'resolve', 'respond', 'restrict', 'resubmit', 'retry', 'revert', 'suggest',
  'summarise', 'summarize', 'unlock', 'unfollow', 'upvote',
]);

/**
 * Verbs that are as often nouns ("search", "report", "record"): after "and"/"or" they start a
 * capability only when an object follows them ("and report the error").
 */
export const NOUN_LIKE_VERBS = new Set([
  'access', 'answer', 'book', 'branch', 'check', 'comment', 'contact', 'design', 'display', 'email',
  'export', 'file', 'fix', 'flag', 'group', 'import', 'link', 'list', 'map', 'mark', 'message', 'order',
  'plan', 'post', 'print', 'rate', 'record', 'report', 'request', 'reserve', 'review', 'schedule', 'search',
  'sort', 'start', 'stop', 'test', 'track', 'update', 'change', 'filter', 'tag', 'monitor', 'follow',
  'deposit', 'query', 'process', 'release', 'return', 'transfer', 'upgrade', 'support', 'close', 'edit',
  'view', 'share', 'download', 'upload', 'copy', 'move', 'set', 'call', 'visit', 'watch', 'audit',
  'tip', 'split', 'pause', 'block', 'claim', 'refund', 'vote', 'scan', 'switch', 'rank', 'star', 'bookmark',
  'invoice', 'forward', 'open', 'complete', 'correct', 'preview', 'lock', 'sync', 'photograph', 'mute',
  'dispute', 'estimate', 'log', 'drop', 'hold', 'trigger', 'toggle',
]);

/** Means openers that only carry the request ("have X to ...", "get X ..."): the capability is the verb inside. */
export const LIGHT_VERBS = new Set(['have', 'get', 'be', 'need', 'want']);

/** Second "I want"-like phrases inside a means: "... and I need a report". */
export const SECOND_WANTS = new Set(['want', 'need', 'like', 'wish']);

/** Words between a conjunction and the verb it coordinates: "and also", "or to", "and then be able to". */
export const CONJUNCT_FILLERS = new Set([
  'also', 'then', 'to', 'be', 'able', 'can', 'could', 'would', 'should', 'easily', 'quickly', 'later',
  'directly', 'automatically', 'immediately', 'optionally', 'subsequently', 'afterwards', 'even',
  'possibly', 'simply', 'finally', 'just', 'not', 'only', 'manually',
]);

/**
 * Nouns that name a feature a user asks for ("a map view", "a CSV export", "tracking features"): two of
 * them joined by "and" are two capabilities even without a verb.
 */
export const FEATURE_NOUNS = new Set([
  'view', 'views', 'export', 'exports', 'import', 'report', 'reports', 'notification', 'notifications', 'alert',
  'alerts', 'reminder', 'reminders', 'search', 'filter', 'filters', 'download', 'upload', 'summary', 'chart',
  'charts', 'graph', 'map', 'calendar', 'feed', 'digest', 'dashboard', 'overview', 'preview', 'timeline',
  'feature', 'features', 'functionality', 'function', 'functions', 'capability', 'capabilities', 'option', 'options', 'tool', 'tools',
]);
