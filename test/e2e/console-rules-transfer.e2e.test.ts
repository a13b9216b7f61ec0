import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { confirmRisk } from '../helpers/risk-dialog';

interface Doc {
  format: string;
  version: number;
  rules: Record<string, unknown>[];
  synonyms: Record<string, unknown>[];
}
interface Listed {
  items: { itemId: string; title: string; brand?: string }[];
}

async function chooseFile(page: Page, name: string, doc: unknown): Promise<void> {
  await page.getByTestId('rules-import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
}

describe('console rules export and import', () => {
  const ui = useConsoleSession('instinct-e2e-rules-transfer-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('exports, previews an import, applies it only after a reason, shows its history, refuses a bad file by entry and field, and replaces back', async () => {
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 50 });
    const brand = items.find((i) => i.brand)?.brand;
    expect(brand).toBeTruthy();
    const before = await ui.rpc<{ ruleId: string }[]>('rules.list');

    const { page, errors } = await ui.open('rules');
    await page.getByTestId('rules-page').waitFor({ timeout: 30_000 });

    // Export: a download of the versioned document.
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByTestId('rules-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^instinct-rules-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as Doc;
    expect(exported).toMatchObject({ format: 'instinct.merchandising', version: 1 });
    expect(exported.rules).toHaveLength(before.length);

    // Add mode: the preview lists the new rule and synonym set; nothing is stored until Apply, which needs a reason.
    const incoming = { ...exported, rules: [...exported.rules, { kind: 'bury', target: { type: 'brand', brand }, strength: 0.2, note: 'e2e import' }], synonyms: [...exported.synonyms, { kind: 'two-way', terms: ['zzalpha', 'zzbeta'] }] };
    await chooseFile(page, 'incoming.json', incoming);
    const preview = page.getByTestId('rules-import-preview');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.getAttribute('data-rules-added')).toBe('1');
    expect(await preview.getAttribute('data-synonyms-added')).toBe('1');
    expect(await preview.getAttribute('data-rules-removed')).toBe('0');
    expect(await page.getByTestId('rules-import-rule').first().textContent()).toContain(`Brand ${brand}`);
    expect(await page.getByTestId('rules-import-apply').isDisabled()).toBe(true);
    expect(await ui.rpc<unknown[]>('rules.list')).toHaveLength(before.length);
    await page.screenshot({ path: join(SHOTS, 'rules-import-preview.png'), fullPage: true });

    await page.getByTestId('rules-import-reason').fill('e2e: import a bury rule');
    await page.getByTestId('rules-import-apply').click();
    await page.getByTestId('rules-import-done').waitFor({ timeout: 30_000 });
    const after = await ui.rpc<{ ruleId: string; note: string }[]>('rules.list');
    expect(after).toHaveLength(before.length + 1);
    const imported = after.find((r) => r.note === 'e2e import')!;
    expect(imported).toBeTruthy();

    // The rule's details: its history names the import and its reason; performance is honest about no served lists.
    const row = page.locator(`[data-testid="rule-row"][data-rule-id="${imported.ruleId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('rule-details-toggle').click();
    const details = page.locator(`[data-testid="rule-details"][data-rule-id="${imported.ruleId}"]`);
    const created = details.locator('[data-testid="rule-history-entry"][data-action="rule.create"]');
    await created.waitFor({ timeout: 15_000 });
    expect(await created.textContent()).toMatch(/by an import.*Reason: e2e: import a bury rule/);
    await details.locator('[data-testid="rule-performance-empty"], [data-testid="rule-performance"]').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'rules-details.png'), fullPage: true });

    // A bad entry: refused before anything changes, naming the entry's index and field.
    await chooseFile(page, 'bad.json', { ...exported, rules: [{ kind: 'pin', target: { type: 'item', itemId: items[0]!.itemId } }] });
    const issue = page.locator('[data-testid="rules-import-issue"][data-path="document.rules.0.position"]');
    await issue.waitFor({ timeout: 30_000 });
    expect(await issue.textContent()).toContain('required for a pin rule');
    expect(await page.getByTestId('rules-import-apply').count()).toBe(0);
    expect(await ui.rpc<unknown[]>('rules.list')).toHaveLength(before.length + 1);

    // Replace with the first export: the imported rule and synonym set go, the rest stay.
    await chooseFile(page, 'exported.json', exported);
    await page.getByTestId('rules-import-mode-replace').check();
    await expect.poll(() => page.getByTestId('rules-import-preview').getAttribute('data-rules-removed'), { timeout: 30_000 }).toBe('1');
    expect(await page.getByTestId('rules-import-preview').getAttribute('data-synonyms-removed')).toBe('1');
    expect(await page.getByTestId('rules-import-preview').getAttribute('data-rules-added')).toBe('0');
    await page.getByTestId('rules-import-reason').fill('e2e: back to the export');
    await page.getByTestId('rules-import-apply').click();
    await page.getByTestId('rules-import-done').waitFor({ timeout: 30_000 });
    expect((await ui.rpc<{ ruleId: string }[]>('rules.list')).map((r) => r.ruleId)).toEqual(before.map((r) => r.ruleId));

    // The product picker fills the item id from a catalogue search.
    await page.getByTestId('rule-new').click();
    const form = page.getByTestId('rule-form');
    await form.getByLabel('Target').selectOption('item');
    await form.getByTestId('item-picker-search').fill(items[0]!.title.split(/\s+/)[0]!);
    const result = form.getByTestId('item-picker-result').first();
    await result.waitFor({ timeout: 15_000 });
    const picked = (await result.getAttribute('data-item-id'))!;
    await result.click();
    expect(await form.getByLabel('Item id').inputValue()).toBe(picked);

    // The refused import is a 400 reply, which the browser logs as a failed resource; nothing else may fail.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);

  it('makes a rule with two weekly windows in the form, lists them in words, and keeps both through an edit', async () => {
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 50 });
    const brand = items.find((i) => i.brand)!.brand!;
    const { page, errors } = await ui.open('rules');
    await page.getByTestId('rules-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('rule-new').click();
    const form = page.getByTestId('rule-form');
    await form.getByLabel('Brand').fill(brand);
    await form.getByLabel('Time zone of start, end and windows').selectOption('Europe/Berlin');
    await page.getByTestId('rule-window-add').click();
    await page.getByTestId('rule-window-add').click();
    const win = (i: number) => form.locator(`[data-testid="rule-window"][data-index="${i}"]`);
    // Weekday evenings, and a second window whose days are not chosen yet.
    for (const day of [1, 2, 3, 4, 5]) await win(0).locator('input[type="checkbox"]').nth(day).check();
    await win(0).getByLabel('From (HH:MM)').fill('18:00');
    await win(0).getByLabel(/^To \(HH:MM/).fill('22:00');
    await form.getByLabel('Enabled').uncheck();
    await page.getByTestId('rule-save').click();
    // The contract refuses a window without days, and the message sits on that window.
    await form.locator('[data-testid="field-error"][data-field="windows.1.days"]').waitFor({ timeout: 10_000 });
    await win(1).locator('input[type="checkbox"]').nth(6).check();
    expect(await form.locator('[data-testid="field-error"][data-field="windows.1.days"]').count()).toBe(0);
    await win(1).getByLabel('From (HH:MM)').fill('10:00');
    await win(1).getByLabel(/^To \(HH:MM/).fill('14:00');
    await page.screenshot({ path: join(SHOTS, 'rules-weekly-windows.png'), fullPage: true });
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });

    const stored = (await ui.rpc<{ ruleId: string; target: { brand?: string }; schedule: unknown }[]>('rules.list')).find((r) => r.target.brand === brand && r.schedule)!;
    expect(stored.schedule).toEqual({ timeZone: 'Europe/Berlin', windows: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '22:00' }, { days: [6], from: '10:00', to: '14:00' }] });
    const row = page.locator(`[data-testid="rule-row"][data-rule-id="${stored.ruleId}"]`);
    const label = (await row.getByTestId('rule-windows-label').textContent())!;
    expect(label.split(' · ')).toHaveLength(3);
    expect(label).toContain('18:00–22:00');
    expect(label).toContain('10:00–14:00');

    // Editing shows both windows; removing the first saves only the second.
    await row.getByRole('button', { name: `Edit rule ${stored.ruleId}` }).click();
    expect(await form.getByTestId('rule-window').count()).toBe(2);
    expect(await win(1).getByLabel('From (HH:MM)').inputValue()).toBe('10:00');
    await win(0).getByTestId('rule-window-remove').click();
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });
    const edited = (await ui.rpc<{ ruleId: string; schedule: unknown }[]>('rules.list')).find((r) => r.ruleId === stored.ruleId)!;
    expect(edited.schedule).toEqual({ timeZone: 'Europe/Berlin', windows: [{ days: [6], from: '10:00', to: '14:00' }] });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('makes a collection on the Catalogue page, scopes a pin to it on the Rules page, and previews the collection’s list', async () => {
    const { page, errors } = await ui.open('catalogue');
    await page.getByTestId('catalogue-row').nth(5).waitFor({ timeout: 30_000 });
    await page.getByTestId('collection-new').click();
    const form = page.getByTestId('collection-form');
    await form.getByLabel(/^Handle/).fill('e2e-picks');
    await form.getByLabel('Name', { exact: true }).fill('E2E picks');
    // Ticked in the catalogue table: the items box follows.
    const rows = page.getByTestId('catalogue-row');
    const picked: string[] = [];
    for (const i of [1, 3, 5, 7]) {
      picked.push((await rows.nth(i).getAttribute('data-item-id'))!);
      await rows.nth(i).getByTestId('catalogue-in-collection').check();
    }
    expect((await form.getByLabel(/^Items/).inputValue()).split('\n')).toEqual(picked);
    // A mistyped id is refused on its line, and nothing is stored.
    await form.getByLabel(/^Items/).fill([...picked, 'no-such-item'].join('\n'));
    await page.getByTestId('collection-save').click();
    await expect.poll(() => form.locator('[data-testid="field-error"][data-field="itemsText"]').textContent(), { timeout: 10_000 }).toContain('line 5');
    expect(await ui.rpc<unknown[]>('collections.list')).toEqual([]);
    await form.getByLabel(/^Items/).fill(picked.join('\n'));
    await page.getByTestId('collection-save').click();
    const row = page.locator('[data-testid="collection-row"][data-collection-id="e2e-picks"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('collection-count').textContent()).toBe('4');
    await page.screenshot({ path: join(SHOTS, 'catalogue-collections.png'), fullPage: true });

    // A pin scoped to the collection: the last of its items first on the collection's list.
    await page.evaluate(() => (window.location.hash = '#/rules'));
    await page.getByTestId('rules-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('rule-new').click();
    const ruleForm = page.getByTestId('rule-form');
    await ruleForm.getByLabel('Kind').selectOption('pin');
    await ruleForm.getByLabel('Target').selectOption('item');
    await ruleForm.getByLabel('Item id').fill(picked[3]!);
    await ruleForm.getByLabel('Position (1-based slot)').fill('1');
    await ruleForm.getByLabel('Only on the list of collection').selectOption('e2e-picks');
    await page.getByTestId('rule-save').click();
    await confirmRisk(page, 'e2e: pin in a collection');
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });
    const stored = (await ui.rpc<{ ruleId: string; collection?: string | null }[]>('rules.list')).find((r) => r.collection === 'e2e-picks')!;
    expect(await page.locator(`[data-testid="rule-row"][data-rule-id="${stored.ruleId}"]`).getByTestId('rule-condition').textContent()).toContain('e2e-picks');

    await page.getByTestId('rule-preview-collection').selectOption('e2e-picks');
    await page.getByTestId('rule-preview-run').click();
    const preview = page.getByTestId('rule-preview');
    await expect.poll(() => preview.getByTestId('rule-preview-item').first().getAttribute('data-item-id'), { timeout: 15_000 }).toBe(picked[3]);
    const listed = await preview.getByTestId('rule-preview-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
    expect(listed.every((id) => picked.includes(id!))).toBe(true);
    expect(await page.getByTestId('before-after').getAttribute('data-rules')).toBe(stored.ruleId);

    // A boost that targets the collection's items, previewed before saving: every item it lifts is one of them.
    await page.getByTestId('rule-new').click();
    await ruleForm.getByLabel('Kind').selectOption('boost');
    await ruleForm.getByLabel('Target').selectOption('collection');
    await ruleForm.getByLabel('Collection', { exact: true }).selectOption('e2e-picks');
    await ruleForm.getByLabel('Strength (0–1 of the score range)').fill('1');
    await page.getByTestId('rule-draft-preview-run').click();
    const boosted = page.getByTestId('rule-draft-preview').locator('[data-testid="before-after-after-item"][data-actions="boosted"]');
    await boosted.first().waitFor({ timeout: 30_000 });
    const lifted = await boosted.evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
    expect(lifted.length).toBeGreaterThan(0);
    expect(lifted.every((id) => picked.includes(id!))).toBe(true);
    await ruleForm.getByRole('button', { name: 'Cancel' }).click();

    // The collection cannot be deleted while the rule is scoped to it: the Catalogue page says which rule.
    await page.evaluate(() => (window.location.hash = '#/catalogue'));
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="collection-row"][data-collection-id="e2e-picks"]').getByTestId('collection-delete').click();
    await expect.poll(() => page.getByTestId('collections').textContent(), { timeout: 10_000 }).toContain(stored.ruleId);
    // The refused delete is a 409 and the refused save a 400, which the browser logs as failed resources; nothing else may fail.
    expect(errors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
    await page.close();
  }, 90_000);
});
