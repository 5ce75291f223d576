/** Bundled at build time by scripts/rule-docs-plugin.mjs: rule name → first paragraph of its "## Why". */
declare module 'storylint:rule-docs' {
  const whyTexts: Readonly<Record<string, string>>;
  export default whyTexts;
}
