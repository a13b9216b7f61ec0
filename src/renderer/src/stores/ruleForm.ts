import { epochOfLocal, localInputOf, type FieldIssue, type QueryMatch, type Rule, type RuleInput, type RuleKind, type RuleTarget } from '../transport/contract';

export type TargetType = RuleTarget['type'];
type AttributeValue = Extract<RuleTarget, { type: 'attribute' }>['value'];

/** One weekly window as typed: its days (0 = Sunday) and `HH:MM` times in the rule's zone. */
export interface WindowValues {
  days: number[];
  from: string;
  to: string;
}

/** A new window's times: office hours until the user changes them. */
export const NEW_WINDOW: WindowValues = { days: [], from: '09:00', to: '17:00' };

/** The form's fields as the user types them: strings until submitted. */
export interface RuleFormValues {
  kind: RuleKind;
  targetType: TargetType;
  itemId: string;
  brand: string;
  category: string;
  attrName: string;
  attrValue: string;
  /**
   * The edited rule's attribute value as stored (not shown): while `attrValue` is still its text, the
   * form sends it back unchanged, so a stored string "42" stays a string when only the note changes.
   */
  storedAttrValue?: AttributeValue;
  strength: string;
  position: string;
  slot: string;
  /** `datetime-local` values (local time), '' for none. */
  startsAt: string;
  endsAt: string;
  enabled: boolean;
  note: string;
  /** '' = no query condition. */
  queryMatch: QueryMatch | '';
  queryText: string;
  /** '' = any category. */
  scopeCategory: string;
  /** '' = every shopper; else a segment name (built in, or one the shop sends with its requests). */
  segment: string;
  /** '' = any list; else the handle of the collection whose list the rule fires on. */
  collection: string;
  /** The collection whose items a 'collection' target names. */
  targetCollection: string;
  /** '' = the computer's zone and no schedule; an IANA zone reads startsAt/endsAt and the window in it. */
  timeZone: string;
  /** The weekly windows the rule is on in (in its zone); none = always inside start..end. */
  windows: WindowValues[];
  url: string;
}

export type RuleField = keyof RuleFormValues;
/** One control of one window: `windows.2.days`. */
export type WindowField = `windows.${number}.${keyof WindowValues}`;
/** Field errors by form field (a window's by its control, the list's own as `windows`); `_form` holds what no field explains. */
export type RuleFieldErrors = Partial<Record<RuleField | WindowField | '_form', string>>;
export type RuleErrorKey = keyof RuleFieldErrors;

export const windowField = (index: number, part: keyof WindowValues): WindowField => `windows.${index}.${part}`;

