// Reads the Dockerfile into stages and instructions, for scripts/image-smoke.mjs (which carries the
// instructions out without a Docker engine) and for the tests that check the recipe. Only the instructions the
// smoke can carry out are accepted, so the image and what CI proves cannot drift apart.

export const KNOWN_INSTRUCTIONS = new Set(['FROM', 'WORKDIR', 'ENV', 'COPY', 'RUN', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'CMD']);

export class DockerfileError extends Error {
  name = 'DockerfileError';
}

/** Joins continuation lines and drops comments and blank lines; keeps the line number of each instruction. */
function logicalLines(text) {
  const lines = [];
  let current = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (current === '' && /^\s*(#|$)/.test(line)) return;
    if (current === '') startLine = index + 1;
    if (/\\\s*$/.test(line)) {
      current += line.replace(/\\\s*$/, ' ');
      return;
    }
    current += line;
    lines.push({ line: startLine, text: current.trim() });
    current = '';
  });
  if (current) lines.push({ line: startLine, text: current.trim() });
  return lines;
}

/** `["a", "b"]` (exec form) → array; anything else → the shell string. */
function commandForm(rest) {
  if (rest.startsWith('[')) {
    try {
      const parsed = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    } catch {
      // not JSON: shell form
    }
  }
  return rest;
}

function parseEnv(rest, line) {
  const env = {};
  if (!rest.includes('=')) {
    const [key, ...value] = rest.split(/\s+/);
    env[key] = value.join(' ');
    return env;
  }
  for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|(\S*))/g)) env[m[1]] = m[3] ?? m[4] ?? '';
  if (Object.keys(env).length === 0) throw new DockerfileError(`line ${line}: cannot read ENV ${rest}`);
  return env;
}

function parseFlags(words) {
  const flags = {};
  while (words[0]?.startsWith('--')) {
    const [name, value = ''] = words.shift().slice(2).split(/=(.*)/s);
    flags[name] = value;
  }
  return flags;
}

/** The Dockerfile as stages: `[{ name, image, line, instructions: [{ op, line, ... }] }]`. */
export function parseDockerfile(text) {
  const stages = [];
  for (const { line, text: logical } of logicalLines(text)) {
    const [opRaw, ...restWords] = logical.split(/\s+/);
    const op = opRaw.toUpperCase();
    const rest = logical.slice(opRaw.length).trim();
    if (!KNOWN_INSTRUCTIONS.has(op)) {
      throw new DockerfileError(`line ${line}: ${op} is not an instruction scripts/image-smoke.mjs can carry out`);
    }
    if (op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!m) throw new DockerfileError(`line ${line}: cannot read FROM ${rest}`);
      stages.push({ name: m[2] ?? String(stages.length), image: m[1], line, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new DockerfileError(`line ${line}: ${op} before FROM`);
    const words = [...restWords];
    switch (op) {
      case 'WORKDIR':
      case 'USER':
        stage.instructions.push({ op, line, value: rest });
        break;
      case 'ENV':
        stage.instructions.push({ op, line, env: parseEnv(rest, line) });
        break;
      case 'COPY': {
        const flags = parseFlags(words);
        if (words.length < 2) throw new DockerfileError(`line ${line}: COPY needs a source and a destination`);
        stage.instructions.push({ op, line, from: flags.from ?? null, chown: flags.chown ?? null, sources: words.slice(0, -1), dest: words.at(-1) });
        break;
      }
      case 'RUN':
        stage.instructions.push({ op, line, command: commandForm(rest) });
        break;
      case 'VOLUME': {
        const form = commandForm(rest);
        stage.instructions.push({ op, line, paths: Array.isArray(form) ? form : form.split(/\s+/) });
        break;
      }
      case 'EXPOSE':
        stage.instructions.push({ op, line, ports: words.map((w) => Number.parseInt(w, 10)) });
        break;
      case 'HEALTHCHECK': {
        const flags = parseFlags(words);
        if ((words.shift() ?? '').toUpperCase() !== 'CMD') throw new DockerfileError(`line ${line}: HEALTHCHECK must use CMD`);
        const command = commandForm(words.join(' '));
        stage.instructions.push({ op, line, flags, command });
        break;
      }
      case 'CMD':
        stage.instructions.push({ op, line, command: commandForm(rest) });
        break;
    }
  }
  if (stages.length === 0) throw new DockerfileError('no FROM instruction');
  return stages;
}

/** Patterns of .dockerignore: a name matches at the top of the context; `*.ext` matches anywhere. */
export function dockerignoreFilter(text) {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const tests = patterns.map((p) => {
    if (p.startsWith('*.')) {
      const ext = p.slice(1);
      return (rel) => rel.endsWith(ext);
    }
    const name = p.replace(/^\/|\/$/g, '');
    return (rel) => rel === name || rel.startsWith(`${name}/`);
  });
  /** true when the context-relative path is kept in the build context. */
  return (rel) => !tests.some((t) => t(rel));
}
