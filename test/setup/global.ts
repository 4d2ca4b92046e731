import type { TestProject } from 'vitest/node';
import { buildOnce } from './build.js';
import { releaseTemplate, templateOnce, useTemplate } from './pglite-template.js';

/**
 * Global setup of the projects that start real processes and databases: the compiled build and the migrated
 * PGlite template, made side by side (tsc runs in a child process, PGlite in this one).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  useTemplate();
  const [, template] = await Promise.all([buildOnce(), templateOnce()]);
  project.provide('pgliteTemplate', { emptyTar: template.emptyTar, tar: template.tar, cluster: template.cluster });
  return () => releaseTemplate(template);
}
