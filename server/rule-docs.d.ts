/** Bundled at build time by scripts/rule-docs-plugin.mjs: rule name → first paragraph of its "## Why". */
declare module 'storylint:rule-docs' {
  const whyTexts: Readonly<Record<string, string>>;
  export default whyTexts;
}

/** Bundled into the web server by scripts/rule-docs-plugin.mjs: rule name → its whole page (the worker has no disk to read it from). */
declare module 'storylint:rule-pages' {
  const pages: Readonly<Record<string, string>>;
  export default pages;
}
