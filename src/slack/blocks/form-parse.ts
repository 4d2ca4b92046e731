import { z } from 'zod';
import { PartialInputsSchema } from '../../architect/inputs.js';
import type { PartialInputs } from '../../architect/inputs.js';
import { FORM_ACTION_ID, FORM_BLOCK_IDS } from './ids.js';
import type { FormBlockId } from './ids.js';

/**
 * Reads a design_form submission (view.state.values) back into inputs, or returns inline errors keyed by
 * block id for `response_action: 'errors'`.
 */

const StateValuesSchema = z.record(
  z.string(),
  z.record(z.string(), z.looseObject({ type: z.string(), value: z.string().nullish() })),
);

export type DesignFormResult = { inputs: PartialInputs } | { errors: Partial<Record<FormBlockId, string>> };

const LIMITS = { name: 80, description: 400, data: 600, limit: 200, stack: 400, auth: 600, compliance: 600 } as const;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Non-empty lines with their 1-based line numbers; list markers ("- ", "• ", "1. ") are tolerated. */
function lines(text: string): { n: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, text: t.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim() }))
    .filter((l) => l.text !== '');
}

class Errors {
  readonly byBlock: Partial<Record<FormBlockId, string[]>> = {};
  add(block: FormBlockId, message: string): void {
    (this.byBlock[block] ??= []).push(message);
  }
  get empty(): boolean {
    return Object.keys(this.byBlock).length === 0;
  }
  /** Slack shows one string under each input: the first two problems are enough to act on. */
  result(): Partial<Record<FormBlockId, string>> {
    const out: Partial<Record<FormBlockId, string>> = {};
    for (const [block, messages] of Object.entries(this.byBlock) as [FormBlockId, string[]][]) {
      out[block] = messages.slice(0, 2).join('; ') + (messages.length > 2 ? ` (and ${messages.length - 2} more)` : '');
    }
    return out;
  }
}

function parseSystems(text: string, errors: Errors): NonNullable<PartialInputs['systems']> {
  const systems: NonNullable<PartialInputs['systems']> = [];
  const block = FORM_BLOCK_IDS.systems;
  for (const line of lines(text)) {
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(line.text);
    if (!m || !m[2]) {
      errors.add(block, `Line ${line.n}: use “Name: what it does”`);
      continue;
    }
    const [name, description] = [m[1]!.trim(), m[2].trim()];
    if (name.length > LIMITS.name) errors.add(block, `Line ${line.n}: keep the name under ${LIMITS.name} characters`);
    else if (description.length > LIMITS.description) {
      errors.add(block, `Line ${line.n}: keep the description under ${LIMITS.description} characters`);
    } else if (systems.some((s) => same(s.name, name))) errors.add(block, `Line ${line.n}: "${name}" is listed twice`);
    else systems.push({ name, description });
  }
  if (errors.byBlock[block] === undefined) {
    if (systems.length < 2) errors.add(block, 'List at least two systems, one per line, as “Name: what it does”');
    if (systems.length > 12) errors.add(block, 'List at most 12 systems');
  }
  return systems;
}

/** Resolves a name to the listed system's spelling, or reports it. */
function listed(
  systems: NonNullable<PartialInputs['systems']>,
  name: string,
  line: number,
  block: FormBlockId,
  errors: Errors,
  check: boolean,
): string | undefined {
  const found = systems.find((s) => same(s.name, name));
  if (found) return found.name;
  if (check) errors.add(block, `Line ${line}: "${name}" is not one of the listed systems`);
  return check ? undefined : name;
}

function parseFlows(text: string, systems: NonNullable<PartialInputs['systems']>, checkNames: boolean, errors: Errors) {
  const flows: NonNullable<PartialInputs['flows']> = [];
  const block = FORM_BLOCK_IDS.flows;
  for (const line of lines(text)) {
    const m = /^(.+?)\s*(<->|↔|->|→|=>)\s*(.+?)\s*:\s*(.*)$/.exec(line.text);
    if (!m || !m[4]) {
      errors.add(block, `Line ${line.n}: use “From -> To: what flows”`);
      continue;
    }
    const data = m[4].trim();
    if (data.length > LIMITS.data) {
      errors.add(block, `Line ${line.n}: keep the description under ${LIMITS.data} characters`);
      continue;
    }
    const from = listed(systems, m[1]!, line.n, block, errors, checkNames);
    const to = listed(systems, m[3]!, line.n, block, errors, checkNames);
    if (from === undefined || to === undefined) continue;
    if (same(from, to)) {
      errors.add(block, `Line ${line.n}: a flow must connect two different systems`);
      continue;
    }
    flows.push({ from, to, data });
    if (m[2] === '<->' || m[2] === '↔') flows.push({ from: to, to: from, data });
  }
  if (flows.length === 0 && errors.byBlock[block] === undefined) {
    errors.add(block, 'Add at least one flow, as “From -> To: what flows”');
  }
  if (flows.length > 24) errors.add(block, 'List at most 24 flows');
  return flows;
}

