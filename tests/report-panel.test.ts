import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The panel against a stand-in for the `vscode` module (the real editor runs in tests/vscode/): it
 * records what the panel asks of the editor and lets the test play the webview's and the editor's part.
 */
const editor = vi.hoisted(() => {
  type Listener = (value: unknown) => void;
  const emitter = () => {
    const listeners: Listener[] = [];
    const event = (listener: Listener) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    };
    return { event, fire: (value: unknown) => [...listeners].forEach((listener) => listener(value)), clear: () => (listeners.length = 0) };
  };
  const state = {
    commands: new Map<string, () => Promise<void>>(),
    panels: [] as { options: Record<string, unknown>; webview: { html: string }; visible: boolean; receive: ReturnType<typeof emitter>; viewState: ReturnType<typeof emitter>; dispose: ReturnType<typeof emitter> }[],
    opened: [] as { uri: { path: string }; options: { selection: { start: { line: number } } } }[],
    changes: emitter(),
    workspaceRoot: '/work/backlog',
  };
  const uri = (path: string) => ({ scheme: 'file', path });
  const vscode = {
    ViewColumn: { Active: -1, One: 1 },
    Uri: { file: uri, parse: (text: string) => uri(text.replace(/^file:\/\//, '')) },
    Position: class {
      constructor(
        readonly line: number,
        readonly character: number,
      ) {}
    },
    Range: class {
      constructor(
        readonly start: unknown,
        readonly end: unknown,
      ) {}
    },
    commands: {
      registerCommand: (id: string, run: () => Promise<void>) => {
        state.commands.set(id, run);
        return { dispose() {} };
      },
    },
    window: {
      createWebviewPanel: (_type: string, _title: string, _column: number, options: Record<string, unknown>) => {
        const panel = { options, webview: { html: '', onDidReceiveMessage: null as unknown }, visible: true, receive: emitter(), viewState: emitter(), dispose: emitter() };
        state.panels.push(panel);
        return {
          webview: Object.assign(panel.webview, { onDidReceiveMessage: panel.receive.event }),
          get visible() {
            return panel.visible;
          },
          reveal() {},
          onDidDispose: panel.dispose.event,
          onDidChangeViewState: panel.viewState.event,
          dispose: () => panel.dispose.fire(undefined),
        };
      },
      showTextDocument: async (target: { path: string }, options: { selection: { start: { line: number } } }) => {
        state.opened.push({ uri: target, options });
      },
    },
    workspace: {
      onDidChangeTextDocument: state.changes.event,
      createFileSystemWatcher: () => ({ onDidCreate: () => ({ dispose() {} }), onDidChange: () => ({ dispose() {} }), onDidDelete: () => ({ dispose() {} }), dispose() {} }),
      getWorkspaceFolder: (target: { path: string }) => (target.path.startsWith(`${state.workspaceRoot}/`) ? { uri: uri(state.workspaceRoot) } : undefined),
    },
  };
  return { state, vscode };
});

vi.mock('vscode', () => editor.vscode);

const { registerReportPanel, SHOW_REPORT_COMMAND } = await import('../client/report-panel');

describe('report panel', () => {
  let reports: string[];
  const requests: string[] = [];
  const client = {
    sendRequest: async (method: string) => {
      requests.push(method);
      return { html: reports.shift() ?? '' };
    },
  };
  const page = (body: string, nonce = 'n1') => `<!doctype html><meta content="script-src 'nonce-${nonce}'"><p>${body}</p>`;

  beforeEach(() => {
    vi.useFakeTimers();
    editor.state.commands.clear();
    editor.state.changes.clear();
    editor.state.panels.length = 0;
    editor.state.opened.length = 0;
    requests.length = 0;
    registerReportPanel({ subscriptions: [] } as never, client as never);
  });
  afterEach(() => vi.useRealTimers());

  it('registers the command, and shows the server\'s report in a webview that may load nothing', async () => {
    reports = [page('first')];
    await editor.state.commands.get(SHOW_REPORT_COMMAND)!();
    expect(SHOW_REPORT_COMMAND).toBe('storylint.showReport');
    expect(requests).toEqual(['storylint/report']);
    const [panel] = editor.state.panels;
    expect(panel!.options).toMatchObject({ enableScripts: true, localResourceRoots: [] });
    expect(panel!.webview.html).toBe(page('first'));
  });

  it('rebuilds the report when a Markdown file changes, once typing pauses', async () => {
    reports = [page('first'), page('second', 'n2')];
    await editor.state.commands.get(SHOW_REPORT_COMMAND)!();
    editor.state.changes.fire({ document: { uri: { path: '/work/backlog/a.md' } } });
    editor.state.changes.fire({ document: { uri: { path: '/work/backlog/a.md' } } });
    editor.state.changes.fire({ document: { uri: { path: '/work/backlog/settings.json' } } });
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(requests).toHaveLength(2);
    expect(editor.state.panels[0]!.webview.html).toBe(page('second', 'n2'));
  });

  it('keeps the page (scroll, sort order) when only the nonce changed', async () => {
    reports = [page('same', 'n1'), page('same', 'n2')];
    await editor.state.commands.get(SHOW_REPORT_COMMAND)!();
    editor.state.changes.fire({ document: { uri: { path: '/work/backlog/a.md' } } });
    await vi.advanceTimersByTimeAsync(600);
    expect(requests).toHaveLength(2);
    expect(editor.state.panels[0]!.webview.html).toBe(page('same', 'n1'));
  });

  it('opens the story a click names, at its line, inside the workspace only', async () => {
    reports = [page('first')];
    await editor.state.commands.get(SHOW_REPORT_COMMAND)!();
    const receive = editor.state.panels[0]!.receive;
    receive.fire({ command: 'open', file: '/work/backlog/checkout.md', line: 22 });
    receive.fire({ command: 'open', file: '/etc/passwd', line: 1 });
    receive.fire({ command: 'open', file: '/work/backlog/checkout.md', line: 0 });
    receive.fire({ command: 'run', file: '/work/backlog/checkout.md', line: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.state.opened.map((call) => [call.uri.path, call.options.selection.start.line])).toEqual([['/work/backlog/checkout.md', 21]]);
  });

  it('shows a readable message when the server cannot build the report', async () => {
    const failing = { sendRequest: async () => Promise.reject(new Error('server <stopped>')) };
    editor.state.commands.clear();
    registerReportPanel({ subscriptions: [] } as never, failing as never);
    await editor.state.commands.get(SHOW_REPORT_COMMAND)!();
    const html = editor.state.panels.at(-1)!.webview.html;
    expect(html).toContain('The backlog report could not be built: server &#60;stopped&#62;');
    expect(html).toContain(`content="default-src 'none'"`);
  });
});
