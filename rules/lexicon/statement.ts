/**
 * Word lists the statement rules share. They are curated, not learnt: each entry was checked against
 * real backlogs (the Dalpiaz 2018 corpus), and a rule's doc says what its list cannot tell apart.
 */

import { normalizeForComparison } from '../../core/api';

/** Words before a means' verb: "to be able to set up CI". */
export const MEANS_LEADS: ReadonlySet<string> = new Set(['to', 'be', 'able']);

/** Personal pronouns that can be a clause's subject: "I can", "we don't have to", "where they share". */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'he', 'she']);

/** A means' words from its verb on, normalised: "to be able to set up CI" gives set, up, ci. */
export function meansFromVerb(means: string): string[] {
  const list = normalizeForComparison(means).split(' ').filter(Boolean);
  let start = 0;
  while (start < list.length && MEANS_LEADS.has(list[start]!)) start++;
  return list.slice(start);
}

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

/** Words that open an object noun phrase: a verb followed by one of them has an object. */
export const OBJECT_STARTS = new Set([
  'the', 'a', 'an', 'my', 'our', 'their', 'his', 'her', 'its', 'your', 'this', 'that', 'these', 'those',
  'all', 'any', 'each', 'every', 'some', 'them', 'it', 'me', 'us', 'him', 'new', 'existing', 'multiple',
  'other', 'another', 'which', 'what', 'whether', 'who', 'how', 'where', 'when', 'if', 'one', 'more',
]);

/** Words between a conjunction and the verb it coordinates: "and also", "or to", "and then be able to". */
export const CONJUNCT_FILLERS = new Set([
  'also', 'then', 'to', 'be', 'able', 'can', 'could', 'would', 'should', 'easily', 'quickly', 'later',
  'directly', 'automatically', 'immediately', 'optionally', 'subsequently', 'afterwards', 'even',
  'possibly', 'simply', 'finally', 'just', 'not', 'only', 'manually',
]);

/**
 * Words that open a subordinate clause or a manner phrase: a conjunction after them joins parts of
 * that clause ("know when the periods start and end"), not two capabilities.
 */
export const SUBORDINATORS = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'whether', 'if', 'how', 'what', 'while',
  'because', 'once', 'after', 'before', 'until', 'unless', 'since', 'so', 'such', 'whenever', 'why',
]);

/** Modal verbs: "the user can ask and perform" is a clause of its own. */
export const MODALS = new Set(['can', 'could', 'will', 'would', 'should', 'may', 'might', 'must', 'shall']);

/** Means openers that only carry the request ("have X to ...", "get X ..."): the capability is the verb inside. */
export const LIGHT_VERBS = new Set(['have', 'get', 'be', 'need', 'want']);

/** Second "I want"-like phrases inside a means: "... and I need a report". */
export const SECOND_WANTS = new Set(['want', 'need', 'like', 'wish']);

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

/**
 * Solution words. A story that names them in its means decides the design before the team has
 * understood the need. File formats the user works in ("Excel", "CSV", "JSON") are not listed: they
 * are usually the need itself.
 */
export const INTERFACE_TERMS = [
  'button', 'buttons', 'dropdown', 'dropdowns', 'drop-down', 'drop down', 'drop-down list', 'checkbox',
  'checkboxes', 'check box', 'check boxes', 'radio button', 'radio buttons', 'modal', 'modal dialog',
  'modal window', 'popup', 'pop-up', 'pop up', 'popups', 'new tab', 'tab', 'tabs', 'screen', 'status screen',
  'landing page', 'home page', 'homepage', 'web page', 'webpage', 'results page', 'search results page',
  'separate page', 'dedicated page', 'sidebar', 'side bar', 'toolbar', 'widget', 'widgets', 'slider',
  'toggle', 'icon', 'tooltip', 'carousel', 'text field', 'text box', 'textbox', 'text area', 'input field',
  'form field', 'dialog box', 'dialog', 'menu', 'drop-down menu', 'context menu', 'hamburger menu',
  'dashboard', 'wizard', 'click', 'clicking', 'double-click', 'right-click', 'drag and drop',
  'drag-and-drop', 'hyperlink', 'web interface', 'user interface', 'in the ui', 'from the ui', 'via the ui',
  'through the ui', 'staff interface', 'admin interface', 'admin panel', 'control panel', 'keyboard shortcut',
  'keyboard shortcuts', 'hotkey', 'keyboard-based', 'map display', 'timeline display', 'geographical map',
  'interactive map', 'wysiwyg', 'wysiwyg editor', 'information box', 'header information box',
  'progress bar', 'progress indicator', 'spinner', 'map view', 'list view', 'grid view',
  'calendar view', 'table view', 'web form', 'online form', 'pie chart', 'bar chart', 'splash screen',
  'push notification', 'push notifications', 'graphical interface', 'graphical user interface', 'banner',
  'banners', 'font', 'font size', 'chatbot', 'chat bot', 'browser extension', 'chrome extension', 'settings page',
];

