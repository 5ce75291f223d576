/**
 * Word lists the statement rules share. They are curated, not learnt: each entry was checked against
 * real backlogs (the Dalpiaz 2018 corpus), and a rule's doc says what its list cannot tell apart.
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
];

export const STORAGE_TERMS = [
  'database', 'databases', 'db', 'database table', 'database index', 'database indexes', 'column', 'columns',
  'sql', 'stored procedure', 'primary key', 'foreign key', 'backend', 'back-end', 'back end', 'frontend',
  'front-end', 'server-side', 'cache', 'caching',
];

export const TECHNOLOGY_TERMS = [
  'an api', 'the api', 'rest api', 'web api', 'api endpoint', 'restful', 'graphql', 'soap', 'elasticsearch',
  'solr', 'kafka', 'rabbitmq', 'react', 'angular', 'vue', 'jquery', 'microservice', 'microservices', 'cron',
  'cron job', 'cronjob', 'webhook', 'webhooks', 'websocket', 'websockets', 'ajax', 'docker', 'kubernetes',
  'redis', 'postgres', 'postgresql', 'mysql', 'aws', 'lambda', 's3', 'azure', 'cloud.gov', 'new relic',
  'google maps', 'unicode', 'utf-8', 'oai', 'oai-pmh', 'ip address', 'ip addresses', 'install script',
  'shell script', 'run a script', 'call a script', 'batch job', 'network drive', 'fingerprinting',
  'content identification', 'ftp', 'sftp', 'blockchain', 'machine learning', 'neural network', 'regex',
  'regular expression', 'iframe', 'plugin', 'plug-in',
];

/** Roles whose own work is the interface: for a UI designer "the Resources page" is the work object. */
export const DESIGN_ROLE_WORDS = ['designer', 'designers', 'visualdesigner', 'ux', 'ui'];

/**
 * Roles who consume technology: for a developer an API or a plugin is the need. Storage still counts
 * ("add it to the database" prescribes the design for developers too).
 */
export const TECHNICAL_ROLE_WORDS = ['developer', 'developers', 'engineer', 'engineers', 'programmer', 'devops', 'integrator', 'api'];

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = new Set(['e.g', 'eg', 'i.e', 'ie', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'no', 'approx', 'incl', 'st', 'fig', 'v', 'jr', 'sr', 'inc', 'ltd', 'co']);
