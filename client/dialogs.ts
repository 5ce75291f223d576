import * as vscode from 'vscode';

/** How loud a message is. */
export type MessageSeverity = 'info' | 'warning' | 'error';

/** The messages the extension shows with buttons. */
export interface Dialogs {
  /** Resolves to the button chosen, undefined when the message was dismissed (a modal's Cancel). */
  show(severity: MessageSeverity, message: string, options: vscode.MessageOptions, ...actions: string[]): Thenable<string | undefined>;
}

const SHOW = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage } as const;

/**
 * Every message with buttons goes through here: the editor tests replace `show` (through the
 * extension's API) to read what the user is shown and to answer a modal, which no test can click.
 */
export const dialogs: Dialogs = {
  show: (severity, message, options, ...actions) => SHOW[severity](message, options, ...actions),
};
