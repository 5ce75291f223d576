// What problem evidence is made of (require-evidence): where it comes from, and measurements already made.

/**
 * Where problem evidence comes from: research, support channels and the records a business keeps.
 * Compared by `stemLite`, so "interviewed", "interviews" and "interviewing" all count; a source
 * alone is not evidence, it needs something specific next to it.
 */
export const EVIDENCE_SOURCES: readonly string[] = [
  'interview', 'survey', 'questionnaire', 'analytics', 'data', 'funnel', 'dashboard', 'metrics', 'log', 'logs',
  'ticket', 'complaint', 'complain', 'observation', 'observed', 'observing', 'shadow', 'shadowing', 'usability',
  'experiment', 'split-test', 'calls', 'call', 'nps', 'csat', 'ces', 'feedback', 'review', 'heatmap',
  'recording', 'research', 'study', 'studies', 'focus', 'diary', 'transcript', 'session', 'telemetry', 'mixpanel',
  'amplitude', 'hotjar', 'fullstory', 'zendesk', 'intercom', 'salesforce', 'churn', 'cancellation', 'email',
  'incident', 'audit', 'benchmark', 'pilot', 'beta', 'prototype', 'test', 'tested', 'testing', 'quote', 'verbatim',
  'report', 'reported', 'request', 'requested', 'asked', 'escalation', 'chat', 'visit', 'workshop', 'sample',
  'respondent', 'participant', 'telematics', 'chargeback', 'export', 'spreadsheet', 'statistics', 'stats',
  'database', 'crm', 'erp', 'timesheet',
];

/**
 * Verbs of a measurement already made ("we timed 40 applications", "managers logged 412 parcels").
 * Exact words, not stems: "timed" is a measurement, "time" is not.
 */
export const MEASUREMENT_VERBS: readonly string[] = [
  'timed', 'counted', 'logged', 'measured', 'tracked', 'sampled', 'audited', 'reviewed', 'recorded', 'analysed',
  'analyzed', 'monitored', 'tallied', 'surveyed', 'polled', 'benchmarked', 'clocked', 'traced', 'exported',
];
