import { t } from '../../i18n/translate';
import type { EngineVersions } from '../../transport/contract';

/** The About box: versions of Instinct, Electron (desktop app only), Node, ONNX Runtime and each model. */
export function AboutPanel({ versions }: { versions: EngineVersions }) {
  const rows: Array<[string, string]> = [
    [t('settings.about.instinct'), versions.instinct],
    [t('settings.about.electron'), versions.electron ?? t('settings.about.none')],
    [t('settings.about.node'), versions.node],
    [t('settings.about.onnx'), versions.onnxRuntime ?? t('settings.about.none')],
    ...versions.models.map((m): [string, string] => [t('settings.about.model', { name: m.name }), m.version]),
  ];
  return (
    <section className="panel" aria-labelledby="about-title" data-testid="about-panel">
      <h2 id="about-title">{t('settings.about.title')}</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid="about-version">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
