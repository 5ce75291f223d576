// The engine result behind each public LintResult. Not exported from the package: its types would
// pull the engine's declarations (and their parse-tree types) into what users install.
import type { FileResult } from '../core/engine/lint';
import type { FormattedResult } from '../report/formatters';
import type { LintResult } from './types';

const engineResults = new WeakMap<LintResult, FileResult>();

export const rememberEngineResult = (result: LintResult, engine: FileResult): void => void engineResults.set(result, engine);

/** What a formatter reads of a result: the engine's (text and stories, so `format` prints what the CLI prints), or the public fields of a result made elsewhere. */
export const formattedResultOf = (result: LintResult): FormattedResult => engineResults.get(result) ?? { filePath: result.filePath, findings: result.findings, suppressed: result.suppressed };
