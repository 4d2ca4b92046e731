/** Flows keyed by mention key; the caller turns keys into the user's system names. */
export interface KeyFlow {
  from: string;
  to: string;
  data?: string;
}

/** A flow with one end unknown, completed later when the whole text names exactly one other system. */
export interface HalfFlow {
  from?: string;
  to?: string;
  data?: string;
}

export interface SentenceFlows {
  flows: KeyFlow[];
  half: HalfFlow[];
}
