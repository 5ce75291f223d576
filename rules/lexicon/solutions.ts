/*
 * What counts as a solution in a means (problem-oriented): a story that names one decides the design
 * before the team has understood the need. Interface, storage, technology, technique and product
 * terms, and the words around them that tell a solution from the need.
 * Curated, not learnt: each entry was checked against real backlogs (the Dalpiaz 2018 corpus), and a
 * rule's doc says what its list cannot tell apart.
 */

/**
 * Interface widgets and layouts. File formats the user works in ("Excel", "CSV", "JSON") are not
 * listed: they are usually the need itself.
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

/** Words before an interface term that ask for continuity, not a widget: "from the same screen". */
export const CONTINUITY_WORDS = new Set(['same']);

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
export const ENGINEERING_TOOLS = [
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

/** Devices named as the means ("using a tablet instead of paper forms"): the need is the task done there. */
export const DEVICE_HEADS = new Set(['tablet', 'tablets', 'kiosk', 'kiosks', 'smartwatch', 'smartwatches', 'handheld', 'scanner', 'scanners']);

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

/**
 * A system of the role's own ("my warehouse system", "our ERP"): a story whose statement names one is
 * an integration, and an API or a webhook is what that system needs.
 */
export const OWN_SYSTEM_NOUNS = new Set([
  'system', 'systems', 'software', 'erp', 'crm', 'app', 'application', 'applications', 'tool', 'tools',
  'platform', 'integration', 'script', 'scripts', 'website', 'backend', 'services', 'provider', 'idp',
]);
