/*
 * What the team does and delivers, as against what changes for people: delivery verbs, delivered
 * states and deliverables (output, for outcome-not-output), and the build work on the product itself
 * (a team's task, for user-perspective).
 */
import { ENGINEERING_TOOLS } from './solutions';

/** Verbs of delivery: what the team does, not what changes for anyone. */
export const DELIVERY_VERBS: ReadonlySet<string> = new Set([
  'ship', 'ships', 'shipping', 'release', 'releases', 'releasing', 'deliver', 'delivers', 'delivering', 'launch',
  'launches', 'launching', 'build', 'builds', 'building', 'implement', 'implements', 'implementing', 'complete',
  'completes', 'completing', 'finish', 'finishes', 'finishing', 'deploy', 'deploys', 'deploying', 'develop',
  'develops', 'developing', 'rollout', 'roll', 'merge',
]);

/** States of a deliverable: "the feature is live", "the story is done". */
export const DELIVERED_STATES: ReadonlySet<string> = new Set([
  'done', 'complete', 'completed', 'finished', 'shipped', 'released', 'delivered', 'launched', 'built',
  'implemented', 'deployed', 'live', 'merged', 'developed', 'coded',
]);

/** What a team ships: the object of a delivery verb. */
export const DELIVERABLES: ReadonlySet<string> = new Set([
  'feature', 'features', 'page', 'pages', 'story', 'stories', 'epic', 'sprint', 'release', 'version', 'project',
  'functionality', 'product', 'app', 'screen', 'site', 'website', 'module', 'code', 'ticket', 'task', 'tasks',
  'work', 'mvp', 'integration', 'redesign', 'update', 'build', 'backlog', 'roadmap', 'milestone', 'poc', 'prototype',
  'change', 'changes', 'component', 'requirement', 'requirements', 'it', 'this',
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

/**
 * What the team builds with: for a builder, asking for one is build work even without a build verb
 * ("As a developer, I want logging middleware", "As the team, we want a Git repository").
 */
export const ENGINEERING_ARTIFACTS = [
  ...ENGINEERING_TOOLS, 'algorithm', 'algorithms', 'wireframe', 'wireframes', 'mockup', 'mockups', 'codebase', 'the code', 'classes', 'framework', 'migration script', 'migration scripts', 'database migration',
  'database migrations', 'seed script', 'seed scripts', 'build script', 'linter', 'logging', 'the model', 'a model', 'models',
  'schema', 'database', 'databases', 'tests', 'release', 'releases',
];
