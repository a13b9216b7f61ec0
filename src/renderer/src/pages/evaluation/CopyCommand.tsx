import { useState } from 'react';
import { t } from '../../i18n/translate';

type CopyState = 'idle' | 'copied' | 'failed';

/** A command in monospace with a copy button; the outcome is announced through a status region. */
export function CopyCommand({ command, label }: { command: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = (): void => {
    const done = (next: CopyState) => () => {
      setState(next);
      setTimeout(() => setState('idle'), 2000);
    };
    if (!navigator.clipboard) return done('failed')();
    navigator.clipboard.writeText(command).then(done('copied'), done('failed'));
  };
  return (
    <div className="copy-command">
      <code className="mono">{command}</code>
      <button type="button" className="button button--small" aria-label={label} onClick={copy}>
        {t('eval.copy')}
      </button>
      <span role="status" className="muted copy-status">
        {state === 'copied' ? t('eval.copied') : state === 'failed' ? t('eval.copyFailed') : ''}
      </span>
    </div>
  );
}
