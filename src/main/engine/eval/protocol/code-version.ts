import { execFileSync } from 'node:child_process';

/** The code a run was made with: the commit and whether the working tree had uncommitted changes. */
export interface CodeVersion {
  sha: string | null;
  dirty: boolean;
}

/** Reads `git rev-parse HEAD` and `git status --porcelain` (read-only); a checkout without git gives `sha: null`. */
export function codeVersion(repoRoot: string): CodeVersion {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { sha, dirty: status.trim() !== '' };
  } catch {
    return { sha: null, dirty: false };
  }
}
