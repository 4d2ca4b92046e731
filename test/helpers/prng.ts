/**
 * Mulberry32: a small seeded PRNG returning floats in [0, 1). Tests use it so a failing shape can be reproduced
 * from its seed; benchmarks so their generated data is the same on every run.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
