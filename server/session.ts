import type { WorkspaceConfig } from './config';
import type { Project } from './project';
import type { ServerSettings } from './settings';

/** What one reload builds from the settings and config files: a newer reload replaces it, and work on an older one stops. */
export interface Session {
  settings: ServerSettings;
  config: WorkspaceConfig;
  project: Project;
  /** The workspace scan finished: the project holds every file of the workspace. */
  scanned: boolean;
  /** Its config problems are reported against this round (config-feedback.ts). */
  round: number;
}
