import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerfileError, dockerignoreFilter, parseDockerfile, type Instruction, type Stage } from '../../scripts/dockerfile.mjs';

/**
 * The Dockerfile is carried out by scripts/image-smoke.mjs in CI; these checks keep the recipe itself what the
 * production path needs (compiled JS, production dependencies, Node 24, non-root, healthcheck).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const stage = (name: string) => stages.find((s) => s.name === name)!;
const ops = <K extends Instruction['op']>(s: Stage, op: K) => s.instructions.filter((i): i is Extract<Instruction, { op: K }> => i.op === op);

describe('the Dockerfile', () => {
  it('builds in stages on Node 24 LTS', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    for (const s of stages) expect(s.image).toBe('node:24-bookworm-slim');
  });

  it('compiles in the build stage and installs production dependencies only for the runtime', () => {
    expect(ops(stage('build'), 'RUN').map((r) => r.command)).toContain('npm run build');
    const deps = ops(stage('deps'), 'RUN').map((r) => String(r.command));
    expect(deps.some((c) => /npm ci\b.*--omit=dev/.test(c))).toBe(true);
    const copies = ops(stage('runtime'), 'COPY');
    expect(copies.find((c) => c.sources.includes('/app/node_modules'))?.from).toBe('deps');
    expect(copies.find((c) => c.sources.includes('/app/dist'))?.from).toBe('build');
    const fromContext = copies.filter((c) => !c.from).flatMap((c) => c.sources);
    expect(fromContext).toEqual(expect.arrayContaining(['package.json', 'prompts', 'migrations']));
    expect(fromContext).not.toContain('src');
  });

  it('runs compiled JavaScript as a non-root user with a health check', () => {
    const runtime = stage('runtime');
    const cmd = ops(runtime, 'CMD')[0]!.command as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/main.js');
    expect(cmd.join(' ')).not.toMatch(/tsx|--import|--loader/);
    expect(ops(runtime, 'USER').at(-1)?.value).toBe('node');
    const health = ops(runtime, 'HEALTHCHECK')[0]!;
    expect(JSON.stringify(health.command)).toContain('/readyz');
    const env = Object.assign({}, ...ops(runtime, 'ENV').map((e) => e.env));
    expect(env).toMatchObject({ NODE_ENV: 'production', DATA_DIR: '/home/node/data' });
    expect(ops(runtime, 'VOLUME')[0]!.paths).toEqual(['/home/node/data']);
  });

  it('copies only files that exist and that .dockerignore keeps in the context', () => {
    const kept = dockerignoreFilter(read('.dockerignore'));
    for (const s of stages) {
      for (const copy of ops(s, 'COPY').filter((c) => !c.from)) {
        for (const source of copy.sources) {
          expect(existsSync(join(ROOT, source)), source).toBe(true);
          expect(kept(source.replace(/^\.\//, '')), `${source} is ignored`).toBe(true);
        }
      }
    }
    expect(kept('node_modules')).toBe(false);
    expect(kept('.env')).toBe(false);
    expect(kept('data/pglite/base')).toBe(false);
  });

  it('the build writes dist/main.js where the image runs it', () => {
    const build = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(build.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: 'src' });
    expect(existsSync(join(ROOT, 'src', 'main.ts'))).toBe(true);
  });

  it('the smoke refuses instructions it cannot carry out, so the recipe cannot drift out of what CI proves', () => {
    expect(() => parseDockerfile('FROM node:24 AS a\nADD https://example.com/x /x\n')).toThrow(DockerfileError);
    expect(() => parseDockerfile('FROM node:24 AS a\nARG X=1\n')).toThrow(/ARG is not an instruction/);
    expect(() => parseDockerfile('RUN true\n')).toThrow(/before FROM/);
  });

  it('reads continuation lines, exec forms and ENV pairs', () => {
    const [s] = parseDockerfile('FROM node:24 AS a\nENV A=1 B="two words"\nRUN echo a \\\n  && echo b\nCMD ["node", "x.js"]\n');
    expect(s!.instructions).toEqual([
      { op: 'ENV', line: 2, env: { A: '1', B: 'two words' } },
      { op: 'RUN', line: 3, command: 'echo a    && echo b' },
      { op: 'CMD', line: 5, command: ['node', 'x.js'] },
    ]);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };

  it('supports Node 20.19+, 22 and 24 LTS', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
  });

  it('starts and runs the CLI from the compiled build, built on start', () => {
    // Build mode: when nothing changed it checks timestamps and stops (under 1 s) instead of type-checking again.
    expect(pkg.scripts.build).toBe('tsc -b tsconfig.build.json');
    expect(pkg.scripts.prestart).toContain('build');
    expect(pkg.scripts.start).toMatch(/^node .*dist\/main\.js$/);
    for (const cli of ['design', 'search', 'show']) expect(pkg.scripts[cli]).toMatch(new RegExp(`build && node dist/cli\\.js ${cli}$`));
  });
});
