/*
 * Who a story is told by: roles that name nobody in particular and what qualifies them
 * (specific-role), and the roles whose work is the interface, the technology or the product itself
 * (problem-oriented, user-perspective).
 * Curated, not learnt: each entry was checked against real backlogs (the Dalpiaz 2018 corpus), and a
 * rule's doc says what its list cannot tell apart.
 */

/** Heads of a role that name nobody in particular ("user", "visitor"). */
export const GENERIC_ROLE_HEADS = new Set([
  'user', 'users', 'enduser', 'customer', 'customers', 'person', 'persons', 'people', 'someone', 'somebody',
  'anyone', 'anybody', 'everyone', 'everybody', 'visitor', 'visitors', 'stakeholder', 'stakeholders',
  'system', 'member', 'members', 'client', 'clients', 'consumer', 'consumers', 'individual', 'human',
  'party', 'actor', 'one',
]);

/**
 * Heads that are generic only when bare: "manager" or "employee" alone says nothing, but any qualifier
 * ("data manager", "NSF employee") names a role.
 */
export const BARE_GENERIC_ROLE_HEADS = new Set(['manager', 'employee', 'employees', 'staff', 'worker']);

/**
 * Qualifiers that do not make a generic role specific: where the person is or how they logged in
 * ("site visitor", "registered user", "team member") still fits almost anyone.
 */
export const GENERIC_ROLE_QUALIFIERS = new Set([
  'a', 'an', 'the', 'any', 'some', 'every', 'each', 'all', 'our', 'my', 'your', 'this', 'that',
  'site', 'website', 'web', 'app', 'application', 'system', 'platform', 'portal', 'service', 'product',
  'tool', 'software', 'online', 'internet', 'public', 'general', 'generic', 'regular', 'normal',
  'ordinary', 'typical', 'average', 'standard', 'basic', 'common', 'end', 'final', 'data', 'anonymous',
  'authenticated', 'unauthenticated', 'registered', 'unregistered', 'logged-in', 'logged', 'in', 'signed-in',
  'guest', 'team', 'staff', 'community', 'of', 'on', 'for', 'with', 'using', 'who', 'uses',
]);

/** Words that start a qualifier after the head: "user of the mobile app who pays by card". */
export const ROLE_QUALIFIER_STARTS = new Set([
  'who', 'whom', 'whose', 'that', 'which', 'with', 'without', 'of', 'from', 'in', 'at', 'on', 'for',
  'using', 'working', 'responsible', 'managing', 'looking', 'trying', 'wanting', 'new', 'by',
]);

/** Roles whose own work is the interface: for a UI designer "the Resources page" is the work object. */
export const DESIGN_ROLE_WORDS = ['designer', 'designers', 'visualdesigner', 'ux', 'ui'];

/**
 * Roles who consume technology: for a developer an API or a plugin is the need. Storage still counts
 * ("add it to the database" prescribes the design for developers too).
 */
export const TECHNICAL_ROLE_WORDS = ['developer', 'developers', 'engineer', 'engineers', 'programmer', 'devops', 'integrator', 'api'];

/**
 * Roles of the people who build the product (user-perspective): a story "As a developer, I want to
 * migrate the database" is their task, not a user's need. Matched as the end of the role's noun
 * phrase, so "data scientist" and "product owner" work as written.
 */
export const BUILDER_ROLES = [
  'developer', 'developers', 'dev', 'devs', 'engineer', 'engineers', 'programmer', 'programmers', 'architect', 'architects',
  'tester', 'testers', 'qa', 'devops', 'sre', 'data scientist', 'data scientists', 'dev team', 'development team', 'engineering team',
  'product owner', 'po', 'scrum master', 'tech lead', 'database administrator', 'dba', 'computer scientist', 'ux designer',
  'ui designer',
];

/**
 * Words before a builder role that keep it the product's own builder ("senior developer", "backend
 * engineer", "release engineer"). Any other word names what the person builds with the product, a
 * user of it: an "app developer" on a data platform, a "plugin developer", a "web developer"
 * installing a package.
 */
export const BUILDER_MODIFIERS = new Set([
  'senior', 'junior', 'lead', 'principal', 'staff', 'backend', 'back-end', 'frontend', 'front-end', 'fullstack', 'full-stack',
  'software', 'core', 'platform', 'release', 'build', 'test', 'qa', 'devops', 'infrastructure', 'cloud', 'data', 'ml', 'database',
  'system', 'systems', 'solution', 'solutions', 'our', 'dev', 'development', 'engineering', 'technical',
]);

/** Roles that are the product itself, not a person: "As the system", "As the API". */
export const SYSTEM_ROLES = new Set([
  'system', 'subsystem', 'app', 'application', 'backend', 'back-end', 'frontend', 'front-end', 'api', 'server', 'database', 'db',
  'software', 'platform', 'service', 'microservice', 'bot',
]);