function parseRateLimits(text: string, systems: NonNullable<PartialInputs['systems']>, checkNames: boolean, errors: Errors) {
  const limits: NonNullable<PartialInputs['rateLimits']> = [];
  const block = FORM_BLOCK_IDS.rateLimits;
  for (const line of lines(text)) {
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(line.text);
    if (!m || !m[2]) {
      errors.add(block, `Line ${line.n}: use \`System: limit\``);
      continue;
    }
    const limit = m[2].trim();
    if (limit.length > LIMITS.limit) {
      errors.add(block, `Line ${line.n}: keep the limit under ${LIMITS.limit} characters`);
      continue;
    }
    const system = listed(systems, m[1]!, line.n, block, errors, checkNames);
    if (system !== undefined) limits.push({ system, limit });
  }
  return limits;
}

function parseNumber(raw: string, block: FormBlockId, whole: boolean, max: number, errors: Errors): number | undefined {
  if (raw === '') return undefined;
  const value = Number(raw);
  const ok = /^\d+(?:\.\d+)?$/.test(raw) && value > 0 && value <= max && (!whole || Number.isInteger(value));
  if (ok) return value;
  errors.add(
    block,
    whole ? 'Volume must be a positive whole number' : `Latency must be a positive number of seconds (at most ${max})`,
  );
  return undefined;
}

function parseText(raw: string, block: FormBlockId, max: number, errors: Errors): string | undefined {
  if (raw === '') return undefined;
  if (raw.length > max) errors.add(block, `Keep this under ${max} characters`);
  return raw;
}

export function parseDesignForm(values: unknown): DesignFormResult {
  const parsed = StateValuesSchema.safeParse(values);
  if (!parsed.success) return { errors: { [FORM_BLOCK_IDS.systems]: 'The form could not be read; please try again' } };
  const get = (block: FormBlockId) => (parsed.data[block]?.[FORM_ACTION_ID]?.value ?? '').trim();

  const errors = new Errors();
  const systems = parseSystems(get(FORM_BLOCK_IDS.systems), errors);
  // Only check flow endpoints against the list when the list itself is usable.
  const checkNames = errors.empty;
  const flows = parseFlows(get(FORM_BLOCK_IDS.flows), systems, checkNames, errors);
  const rateLimits = parseRateLimits(get(FORM_BLOCK_IDS.rateLimits), systems, checkNames, errors);
  const volumePerDay = parseNumber(get(FORM_BLOCK_IDS.volumePerDay), FORM_BLOCK_IDS.volumePerDay, true, 10_000_000_000, errors);
  const latencySeconds = parseNumber(get(FORM_BLOCK_IDS.latencySeconds), FORM_BLOCK_IDS.latencySeconds, false, 7 * 24 * 3600, errors);
  const stack = parseText(get(FORM_BLOCK_IDS.stack), FORM_BLOCK_IDS.stack, LIMITS.stack, errors);
  const auth = parseText(get(FORM_BLOCK_IDS.auth), FORM_BLOCK_IDS.auth, LIMITS.auth, errors);
  const compliance = parseText(get(FORM_BLOCK_IDS.compliance), FORM_BLOCK_IDS.compliance, LIMITS.compliance, errors);
  if (!errors.empty) return { errors: errors.result() };

  const inputs: PartialInputs = { systems, flows };
  if (volumePerDay !== undefined) inputs.volumePerDay = volumePerDay;
  if (latencySeconds !== undefined) inputs.latencySeconds = latencySeconds;
  if (stack !== undefined) inputs.stack = stack;
  if (auth !== undefined) inputs.auth = auth;
  if (rateLimits.length > 0) inputs.rateLimits = rateLimits;
  if (compliance !== undefined) inputs.compliance = compliance;

  // The schema is the final word; anything it rejects that the line checks missed is reported on its field.
  const checked = PartialInputsSchema.safeParse(inputs);
  if (!checked.success) {
    const out: Partial<Record<FormBlockId, string>> = {};
    for (const issue of checked.error.issues) {
      const block = BLOCK_FOR_FIELD[String(issue.path[0])] ?? FORM_BLOCK_IDS.systems;
      out[block] ??= issue.message;
    }
    return { errors: out };
  }
  return { inputs: checked.data };
}

const BLOCK_FOR_FIELD: Record<string, FormBlockId> = {
  systems: FORM_BLOCK_IDS.systems,
  flows: FORM_BLOCK_IDS.flows,
  volumePerDay: FORM_BLOCK_IDS.volumePerDay,
  latencySeconds: FORM_BLOCK_IDS.latencySeconds,
  stack: FORM_BLOCK_IDS.stack,
  auth: FORM_BLOCK_IDS.auth,
  rateLimits: FORM_BLOCK_IDS.rateLimits,
  compliance: FORM_BLOCK_IDS.compliance,
};
