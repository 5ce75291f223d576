/** Expected texts (tests/vscode/expected/*.md) are bundled as strings by esbuild's text loader. */
declare module '*.md' {
  const text: string;
  export default text;
}
