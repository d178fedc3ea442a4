// The `oom-lens` executable: a thin shell over cli-core.ts.
import { runCli } from './cli-core';

try {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  });
} catch (error) {
  process.stderr.write(`oom-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
