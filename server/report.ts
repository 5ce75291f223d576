// The answer to storylint/report (protocol/): the backlog report, as the CLI's HTML report renders it.
import { renderReportHtml } from '../report/formatters/html';
import type { ReportResponse } from '../protocol';
import { rules } from '../rules';
import type { Project } from './project';

/** The report of every file's result: the same results as the diagnostics, one source of truth. Its links name files by the editor's URI. */
export function backlogReport(project: Project, cwd: string | undefined, uriOf: (filePath: string) => string): ReportResponse {
  const results = project.allByPath().flatMap((file) => (file.result ? [file.result] : []));
  return { html: renderReportHtml(results, { webview: true, fileAddress: uriOf, cwd, rules }) };
}
