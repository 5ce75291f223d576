// The commands the server runs for the client (workspace/executeCommand): fixes, documentation, findings.
import type { Connection } from 'vscode-languageserver';
import { RULE_DOCS_SCHEME, SERVER_COMMANDS } from '../protocol';
import type { WorkspaceConfig } from './config';
import { rangeOf, ruleDocsLink } from './diagnostics';
import { type EditSupport, forClient } from './edits';
import { applyWorkspaceFix, fileFixEdit } from './fixes';
import type { Project, ProjectFile } from './project';

/** What a command needs of the server. */
export interface CommandHost {
  connection: Connection;
  editSupport: EditSupport;
  /** The file a command is about, linted as published. */
  fileFor(uri: string): Promise<ProjectFile | undefined>;
  project(): Project;
  /** The project and config once every pending edit, the scan and both passes are done. */
  settled(): Promise<{ project: Project; config: WorkspaceConfig }>;
}

export async function runCommand(command: string, args: readonly unknown[], host: CommandHost): Promise<void> {
  const { connection } = host;
    switch (command) {
      case SERVER_COMMANDS.showDocumentation: {
        // The page inside the extension opens in the editor (the client shows storylint-docs: pages), a published one in the browser.
        const uri = ruleDocsLink(String(args[0]));
        await connection.window.showDocument({ uri, external: !uri.startsWith(`${RULE_DOCS_SCHEME}:`) });
        return;
      }
      case SERVER_COMMANDS.fixFile:
      case SERVER_COMMANDS.fixStory: {
        const file = await host.fileFor(String(args[0]));
        const edit = file && fileFixEdit(host.project(), file, command === SERVER_COMMANDS.fixStory ? Number(args[1]) : undefined);
        if (edit) await connection.workspace.applyEdit({ label: 'Fix storylint problems', edit: forClient(edit, host.editSupport)! });
        return;
      }
      case SERVER_COMMANDS.fixWorkspace: {
        const { project, config } = await host.settled();
        return applyWorkspaceFix(connection, project, (filePath) => config.rootOf(filePath), host.editSupport, args[0]);
      }
      case SERVER_COMMANDS.showFindings: {
        const file = await host.fileFor(String(args[0]));
        const first = file?.result?.findings.find((finding) => finding.storyIndex === Number(args[1]));
        if (file && first) await connection.window.showDocument({ uri: file.uri, selection: rangeOf(file.document, first.span), takeFocus: true });
        return;
      }
    }
}
