import { useAppStore } from '../../app/StoresContext';
import { RankedItemList } from '../../components/RankedItemList';
import { eventTypeLabel } from '../../components/EventTypeBadge';
import { ChannelLegend } from '../../components/ExplanationBar';
import { formatTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { IntentSummaryView } from './IntentSummaryView';

/** The chosen event's moment: the intent the engine inferred, and the top-k list it would have shown. */
export function StepDetails() {
  const inspection = useAppStore('inspector', (s) => s.inspection);
  const stepIndex = useAppStore('inspector', (s) => s.stepIndex);
  const step = inspection && stepIndex !== null ? inspection.steps[stepIndex] : undefined;
  if (!step || stepIndex === null) return null;
  return (
    <section className="panel step-details" aria-labelledby="step-title" aria-live="polite">
      <h2 id="step-title">{t('inspector.step.title', { index: stepIndex + 1, type: eventTypeLabel(step.event.type), time: formatTime(step.event.ts) })}</h2>
      <IntentSummaryView intent={step.intent} />
      <h3>{t('inspector.step.recs', { k: step.recommendations.length })}</h3>
      <ChannelLegend />
      <RankedItemList items={step.recommendations} testId="step-recommendations" label={t('inspector.step.recs', { k: step.recommendations.length })} />
    </section>
  );
}
