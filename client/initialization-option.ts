import type { StaticFeature } from 'vscode-languageclient';

/**
 * A client feature that only sets `initializationOptions[name] = true`: how the extension tells the
 * server it shows something itself (config status, rule pages) that other editors get another way.
 */
export const initializationOption = (name: string): StaticFeature => ({
  fillInitializeParams: (params) => {
    params.initializationOptions = { ...(params.initializationOptions as object | undefined), [name]: true };
  },
  fillClientCapabilities: () => undefined,
  initialize: () => undefined,
  getState: () => ({ kind: 'static' }),
  clear: () => undefined,
});