export const EMPTY_RULE_FORM: RuleFormValues = {
  kind: 'boost',
  targetType: 'brand',
  itemId: '',
  brand: '',
  category: '',
  attrName: '',
  attrValue: '',
  strength: '0.5',
  position: '1',
  slot: '*',
  startsAt: '',
  endsAt: '',
  enabled: true,
  note: '',
  queryMatch: '',
  queryText: '',
  scopeCategory: '',
  segment: '',
  collection: '',
  targetCollection: '',
  timeZone: '',
  windows: [],
  url: '',
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms to a `datetime-local` value in the user's time zone. */
export function toLocalInput(ts: number | null): string {
  if (ts === null) return '';
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | null | 'invalid' {
  if (value.trim() === '') return null;
  const ts = new Date(value).getTime();
  return Number.isFinite(ts) ? ts : 'invalid';
}

export function formFromRule(rule: Rule): RuleFormValues {
  const t = rule.target;
  const zone = rule.schedule?.timeZone;
  const when = (ts: number | null): string => (ts === null ? '' : zone ? localInputOf(ts, zone) : toLocalInput(ts));
  return {
    kind: rule.kind,
    targetType: t.type,
    itemId: t.type === 'item' ? t.itemId : '',
    brand: t.type === 'brand' ? t.brand : '',
    category: t.type === 'category' ? t.category : '',
    attrName: t.type === 'attribute' ? t.name : '',
    attrValue: t.type === 'attribute' ? String(t.value) : '',
    ...(t.type === 'attribute' ? { storedAttrValue: t.value } : {}),
    strength: String(rule.strength),
    position: rule.position !== undefined ? String(rule.position) : '1',
    slot: rule.slot,
    startsAt: when(rule.startsAt),
    endsAt: when(rule.endsAt),
    enabled: rule.enabled,
    note: rule.note,
    queryMatch: rule.query?.match ?? '',
    queryText: rule.query?.text ?? '',
    scopeCategory: rule.category ?? '',
    segment: rule.segment ?? '',
    collection: rule.collection ?? '',
    targetCollection: t.type === 'collection' ? t.collection : '',
    timeZone: zone ?? '',
    windows: (rule.schedule?.windows ?? []).map((w) => ({ days: [...w.days], from: w.from, to: w.to })),
    url: rule.url ?? '',
  };
}

/** An attribute value typed as text: numbers and true/false become themselves, the rest stays text. */
export function attributeValue(raw: string): AttributeValue {
  const v = raw.trim();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v !== '' && Number.isFinite(Number(v))) return Number(v);
  return v;
}

/** The stored value while its text is untouched (its type kept), else the text as typed. */
function attributeValueOf(v: RuleFormValues): AttributeValue {
  const stored = v.storedAttrValue;
  return stored !== undefined && v.attrValue === String(stored) ? stored : attributeValue(v.attrValue);
}

function targetOf(v: RuleFormValues): RuleTarget {
  switch (v.targetType) {
    case 'item':
      return { type: 'item', itemId: v.itemId.trim() };
    case 'brand':
      return { type: 'brand', brand: v.brand.trim() };
    case 'category':
      return { type: 'category', category: v.category.trim() };
    case 'attribute':
      return { type: 'attribute', name: v.attrName.trim(), value: attributeValueOf(v) };
    case 'outOfStock':
      return { type: 'outOfStock' };
    case 'all':
      return { type: 'all' };
    case 'collection':
      return { type: 'collection', collection: v.targetCollection.trim() };
  }
}

/**
 * Turns the form into the engine's rule input. Only what the form itself cannot send is checked
 * here (a number that is not a number, a date that is not a date); everything else is the engine's
 * to judge, and its issues come back through `fieldErrorsFromIssues`.
 */
export function inputFromForm(v: RuleFormValues, messages: { notANumber: string; notADate: string; windowNeedsZone?: string }): { input: RuleInput | null; errors: RuleFieldErrors } {
  const errors: RuleFieldErrors = {};
  const strength = Number(v.strength);
  const usesStrength = v.kind === 'boost' || v.kind === 'bury';
  if (usesStrength && (v.strength.trim() === '' || !Number.isFinite(strength))) errors.strength = messages.notANumber;
  const position = Number(v.position);
  if (v.kind === 'pin' && (v.position.trim() === '' || !Number.isFinite(position))) errors.position = messages.notANumber;
  // Start and end are wall-clock times in the rule's zone when it has one, else in this computer's.
  const zone = v.timeZone.trim();
  const at = (value: string): number | null | 'invalid' => (!zone || value.trim() === '' ? fromLocalInput(value) : (epochOfLocal(value.trim(), zone) ?? 'invalid'));
  const startsAt = at(v.startsAt);
  const endsAt = at(v.endsAt);
  if (v.windows.length > 0 && !zone) errors.timeZone = messages.windowNeedsZone ?? messages.notADate;
  if (startsAt === 'invalid') errors.startsAt = messages.notADate;
  if (endsAt === 'invalid') errors.endsAt = messages.notADate;
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const input: RuleInput = {
    kind: v.kind,
    target: targetOf(v),
    ...(usesStrength ? { strength } : {}),
    ...(v.kind === 'pin' ? { position } : {}),
    slot: v.slot.trim() || '*',
    startsAt: startsAt as number | null,
    endsAt: endsAt as number | null,
    enabled: v.enabled,
    note: v.note,
    query: v.queryMatch ? { match: v.queryMatch, text: v.queryText } : null,
    category: v.scopeCategory.trim() || null,
    segment: v.segment.trim() || null,
    collection: v.collection.trim() || null,
    schedule: zone ? { timeZone: zone, windows: v.windows.map((w) => ({ days: [...w.days].sort((a, b) => a - b), from: w.from, to: w.to })) } : null,
    url: v.kind === 'redirect' ? v.url.trim() : null,
  };
  return { input, errors };
}

/** Where an engine issue path (`target.itemId`, `position`, `patch.endsAt`, `schedule.windows.1.to`) shows in the form. */
export function fieldOfIssuePath(path: string, targetType: TargetType): RuleErrorKey {
  const parts = path.split('.').filter((p) => p !== 'patch');
  const [head, sub] = parts;
  if (head === 'target') {
    switch (sub) {
      case 'itemId':
        return 'itemId';
      case 'brand':
        return 'brand';
      case 'category':
        return 'category';
      case 'name':
        return 'attrName';
      case 'value':
        return 'attrValue';
      case 'type':
        return 'targetType';
      case 'collection':
        return 'targetCollection';
      case undefined:
        // The target as a whole: blame the field the user fills for this type, or the type itself.
        return { item: 'itemId', brand: 'brand', category: 'category', attribute: 'attrName', outOfStock: 'targetType', all: 'targetType', collection: 'targetCollection' }[targetType] as RuleField;
      default:
        return 'targetType';
    }
  }
  if (head === 'query') return sub === 'match' ? 'queryMatch' : 'queryText';
  if (head === 'category') return 'scopeCategory';
  if (head === 'segment') return 'segment';
  if (head === 'collection') return 'collection';
  if (head === 'schedule') return scheduleField(parts.slice(1));
  const direct: readonly string[] = ['kind', 'strength', 'position', 'slot', 'startsAt', 'endsAt', 'enabled', 'note', 'url'];
  return head !== undefined && direct.includes(head) ? (head as RuleField) : '_form';
}

/** `windows.1.days.0` → that window's days; `windows` alone → the list; anything else of the schedule → its zone. */
function scheduleField([head, index, part]: string[]): RuleErrorKey {
  if (head !== 'windows') return 'timeZone';
  const i = Number(index);
  if (index === undefined || !Number.isInteger(i) || i < 0) return 'windows';
  return part === 'days' || part === 'from' || part === 'to' ? windowField(i, part) : windowField(i, 'days');
}

/** The engine's issues as messages next to the fields they name; several on one field are joined. */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[], targetType: TargetType): RuleFieldErrors {
  const errors: RuleFieldErrors = {};
  for (const issue of issues) {
    const field = fieldOfIssuePath(issue.path, targetType);
    errors[field] = errors[field] ? `${errors[field]}; ${issue.message}` : issue.message;
  }
  return errors;
}