/** Prepositions before a product name with a version: "upgrade to Fedora 4", "run on Python 3". */
export const PLACE_PREPOSITIONS = new Set(['on', 'onto', 'to', 'from', 'in', 'into', 'at', 'with', 'using']);

/** Nouns numbered in ordinary prose ("move to Level 2", "in Section 4"): a number after them is no product version. */
export const NUMBERED_NOUNS = new Set([
  'section', 'level', 'phase', 'step', 'stage', 'page', 'year', 'grade', 'tier', 'part', 'chapter', 'version',
  'release', 'sprint', 'round', 'week', 'day', 'month', 'quarter', 'room', 'floor', 'building', 'box', 'line',
  'item', 'question', 'article', 'appendix', 'table', 'figure', 'form', 'schedule', 'unit', 'module', 'lesson',
  'class', 'term', 'semester', 'zone', 'area', 'ward', 'gate', 'platform', 'terminal', 'lane', 'route', 'option',
  'plan', 'type', 'category', 'group', 'team', 'batch', 'wave', 'season', 'episode', 'issue', 'volume', 'key',
]);

/** Words before an interface term that ask for continuity, not a widget: "from the same screen". */
export const CONTINUITY_WORDS = new Set(['same']);

/**
 * A system of the role's own ("my warehouse system", "our ERP"): a story whose statement names one is
 * an integration, and an API or a webhook is what that system needs.
 */
export const OWN_SYSTEM_NOUNS = new Set([
  'system', 'systems', 'software', 'erp', 'crm', 'app', 'application', 'applications', 'tool', 'tools',
  'platform', 'integration', 'script', 'scripts', 'website', 'backend', 'services', 'provider', 'idp',
]);

export const STORAGE_TERMS = [
  'database', 'databases', 'db', 'database table', 'database index', 'database indexes', 'column', 'columns',
  'sql', 'stored procedure', 'primary key', 'foreign key', 'backend', 'back-end', 'back end', 'frontend',
  'front-end', 'server-side', 'cache', 'caching',
];

/**
 * The team's engineering tools and process ("a Git repository with CI", "unit tests of the API"): a
 * solution for a role who does not build (problem-oriented, with the technology terms), build work
 * for a builder (user-perspective).
 */
const ENGINEERING_TOOLS = [
  'middleware', 'etl', 'jupyter', 'git repository', 'code repository', 'repo', 'pull request', 'pull requests', 'ci', 'ci/cd',
  'continuous integration', 'ci pipeline', 'data pipeline', 'scaffold', 'boilerplate', 'unit test', 'unit tests',
  'integration tests', 'test suite', 'code review', 'code reviews', 'configuration file', 'configuration files', 'config file',
  'config files',
];

/** Mechanisms: for a developer or an integration they can be the need itself ("an API to read invoices"). */
export const TECHNOLOGY_TERMS = [
  'an api', 'the api', 'rest api', 'web api', 'api endpoint', 'restful', 'graphql', 'soap', 'microservice',
  'microservices', 'cron', 'cron job', 'cronjob', 'webhook', 'webhooks', 'websocket', 'websockets', 'ajax',
  'lambda', 'unicode', 'utf-8', 'oai', 'oai-pmh', 'ip address', 'ip addresses', 'install script',
  'shell script', 'run a script', 'call a script', 'batch job', 'network drive', 'fingerprinting',
  'content identification', 'ftp', 'sftp', 'regex', 'regular expression', 'iframe', 'plugin', 'plug-in',
  'command line', 'command-line', 'publish command', 'cli command', 'rss', 'rss feed', 'qr code', 'qr codes', 'nfc', 'rfid', 'bluetooth', 'identity provider',
  'single sign-on', 'sso', 'oauth', 'ldap', 'saml', 'asynchronously', 'asynchronous', ...ENGINEERING_TOOLS,
];

/**
 * Techniques and models: how the team might build it, for every role. "Use machine learning to
 * segment customers" names a method where the need is the segments.
 */
export const TECHNIQUE_TERMS = [
  'ai', 'artificial intelligence', 'machine learning', 'deep learning', 'neural network', 'neural networks', 'nlp',
  'natural language processing', 'computer vision', 'ocr', 'optical character recognition', 'data analytics', 'big data',
  'predictive analytics', 'iot', 'internet of things', 'blockchain', 'smart contract', 'smart contracts', 'prediction model',
  'prediction models', 'predictive model', 'predictive models', 'ml model', 'ml models', 'ai model', 'ai models',
  'language model', 'language models', 'statistical model', 'classification model', 'recommendation model',
  'forecasting model', 'regression model', 'algorithm', 'algorithms',
];

