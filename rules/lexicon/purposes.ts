// How a means gives its why without "so that" (require-benefit).

/** Purpose clauses inside a means that give the why without "so that": "..., because the owner asked". */
export const PURPOSE_OPENERS = [
  'because', 'to make sure', 'to be sure', 'to avoid', 'to prevent', 'to reduce', 'to save', 'to improve',
  'to increase', 'to speed up', 'to minimise', 'to minimize', 'to comply', 'to achieve', 'so i', 'so we',
  'so they', 'so it', 'so that',
];

/**
 * Weaker purpose openers: a purpose after an object ("email the provider to report issues"), but the
 * request itself after "have X" or "use X" ("have ALFRED to help me").
 */
export const OBJECT_PURPOSE_OPENERS = ['to help', 'to ensure', 'to locate', 'to report', 'to stay', 'to protect', 'to keep track', 'to decide', 'to find out', 'to understand', 'to meet'];

/** Means verbs whose "to" clause is part of the request, not a purpose: "have ALFRED to remind me". */
export const CAUSATIVE_VERBS = new Set(['have', 'get', 'let', 'allow', 'enable', 'ask', 'tell', 'remind', 'want', 'need', 'use', 'be', 'help', 'make', 'force', 'require', 'invite', 'encourage', 'permit', 'expect']);
