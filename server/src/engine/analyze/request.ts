// What a caller asks the engine to analyse.
import type { Options } from '../options';
import type { WorkspaceView } from '../source';
import type { YamlParseCache } from '../yaml/incremental';
import type { Mode } from './run-rules';

export interface AnalyzeRequest {
  /** A file path (CLI) or URI (editor): used to tell Dockerfiles, YAML and Helm templates apart. */
  uri: string;
  text: string;
  languageId?: string;
  options: Options;
  mode: Mode;
  /** For Helm detection: whether a `Chart.yaml` sits above a `templates/` folder holding this file. */
  hasChartYaml?: boolean;
  /** LimitRanges, ConfigMaps and linked Dockerfiles from the other files of the workspace or the CLI run. */
  workspace?: WorkspaceView;
  /** The editor's per-document parse cache: a keystroke re-parses only the YAML documents it touched. */
  yamlCache?: YamlParseCache;
}
