import type { JobSink } from '../conversation/ports.js';
import type { JobQueue } from './types.js';

/** The conversation layer's port: `false` means a job for that conversation revision already exists. */
export function toJobSink(queue: Pick<JobQueue, 'enqueueGenerate' | 'enqueueRevise'>): JobSink {
  return {
    enqueueGenerate: async (job) => (await queue.enqueueGenerate(job)) !== null,
    enqueueRevise: async (job) => (await queue.enqueueRevise(job)) !== null,
  };
}
