import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FIX_PLAN_REQUEST, type FixPlan, fixPlanQuestion, SERVER_COMMANDS } from '../protocol';
import { dialogs } from './dialogs';

export const APPLY = 'Apply';

/** One line per file of the modal's detail: "stories/refunds.md: 3 fixes". */
const planDetail = (plan: FixPlan): string => plan.files.map((file) => `${file.name}: ${file.fixes === 1 ? '1 fix' : `${file.fixes} fixes`}`).join('\n');

/**
 * "Fix all problems in the workspace": the server says what it would change (backlog files only),
 * the user confirms in a modal with the counts and the file names, and only the confirmed files are fixed.
 */
export function registerFixWorkspace(context: vscode.ExtensionContext, client: Pick<BaseLanguageClient, 'sendRequest'>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('storylint.fixAllInWorkspace', async () => {
      const plan = await client.sendRequest<FixPlan>(FIX_PLAN_REQUEST);
      if (plan.files.length === 0) {
        void dialogs.show('info', 'Storylint found nothing to fix in the backlog files of the workspace.', {});
        return;
      }
      const answer = await dialogs.show('warning', fixPlanQuestion(plan), { modal: true, detail: planDetail(plan) }, APPLY);
      if (answer !== APPLY) return;
      await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixWorkspace, arguments: [plan.files.map((file) => file.uri)] });
    }),
  );
}