/** Devices named as the means ("using a tablet instead of paper forms"): the need is the task done there. */
export const DEVICE_HEADS = new Set(['tablet', 'tablets', 'kiosk', 'kiosks', 'smartwatch', 'smartwatches', 'handheld', 'scanner', 'scanners']);

/**
 * Verbs that adopt a technique, and the heads of what they adopt: "implement extractive methods",
 * "integrate the prediction model", "develop IoT infrastructure". Heads such as "methods" name a
 * technique only after these verbs ("use different payment methods" is the user's choice).
 */
export const TECHNIQUE_ADOPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      [['implement', 'apply', 'employ', 'develop', 'refine', 'write', 'train', 'build'], ['method', 'methods', 'technique', 'techniques', 'model', 'models', 'infrastructure', 'architecture']],
      [['integrate', 'deploy', 'leverage', 'utilize', 'utilise', 'adopt', 'use'], ['model', 'models', 'infrastructure', 'architecture', 'techniques']],
    ] as const
  ).flatMap(([verbs, heads]) => verbs.map((verb) => [verb, new Set<string>(heads)] as const)),
);

/** Heads of a mechanism after "via", "through", "using" or "with": "via a bundle request", "with a reset function". */
export const MECHANISM_HEADS = new Set(['request', 'requests', 'function', 'endpoint', 'endpoints', 'script', 'scripts', 'query', 'queries', 'feed']);
export const INSTRUMENT_PREPOSITIONS = new Set(['via', 'through', 'using', 'with']);

/**
 * Named products: choosing one is a design decision for every role, developers included ("I want New
 * Relic to provide data" names the tool, not the monitoring need).
 */
export const PRODUCT_TERMS = [
  'elasticsearch', 'solr', 'kafka', 'rabbitmq', 'reactjs', 'react native', 'angular', 'vue', 'jquery', 'docker',
  'kubernetes', 'redis', 'postgres', 'postgresql', 'mysql', 'mongodb', 'aws', 's3', 'azure', 'cloud.gov',
  'new relic', 'datadog', 'splunk', 'google maps', 'google analytics', 'slack', 'slack channel', 'whatsapp',
  'microsoft teams', 'ms teams', 'sharepoint', 'dropbox', 'google drive', 'onedrive', 'salesforce',
  'zendesk', 'jira', 'trello', 'mailchimp', 'twilio',
];

/**
 * Words after a product that make it the target of an integration ("a jQuery plugin", "an Elasticsearch
 * integration"): for a technical role the product is then the context, not a chosen solution.
 */
export const INTEGRATION_NOUNS = new Set([
  'plugin', 'plug-in', 'integration', 'connector', 'adapter', 'extension', 'driver', 'client', 'library', 'sdk', 'support',
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
 * What the team builds with: for a builder, asking for one is build work even without a build verb
 * ("As a developer, I want logging middleware", "As the team, we want a Git repository").
 */
export const ENGINEERING_ARTIFACTS = [
  ...ENGINEERING_TOOLS, 'algorithm', 'algorithms', 'wireframe', 'wireframes', 'mockup', 'mockups', 'codebase', 'the code', 'classes', 'framework', 'migration script', 'migration scripts', 'database migration',
  'database migrations', 'seed script', 'seed scripts', 'build script', 'linter', 'logging', 'the model', 'a model', 'models',
  'schema', 'database', 'databases', 'tests', 'release', 'releases',
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

/** Verbs of work on the product itself: what the team does to build or maintain it. */
export const BUILD_VERBS = [
  'implement', 'develop', 'build', 'code', 'program', 'refactor', 'rewrite', 'restructure', 'migrate', 'upgrade', 'port',
  'set up', 'setup', 'configure', 'install', 'deploy', 'host', 'containerize', 'containerise', 'dockerize', 'integrate',
  'design', 'architect', 'model', 'train', 'write tests', 'test', 'unit test', 'add logging', 'log', 'clean up',
  'optimize', 'optimise', 'scale', 'cache', 'index', 'debug', 'fix', 'maintain', 'automate', 'create a pipeline',
  'create the database', 'create a database', 'store', 'persist', 'expose', 'replace', 'split', 'extract', 'move', 'add', 'change',
  'update', 'remove', 'improve',
];

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = new Set(['e.g', 'eg', 'i.e', 'ie', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'no', 'approx', 'incl', 'st', 'fig', 'v', 'jr', 'sr', 'inc', 'ltd', 'co']);
