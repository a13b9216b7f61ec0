/**
 * Files the operating system hands to Instinct (file associations for .csv and .jsonl): found in a
 * second instance's command line, or in macOS's open-file event, and passed to the console's Import
 * page. Pure, so it is unit-tested without Electron.
 */
import { isAbsolute, resolve } from 'node:path';

const IMPORTABLE = /\.(csv|jsonl|ndjson)$/i;

export function isImportableFile(path: string): boolean {
  return IMPORTABLE.test(path);
}

/**
 * The importable files named on a command line. argv[0] is the executable (and, unpackaged, argv[1]
 * the app's folder); switches (`--flag`) are never files. Relative paths are resolved against the
 * second instance's working directory.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && isImportableFile(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}
