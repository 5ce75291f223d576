// Gherkin's vocabulary.

/** Gherkin step keywords: never vague terms, whatever the configured list says. */
export const GHERKIN_STEPS: ReadonlySet<string> = new Set(['given', 'when', 'then', 'and', 'but']);
