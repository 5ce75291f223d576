import type { Plugin } from 'esbuild';

/** The first paragraph under "## Why" of a rule doc. */
export function whyOf(doc: string): string;
export const ruleDocsPlugin: Plugin;
