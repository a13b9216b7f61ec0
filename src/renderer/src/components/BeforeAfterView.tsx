import type { ItemMove, RulePreviewResult } from '../transport/contract';
import { t } from '../i18n/translate';

/** The change of one item in words and an arrow: "↑ 2", "↓ 3", "=", "removed", "new". */
export function moveLabel(m: ItemMove): string {
  if (m.move === 'removed') return t('beforeAfter.removed');
  if (m.move === 'entered') return t('beforeAfter.entered');
  if (m.before === null || m.move === 'same') return t('beforeAfter.same');
  if (m.after === null) return t('beforeAfter.pushedOut');
  return m.move === 'up' ? t('beforeAfter.up', { places: m.before - m.after }) : t('beforeAfter.down', { places: m.after - m.before });
}

/** The id the engine gives a new rule it was asked to preview without storing it. */
const NEW_DRAFT_ID = 'r-new';

/** A rule as the view names it: a new draft is "this rule". */
function ruleName(ruleId: string, draft: boolean): string {
  return draft && ruleId === NEW_DRAFT_ID ? t('beforeAfter.draftRule') : ruleId;
}

function actionsOf(m: ItemMove, draft: boolean): string {
  return m.rules.map((r) => t(`beforeAfter.action.${r.action}`, { ruleId: ruleName(r.ruleId, draft) })).join(', ');
}

function Row({ m, side, draft }: { m: ItemMove; side: 'before' | 'after'; draft: boolean }) {
  const buried = m.rules.some((r) => r.action === 'buried');
  const position = side === 'before' ? m.before : m.after;
  const classes = ['ba-item', `ba-item--${m.move}`, buried ? 'ba-item--buried' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} data-testid={`before-after-${side}-item`} data-item-id={m.itemId} data-brand={m.brand ?? ''} data-move={m.move} data-before={m.before ?? ''} data-after={m.after ?? ''} data-actions={m.rules.map((r) => r.action).join(' ')}>
      <span className="ba-pos">{position ?? '—'}</span>
      <span className="ba-title ellipsis" title={`${m.itemId} · ${m.brand ?? ''}`}>
        {m.title}
        {m.brand ? <span className="muted small"> · {m.brand}</span> : null}
      </span>
      {side === 'after' || m.rules.length > 0 || m.after === null ? (
        <span className={`ba-delta ba-delta--${m.move}`}>
          {moveLabel(m)}
          {m.rules.length > 0 ? <span className="ba-actions"> · {actionsOf(m, draft)}</span> : null}
        </span>
      ) : null}
    </li>
  );
}

/**
 * A list without some rules and with them, side by side: every item's place before and after, an
 * arrow with how far it moved, and which rule pinned, boosted, buried, hid or filtered it. Items a
 * bury moved down are marked; removed items stay in the "before" column with the rule that removed them.
 */
export function BeforeAfterView({ result, caption, draft = false }: { result: RulePreviewResult; caption?: string; /** A rule not saved: "now" against "with this rule". */ draft?: boolean }) {
  const byId = new Map(result.moves.map((m) => [m.itemId, m]));
  const beforeRows = result.before.flatMap((i) => byId.get(i.itemId) ?? []);
  const afterRows = result.after.flatMap((i) => byId.get(i.itemId) ?? []);
  const changed = result.moves.filter((m) => m.move !== 'same' || m.rules.length > 0).length;
  const buried = result.moves.filter((m) => m.rules.some((r) => r.action === 'buried'));
  return (
    <div className="before-after" data-testid="before-after" data-rules={result.ruleIds.join(' ')}>
      <p className="muted small" role="status">
        {caption ? `${caption} · ` : ''}
        {result.ruleIds.length === 0 ? (draft ? t('beforeAfter.draftInactive') : t('beforeAfter.noRules')) : draft ? t('beforeAfter.draftSummary', { rule: result.ruleIds.map((id) => ruleName(id, draft)).join(', '), changed }) : t('beforeAfter.summary', { rules: result.ruleIds.join(', '), changed })}
        {buried.length > 0 ? ` · ${t('beforeAfter.buriedCount', { count: buried.length })}` : ''}
      </p>
      <div className="ba-columns">
        <section aria-label={draft ? t('beforeAfter.draftBefore') : t('beforeAfter.before')}>
          <h3>{draft ? t('beforeAfter.draftBefore') : t('beforeAfter.before')}</h3>
          <ol className="ba-list" data-testid="before-after-before">
            {beforeRows.map((m) => (
              <Row key={m.itemId} m={m} side="before" draft={draft} />
            ))}
          </ol>
        </section>
        <section aria-label={draft ? t('beforeAfter.draftAfter') : t('beforeAfter.after')}>
          <h3>{draft ? t('beforeAfter.draftAfter') : t('beforeAfter.after')}</h3>
          <ol className="ba-list" data-testid="before-after-after">
            {afterRows.map((m) => (
              <Row key={m.itemId} m={m} side="after" draft={draft} />
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
