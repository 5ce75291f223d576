// The ESM build: the package's UMD main uses a dynamic require that bundlers cannot follow.
import { createScanner, findNodeAtLocation, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { LineIndex } from '../markdown/text';
import { yaml } from '../markdown/yaml';

/** A place in a config file, 1-based. */
export interface ConfigPlace {
  line: number;
  column: number;
}

/** A config problem: the CLI prints it as `storylint: file:line:column: message` and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly place?: ConfigPlace,
  ) {
    super(`${file}${place ? `:${place.line}:${place.column}` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export type KeyPath = readonly (string | number)[];

/** A config file's data, with a way back from a key path to where it is written. */
export interface ConfigSource {
  path: string;
  data: unknown;
  locate(keyPath: KeyPath): ConfigPlace | undefined;
}

export const CONFIG_FILE_NAMES = ['.storylintrc.json', '.storylintrc.jsonc', '.storylintrc.yaml', '.storylintrc.yml', 'package.json'] as const;

const placeOf = (lines: LineIndex, offset: number): ConfigPlace => lines.position(offset);

/**
 * The deepest config is a few levels (rules, a rule's options, a list). Far deeper is a generated
 * or corrupt file, and the parsers recurse: it is refused before it can overflow the stack.
 */
const MAX_DEPTH = 64;
const tooDeep = (path: string, place: ConfigPlace) =>
  new ConfigError(path, `nested more than ${MAX_DEPTH} levels deep: a storylint configuration needs only a few levels (rules, their options, lists); remove the extra nesting`, place);

/** Parses JSON, JSONC (comments and trailing commas) or YAML config text. Data only: nothing is executed. */
export function parseConfigText(path: string, text: string): ConfigSource {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /\.ya?ml$/i.test(path) ? parseYaml(path, source) : parseJson(path, source, !/\.json$/i.test(path) || /\.jsonc$/i.test(path));
}

function parseJson(path: string, text: string, allowTrailingComma: boolean): ConfigSource {
  const lines = new LineIndex(text);
  checkJsonDepth(path, text, lines);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma, disallowComments: false });
  const first = errors[0];
  if (first || !tree) {
    const reason = first ? describeJsonError(printParseErrorCode(first.error)) : 'the file is empty';
    throw new ConfigError(path, `invalid JSON: ${reason}`, placeOf(lines, first?.offset ?? 0));
  }
  return {
    path,
    data: valueOf(tree),
    locate: (keyPath) => {
      const node = findNodeAtLocation(tree, [...keyPath]);
      return node ? placeOf(lines, node.parent?.type === 'property' ? node.parent.offset : node.offset) : undefined;
    },
  };
}

/** Counts brackets token by token (strings and comments are single tokens), without recursion. */
function checkJsonDepth(path: string, text: string, lines: LineIndex): void {
  const scanner = createScanner(text, true);
  let depth = 0;
  do {
    scanner.scan();
    const char = text[scanner.getTokenOffset()];
    if (char === '{' || char === '[') {
      if (++depth > MAX_DEPTH) throw tooDeep(path, placeOf(lines, scanner.getTokenOffset()));
    } else if (char === '}' || char === ']') depth--;
  } while (scanner.getPosition() < text.length);
}

const JSON_ERRORS: Record<string, string> = {
  CommaExpected: 'expected a comma',
  ColonExpected: 'expected a colon',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the configuration',
  InvalidSymbol: 'unexpected character',
  UnexpectedEndOfString: 'unterminated string',
};
const describeJsonError = (code: string) => JSON_ERRORS[code] ?? code;

/** jsonc-parser's tree to plain data, without prototype keys taking effect. */
function valueOf(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = Object.create(null);
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) result[String(key.value)] = valueOf(value);
      }
      return { ...result };
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

function parseYaml(path: string, text: string): ConfigSource {
  const lines = new LineIndex(text);
  const { isNode, parseDocument } = yaml();
  // The core schema builds plain data only: no custom tags, nothing executed.
  const document = parseDocument(text, { schema: 'core', prettyErrors: false, uniqueKeys: true });
  // The composer reports the stack overflow of a deep collection as resource exhaustion.
  const exhausted = document.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) throw tooDeep(path, placeOf(lines, exhausted.pos[0]));
  const error = document.errors[0];
  if (error) throw new ConfigError(path, `invalid YAML: ${error.message.split('\n')[0]}`, placeOf(lines, error.pos[0]));
  const deep = nodeDeeperThanMax(document.contents);
  if (deep) throw tooDeep(path, placeOf(lines, deep.range?.[0] ?? 0));
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 50 });
  } catch (cause) {
    throw new ConfigError(path, `invalid YAML: ${(cause as Error).message}`);
  }
  return {
    path,
    data: data ?? {},
    locate: (keyPath) => {
      const node = document.getIn([...keyPath], true);
      return isNode(node) && node.range ? placeOf(lines, node.range[0]) : undefined;
    },
  };
}

/** The first YAML collection nested deeper than MAX_DEPTH, found without recursion (toJS recurses). */
function nodeDeeperThanMax(root: unknown): { range?: readonly number[] | null } | undefined {
  const { isCollection, isPair } = yaml();
  const stack: [node: unknown, depth: number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) stack.push([node.key, depth], [node.value, depth]);
    else if (isCollection(node)) {
      if (depth === MAX_DEPTH) return node;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** The `storylint` key of a package.json, or undefined when it has none (or is not valid JSON: not our file). */
export function packageJsonConfig(path: string, text: string): ConfigSource | undefined {
  let parsed: ConfigSource;
  try {
    parsed = parseJson(path, text, false);
  } catch {
    return undefined;
  }
  const data = parsed.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !('storylint' in data)) return undefined;
  return { path, data: data.storylint, locate: (keyPath) => parsed.locate(['storylint', ...keyPath]) };
}
