import type { Logger } from 'pino';
import type { ConversationStore, PostLedger } from '../conversation/ports.js';
import type { ConversationService } from '../conversation/service.js';
import type { Metrics } from '../observability/metrics.js';
import type { SearchFilters } from './command-text.js';
import type { VisibilityResolver } from './visibility.js';
import type { KeyRateLimiter } from '../resilience/key-rate-limiter.js';

/** What listeners need; built once in the app factory. Listeners stay thin: parse, ack, delegate. */

export interface SearchHit {
  conversationId: string;
  revision: number;
  title: string;
  systems: string[];
  snippet: string;
  authorId: string;
  channelId: string;
  threadTs: string;
  createdAt: Date;
}

export interface RecentDesign {
  conversationId: string;
  title: string | null;
  channelId: string;
  threadTs: string;
  status: string;
  revision: number | null;
  updatedAt: Date;
}

export interface DesignDirectory {
  search(params: {
    teamId: string;
    query: string;
    visiblePrivateChannelIds: string[];
    filters: SearchFilters;
    limit: number;
    offset: number;
  }): Promise<{ results: SearchHit[]; total: number; capped: boolean }>;
  listRecent(params: { teamId: string; userId: string; visiblePrivateChannelIds: string[]; limit: number }): Promise<RecentDesign[]>;
}

export interface SlackDeps {
  logger: Logger;
  /** Bounds how many new designs one person starts (per workspace and user). */
  startLimiter: KeyRateLimiter;
  metrics: Metrics;
  conversations: ConversationService;
  store: ConversationStore;
  directory: DesignDirectory;
  visibility: VisibilityResolver;
  /** What the bot posted per design and revision, including each design's canvas id. */
  ledger: PostLedger;
  /** Votes and comments on revisions. */
  feedback: FeedbackStore;
}

export interface FeedbackStore {
  recordVote(conversationId: string, revision: number, userId: string, vote: 'up' | 'down'): Promise<void>;
  recordComment(conversationId: string, revision: number, userId: string, comment: string): Promise<void>;
  tallies(conversationIds: string[]): Promise<Map<string, { up: number; down: number }>>;
}

/** Errors users can act on, with what to tell them; anything else is logged and shown as a generic failure. */
export class UserFacingError extends Error {
  constructor(
    public readonly code: string,
    public readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = 'UserFacingError';
  }
}
