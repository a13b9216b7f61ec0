import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StoresProvider } from '../../src/renderer/src/app/StoresContext';
import { permissionFor } from '../../src/renderer/src/app/useCan';
import { ExperimentsPage } from '../../src/renderer/src/pages/experiments/ExperimentsPage';
import { RulesPage } from '../../src/renderer/src/pages/rules/RulesPage';
import { SaveVersion } from '../../src/renderer/src/pages/tuning/SaveVersion';
import { createAppStores, type AppStores } from '../../src/renderer/src/stores/appStores';
import type { WhoAmI } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

function render(component: ComponentType, stores: AppStores): string {
  for (const store of Object.values(stores) as Array<{ getInitialState: () => unknown; getState: () => unknown }>) store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoresProvider, { stores, children: createElement(component) }));
}

const VIEWER: WhoAmI = { name: 'vera', role: 'viewer', kind: 'user' };
const MERCH: WhoAmI = { name: 'max', role: 'merchandiser', kind: 'user' };

function storesAs(me: WhoAmI | null): AppStores {
  const stores = createAppStores(fakeClient().client);
  stores.engine.setState({ me });
  const weights = { bm25: 1, semantic: 1, intent: 1, covisit: 1, popularity: 1, recency: 1 };
  stores.tuning.setState({ sliders: { ...weights, bm25: 2 }, current: { version: 1, weights, note: '', createdAt: 0 } } as never);
  return stores;
}

function saveButton(html: string): string {
  return /<button[^>]*data-testid="save-weights"[^>]*>/.exec(html)?.[0] ?? '';
}

describe('team roles in the console', () => {
  it('decides from the contract role table, with the reason in words', () => {
    expect(permissionFor(VIEWER, 'weights.set')).toEqual({ allowed: false, reason: 'Read-only for vera: this needs the merchandiser role, and you are a viewer.' });
    expect(permissionFor(MERCH, 'weights.set')).toEqual({ allowed: true, reason: null });
    expect(permissionFor(MERCH, 'users.create').allowed).toBe(false);
    expect(permissionFor(null, 'weights.set').allowed).toBe(true);
  });

  it('disables saving weights for a viewer and says why; a merchandiser can save', () => {
    const asViewer = render(SaveVersion, storesAs(VIEWER));
    expect(saveButton(asViewer)).toContain('disabled=""');
    expect(asViewer).toContain('data-testid="save-weights-not-allowed"');
    expect(asViewer).toContain('needs the merchandiser role');
    const asMerch = render(SaveVersion, storesAs(MERCH));
    expect(saveButton(asMerch)).not.toContain('disabled');
    expect(asMerch).not.toContain('not-allowed');
  });

  it('disables creating rules and experiments for a viewer', () => {
    const rules = render(RulesPage, storesAs(VIEWER));
    expect(/<button[^>]*data-testid="rule-new"[^>]*>/.exec(rules)?.[0]).toContain('disabled=""');
    expect(rules).toContain('data-testid="rule-new-not-allowed"');
    const experiments = render(ExperimentsPage, storesAs(VIEWER));
    expect(/<button[^>]*data-testid="experiment-new"[^>]*>/.exec(experiments)?.[0]).toContain('disabled=""');
    expect(render(RulesPage, storesAs(MERCH))).not.toContain('rule-new-not-allowed');
  });

  it('asks the engine who it is with engine.info', async () => {
    const { client } = fakeClient({ 'session.whoami': () => VIEWER });
    const stores = createAppStores(client);
    await stores.engine.getState().loadInfo();
    expect(stores.engine.getState().me).toEqual(VIEWER);
  });
});
