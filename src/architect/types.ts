import type { IntegrationInputs } from './inputs.js';

/**
 * Types shared across the pure core. Engines, the quality gate, the conversation layer and the Slack layer
 * all speak these; none of them knows about Slack or SQL.
 */

/** The fixed section ids of a design document, in document order. */
export const SECTION_IDS = [
  'requirements',
  'pattern',
  'authentication',
  'resilience',
  'observability',
  'failure-modes',
  'checklist',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_TITLES: Record<SectionId, string> = {
  requirements: 'Requirements and constraints',
  pattern: 'Integration pattern',
  authentication: 'Authentication and authorization',
  resilience: 'Error handling and retry',
  observability: 'Monitoring and observability',
  'failure-modes': 'Failure modes',
  checklist: 'Implementation checklist',
};

export interface DesignSection {
  id: SectionId | 'other';
  /** The heading text as written (without the leading #s). */
  heading: string;
  /** The section body in markdown, without its heading line. */
  markdown: string;
}

export interface ParsedDocument {
  title: string;
  /** Text between the title and the first section heading (summary, assumptions). */
  preamble: string;
  sections: DesignSection[];
}

export type QualityCheckId =
  | 'sections'
  | 'retry-parameters'
  | 'retry-window'
  | 'idempotency'
  | 'circuit-breaker'
  | 'dead-letter'
  | 'structured-logs'
  | 'correlation-ids'
  | 'failure-modes'
  | 'constraints'
  | 'facts'
  | 'mechanics'
  | 'numbers'
  | 'no-polling-first'
  | 'word-count';

export interface QualityCheck {
  id: QualityCheckId;
  passed: boolean;
  /** Human-readable: what was found, or what is missing. */
  detail: string;
}

export interface QualityReport {
  passed: boolean;
  checks: QualityCheck[];
  wordCount: number;
  /** True when a failed first draft was sent back once for repair (Claude path). */
  repaired: boolean;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  latencyMs: number;
}

export type EngineName = 'offline' | 'anthropic';

export interface DesignResult {
  title: string;
  markdown: string;
  sections: DesignSection[];
  quality: QualityReport;
  engine: EngineName;
  model: string | null;
  usage: Usage;
}

export interface RevisionResult extends DesignResult {
  /** Short "what changed" bullet points for the thread. */
  changes: string[];
  /** The inputs this revision was designed from, when the request changed them (e.g. a new volume). */
  inputs?: IntegrationInputs;
}

export interface AnswerResult {
  markdown: string;
  engine: EngineName;
  model: string | null;
  usage: Usage;
}

export type ProgressStage = 'analyzing' | 'calculating' | 'writing' | 'checking' | 'repairing' | 'done';

export interface Progress {
  stage: ProgressStage;
  message: string;
  /** Characters of document text produced so far (streaming). */
  chars?: number;
  /**
   * Document text written since the previous update, in order (the live draft the thread streams). A 'repairing'
   * update starts a new draft: text after it belongs to the rewrite.
   */
  text?: string;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export interface HistoryMessage {
  role: 'user' | 'assistant';
  author?: string;
  text: string;
}

export interface PreviousDesign {
  inputs: IntegrationInputs;
  markdown: string;
  revision: number;
}

export type ReplyKind = 'question' | 'change';

export interface Engine {
  readonly name: EngineName;
  design(inputs: IntegrationInputs, options?: RunOptions): Promise<DesignResult>;
  /** A follow-up that changes the design: returns the full new revision and what changed. */
  revise(previous: PreviousDesign, request: string, history: HistoryMessage[], options?: RunOptions): Promise<RevisionResult>;
  /** A follow-up question about the design: answered without a new revision. */
  answer(previous: PreviousDesign, question: string, history: HistoryMessage[], options?: RunOptions): Promise<AnswerResult>;
  /** Decides whether a thread reply asks a question or requests a change. */
  classifyReply(previous: PreviousDesign, reply: string, options?: RunOptions): Promise<ReplyKind>;
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
  latencyMs: 0,
});
