export type Command = string | string[];
export type Instruction =
  | { op: 'WORKDIR'; line: number; value: string }
  | { op: 'USER'; line: number; value: string }
  | { op: 'ENV'; line: number; env: Record<string, string> }
  | { op: 'COPY'; line: number; from: string | null; chown: string | null; sources: string[]; dest: string }
  | { op: 'RUN'; line: number; command: Command }
  | { op: 'CMD'; line: number; command: Command }
  | { op: 'VOLUME'; line: number; paths: string[] }
  | { op: 'EXPOSE'; line: number; ports: number[] }
  | { op: 'HEALTHCHECK'; line: number; flags: Record<string, string>; command: Command };
export interface Stage {
  name: string;
  image: string;
  line: number;
  instructions: Instruction[];
}
export const KNOWN_INSTRUCTIONS: Set<string>;
export class DockerfileError extends Error {}
export function parseDockerfile(text: string): Stage[];
export function dockerignoreFilter(text: string): (relativePath: string) => boolean;
