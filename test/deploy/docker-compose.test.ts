import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { PROJECT_ROOT } from '../../runtime/project.js';
import { DEFAULT_TASK_QUEUE, EnvSchema } from '../../schemas/config.js';

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  ports?: Array<string | { host_ip?: string; published?: string | number; target?: number }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: Array<string | { source?: string; target?: string }>;
  command?: string | string[];
  healthcheck?: { test?: string | string[] };
  container_name?: string;
}

const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};

/** Environment as a map, whichever of the two compose syntaxes is used. */
function environment(s: Service): Record<string, string> {
  if (Array.isArray(s.environment)) {
    return Object.fromEntries(s.environment.map((entry) => [entry.split('=')[0] as string, entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]));
}

function dependsOn(s: Service): string[] {
  return Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
}

/** True for `name:tag` (or a digest) where the tag names a version: not missing, not `latest`. */
function isPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^:/]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && /^v?\d+(\.\d+)+/.test(tag);
}

describe('docker-compose.yml', () => {
  it('defines PostgreSQL, Temporal, its Web UI and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(['postgresql', 'temporal', 'temporal-ui', 'worker']));
  });

  it('pins every image to an explicit version', () => {
    const images = Object.entries(services).filter(([, s]) => s.image !== undefined);
    expect(images.map(([name]) => name).sort()).toEqual(['postgresql', 'temporal', 'temporal-ui']);
    for (const [name, s] of images) expect(isPinned(s.image as string), `${name}: ${s.image}`).toBe(true);
    expect(isPinned('postgres:latest')).toBe(false);
    expect(isPinned('postgres')).toBe(false);
  });

  it('binds every published port to 127.0.0.1', () => {
    const ports = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p] as const));
    expect(ports.length).toBeGreaterThanOrEqual(2);
    for (const [name, port] of ports) {
      const local = typeof port === 'string' ? /^127\.0\.0\.1:\d+:\d+(\/(tcp|udp))?$/.test(port) : port.host_ip === '127.0.0.1';
      expect(local, `${name}: ${JSON.stringify(port)}`).toBe(true);
    }
    expect(services.temporal?.ports).toContain('127.0.0.1:7233:7233');
    expect(services['temporal-ui']?.ports).toContain('127.0.0.1:8080:8080');
  });

  it('sets Temporal up on PostgreSQL once the database is healthy', () => {
    const temporal = service('temporal');
    expect(dependsOn(temporal)).toContain('postgresql');
    expect((temporal.depends_on as Record<string, { condition?: string }>).postgresql?.condition).toBe('service_healthy');
    expect(service('postgresql').healthcheck?.test).toBeDefined();
    const env = environment(temporal);
    expect(env.DB).toBe('postgres12');
    expect(env.POSTGRES_SEEDS).toBe('postgresql');
    expect(env.DB_PORT).toBe('5432');
    expect(env.POSTGRES_USER).toBeTruthy();
    expect(env.POSTGRES_PWD).toBeTruthy();
    expect(service('postgresql').volumes?.some((v) => String(typeof v === 'string' ? v : v.target).includes('/var/lib/postgresql/data'))).toBe(true);
    expect(environment(service('temporal-ui')).TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('points the worker at the cluster with the task queue the project uses', () => {
    const env = environment(service('worker'));
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(env.TEMPORAL_TASK_QUEUE).toBe(DEFAULT_TASK_QUEUE);
    // The worker's own configuration parser accepts exactly what compose passes it.
    const parsed = EnvSchema.safeParse(env);
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it('runs the worker script with the output and input folders mounted, and can scale', () => {
    const worker = service('worker');
    const command = Array.isArray(worker.command) ? worker.command.join(' ') : String(worker.command);
    expect(command).toContain('.cache/js/scripts/worker.js');
    expect(existsSync(join(PROJECT_ROOT, 'scripts', 'worker.ts'))).toBe(true);
    const mounts = (worker.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
    expect(mounts.some((m) => m.startsWith('./output:'))).toBe(true);
    expect(mounts.some((m) => m.startsWith('./input:'))).toBe(true);
    // A fixed container name would make `--scale worker=N` fail.
    expect(worker.container_name).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const compose = service('worker');
  const build = typeof compose.build === 'string' ? { context: compose.build } : (compose.build ?? {});
  const dockerfilePath = join(PROJECT_ROOT, build.context ?? '.', build.dockerfile ?? 'Dockerfile');

  it('is what the worker service builds from', () => {
    expect(build.context).toBe('.');
    expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(existsSync(dockerfilePath)).toBe(true);
  });

  it('starts from a pinned Node 20 image and runs the worker as a non-root user', () => {
    const text = readFileSync(dockerfilePath, 'utf8');
    const instructions = text.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
    const froms = instructions.filter((l) => /^FROM\s/i.test(l)).map((l) => l.split(/\s+/).filter((w) => !w.startsWith('--'))[1] as string);
    expect(froms.length).toBeGreaterThanOrEqual(1);
    for (const image of froms) expect(isPinned(image), image).toBe(true);
    expect(froms[0]).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
    expect(instructions.some((l) => /^RUN\s.*\bnpm ci\b/.test(l))).toBe(true);
    const users = instructions.filter((l) => /^USER\s/.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThanOrEqual(1);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions.find((l) => /^CMD\s/.test(l))).toContain('.cache/js/scripts/worker.js');
  });

  it('keeps local state out of the build context', () => {
    const ignored = readFileSync(join(PROJECT_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', '.venv', 'output', '.cache', 'test-artifacts']) expect(ignored).toContain(entry);
  });
});
