/** Numbers and counted nouns as the report's formats write them. */

/** 1,234 */
export const number = (value: number): string => value.toLocaleString('en-US');
/** "1 story", "3 stories" */
export const count = (value: number, singular: string, plural = `${singular}s`): string => `${number(value)} ${value === 1 ? singular : plural}`;
