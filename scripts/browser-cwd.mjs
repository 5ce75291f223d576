// Injected into the browser bundles for `process.cwd` (see scripts/build.mjs): path-browserify
// resolves a relative path against the working directory, and a Web Worker has no process. The web
// host's paths are absolute; should one not be, it resolves against the root instead of crashing.
export const browserCwd = () => '/';
