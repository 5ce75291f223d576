import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';

/**
 * A message for the person, sent as window/showMessage: a notification, not showWarningMessage's
 * request. There is nothing to answer, and some clients (Neovim) prompt for a choice on a request.
 */
export function notify(connection: Pick<Connection, 'sendNotification'>, type: 'info' | 'warning', message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type: type === 'info' ? MessageType.Info : MessageType.Warning, message });
}
