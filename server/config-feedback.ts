// What the user hears about the configuration: one current problem at a time, never an old one
// again, and once that the configuration is valid again.
import { isAbsolute, relative, sep } from 'node:path';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { CONFIG_STATUS_NOTIFICATION, CONFIG_VALID_AGAIN, type ConfigProblem, type ConfigStatus } from '../protocol';
import type { ConfigProblemReport } from './config';
import { notify } from './messages';

/** The sentence shown for a problem: where, what, and which configuration applies until it is fixed. */
export function problemMessage({ error, root, using }: ConfigProblemReport): string {
  const file = error.file.startsWith(root + sep) ? relative(root, error.file).split(sep).join('/') : error.file;
  const where = error.place ? `${file}:${error.place.line}:${error.place.column}` : file;
  const meanwhile =
    using === 'last-valid'
      ? 'using the last valid configuration until it is fixed'
      : 'using the default rules until it is fixed (this folder has had no valid configuration yet)';
  return `Storylint configuration problem: ${where}: ${error.detail}; ${meanwhile}.`;
}

/**
 * The configuration's state as the user sees it. Each reload is a round: the first problem a round
 * meets is shown unless it is the one already shown; a round that ends (its scan done) without a
 * problem after one was shown says once that the configuration is valid again. A client that asked
 * for `storylint/configStatus` gets the state and shows it (with "Open config"); any other gets
 * plain LSP messages.
 */
export class ConfigFeedback {
  private shown: ConfigProblem | undefined;
  private round = 0;
  private roundHasProblem = false;
  /** The round met an empty config file: not a problem to show, nor a valid state to announce. */
  private roundSettling = false;
  private notifies = false;

  constructor(
    private readonly connection: Connection,
    private readonly uriOf: (filePath: string) => string,
  ) {}

  /** The client's initializationOptions say whether it shows `storylint/configStatus` itself. */
  initialize(params: InitializeParams): void {
    this.notifies = (params.initializationOptions as { configStatus?: unknown } | undefined)?.configStatus === true;
  }

  /** A reload starts: problems are reported against the round returned, so a superseded reload's are dropped. */
  startRound(): number {
    this.roundHasProblem = false;
    this.roundSettling = false;
    return ++this.round;
  }

  /** The round's files have all been asked for their config: no problem met means none is current. */
  endRound(round: number): void {
    if (round !== this.round || this.roundHasProblem || this.roundSettling || !this.shown) return;
    this.shown = undefined;
    this.send({});
  }

  report(round: number, report: ConfigProblemReport): void {
    const { error, settling } = report;
    this.connection.console.error(`storylint: ${error.message}${settling ? ' (the file is empty: ignored until it has content)' : ''}`);
    if (round !== this.round) return;
    if (settling) {
      this.roundSettling = true;
      return;
    }
    if (this.roundHasProblem) return; // one at a time
    this.roundHasProblem = true;
    const message = problemMessage(report);
    if (this.shown?.message === message) return;
    this.shown = { message, ...(isAbsolute(error.file) ? { uri: this.uriOf(error.file) } : {}), ...error.place };
    this.send({ problem: this.shown });
  }

  private send(status: ConfigStatus): void {
    if (this.notifies) void this.connection.sendNotification(CONFIG_STATUS_NOTIFICATION, status);
    else if (status.problem) notify(this.connection, 'warning', status.problem.message);
    else notify(this.connection, 'info', CONFIG_VALID_AGAIN);
  }
}
