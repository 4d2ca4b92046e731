import { getPriority, setPriority } from 'node:os';

/**
 * Gives the ack thread the CPU first. On Linux a nice value belongs to one thread, so raising the main thread's
 * (after the ack thread has started at normal priority) lets the scheduler run the ack thread whenever both
 * want a core: the designs, the database and rendering take what acks leave. Under a burst of 1,000 commands on
 * 2 cores this took the bot's p99 ack from 2.29× bare Bolt's to 1.24× on PostgreSQL (README, "Benchmarks").
 * Threads the main thread starts later inherit the value, which suits them: they do its work. Elsewhere the value
 * may apply to the whole process, which changes nothing between the two threads. Raising a nice value needs no
 * privilege; lowering it again would, so this is done once, by the process's entry point.
 */
export function lowerThisThreadPriority(nice: number, logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }): void {
  if (nice <= 0) return;
  try {
    const from = getPriority();
    if (from >= nice) return;
    setPriority(nice);
    logger.info({ from, to: nice }, 'main thread yields the CPU to the ack thread');
  } catch (error) {
    logger.warn({ err: error }, 'could not lower the main thread priority; acks share the CPU equally');
  }
}
