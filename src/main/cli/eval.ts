/**
 * `npm run eval -- --dataset <name|path> --model <spec> [--json] [--masked] ...`: offline
 * evaluation of one baseline (or session-rec's reference lists) with full ranking; prints the
 * result and stores it under .data/eval-results/ for the console. See docs/EVALUATION.md.
 */
import { resolve } from 'node:path';
import { parseEvalArgs } from '../engine/eval/runner/cli-options';
import { runEvalCommand } from '../engine/eval/runner/eval-command';

async function main(): Promise<void> {
  const options = parseEvalArgs(process.argv.slice(2));
  const output = await runEvalCommand(options, resolve(__dirname, '../../..'));
  process.stdout.write(options.json ? `${JSON.stringify(output)}\n` : `${JSON.stringify(output, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
