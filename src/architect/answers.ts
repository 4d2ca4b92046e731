import { mergeInputs, missingInputs, PartialInputsSchema, type MissingInput, type PartialInputs } from './inputs.js';

/**
 * Merges a person's answer into what we know. The answer goes through the extractor (which understands
 * "from X to Y", volumes, latencies, …); on top of that, answers to the specific questions we asked are
 * read directly, because "billing platform" is a perfectly good answer to "what does Acme do?" even though
 * no extractor could place it without knowing the question.
 */
export type ExtractFn = (text: string) => Promise<PartialInputs>;

export async function applyAnswer(
  known: PartialInputs,
  answer: string,
  extract: ExtractFn,
  asked: MissingInput[] = missingInputs(known),
): Promise<PartialInputs> {
  const text = answer.trim();
  if (!text) return known;
  let merged = mergeInputs(known, await extract(text));

  for (const question of asked) {
    if (question.field === 'systemDescriptions') merged = describeSystems(merged, text);
    if (question.field === 'flowData') merged = fillFlowData(merged, text, known);
  }
  const valid = PartialInputsSchema.safeParse(merged);
  return valid.success ? valid.data : known;
}

/** "Acme: billing platform" lines name their system; a bare answer describes the only undescribed system. */
function describeSystems(inputs: PartialInputs, text: string): PartialInputs {
  const systems = (inputs.systems ?? []).map((s) => ({ ...s }));
  const undescribed = systems.filter((s) => !s.description);
  if (undescribed.length === 0) return inputs;

  let matchedAny = false;
  for (const line of text.split(/\n|;/)) {
    const m = /^\s*[-*•]?\s*([^:=–—]+?)\s*(?::|=|–|—|\bis\b|\bdoes\b)\s*(.+)$/i.exec(line);
    if (!m) continue;
    const system = undescribed.find((s) => s.name.toLowerCase() === m[1]!.trim().toLowerCase());
    if (system) {
      system.description = clip(m[2]!.trim());
      matchedAny = true;
    }
  }
  if (!matchedAny && undescribed.length === 1) {
    const only = undescribed[0]!;
    only.description = clip(text.replace(new RegExp(`^${escapeRegExp(only.name)}\\s+(is|does)\\s+`, 'i'), ''));
  }
  return { ...inputs, systems };
}

/** When we asked what flows from A to B, the answer is the data, unless the extractor already placed it. */
function fillFlowData(inputs: PartialInputs, text: string, before: PartialInputs): PartialInputs {
  const flows = (inputs.flows ?? []).map((f) => ({ ...f }));
  const target = flows.find((f) => !f.data);
  if (!target) return inputs;
  const hadFlow = (before.flows ?? []).some((f) => f.from === target.from && f.to === target.to);
  if (hadFlow) target.data = clip(text);
  return { ...inputs, flows };
}

function clip(s: string, max = 400): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
