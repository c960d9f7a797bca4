import { accessSync, constants, readFileSync } from 'node:fs';
import { z } from 'zod';

import { ConfigError } from './errors.js';

/** The task queue every worker and client of this project uses; defined once here. */
export const DEFAULT_TASK_QUEUE = 'warehouse-refresh';

const readableFile = () =>
  z
    .string()
    .min(1)
    .refine(
      (path) => {
        try {
          accessSync(path, constants.R_OK);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'file not found or not readable' },
    );

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'expected host:port, for example temporal.example.com:7233');

/**
 * Environment variables that configure how this project reaches Temporal.
 * Parsed once at start-up; every problem is reported together.
 */
export const EnvSchema = z
  .object({
    TEMPORAL_ADDRESS: hostPort.optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
    TEMPORAL_TLS_CERT: readableFile().optional(),
    TEMPORAL_TLS_KEY: readableFile().optional(),
    TEMPORAL_TLS_CA: readableFile().optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_API_KEY_FILE: readableFile().optional(),
    TEMPORAL_CLI_PATH: readableFile().optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'],
        message: 'a client certificate needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY',
      });
    }
    if (env.TEMPORAL_API_KEY && env.TEMPORAL_API_KEY_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_API_KEY_FILE'],
        message: 'set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both',
      });
    }
    const clusterOnly = ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_CA', 'TEMPORAL_API_KEY', 'TEMPORAL_API_KEY_FILE'] as const;
    for (const key of clusterOnly) {
      if (env[key] && !env.TEMPORAL_ADDRESS) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is set but TEMPORAL_ADDRESS is not` });
      }
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Where and how to reach a Temporal cluster. Secrets are kept out of `describe`. */
export interface ClusterSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
}

export interface TemporalSettings {
  /** Undefined: no cluster configured, so a local dev server is started. */
  cluster?: ClusterSettings;
  namespace: string;
  taskQueue: string;
  cliPath?: string;
}

/** Formats every zod issue on one line each, prefixed by the variable or option it concerns. */
/** Every problem on one line, each naming its variable: "A: what is wrong; B: ...". */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
}

/** Reads Temporal settings from the environment; throws a ConfigError listing every problem. */
export function loadTemporalSettings(source: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(`invalid Temporal configuration: ${formatIssues(parsed.error)} (fix the environment variables named and run the command again)`);
  }
  const env = parsed.data;
  const base = { namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE, cliPath: env.TEMPORAL_CLI_PATH };
  if (!env.TEMPORAL_ADDRESS) return base;

  const apiKey = env.TEMPORAL_API_KEY ?? (env.TEMPORAL_API_KEY_FILE ? readFileSync(env.TEMPORAL_API_KEY_FILE, 'utf8').trim() : undefined);
  // API keys are only ever sent over TLS, so an API key implies TLS.
  const wantsTls = env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_CA || apiKey);
  const tls = wantsTls
    ? {
        serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
        serverRootCACertificate: env.TEMPORAL_TLS_CA ? readFileSync(env.TEMPORAL_TLS_CA) : undefined,
        clientCertPair:
          env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY
            ? { crt: readFileSync(env.TEMPORAL_TLS_CERT), key: readFileSync(env.TEMPORAL_TLS_KEY) }
            : undefined,
      }
    : undefined;
  return { ...base, cluster: { address: env.TEMPORAL_ADDRESS, namespace: base.namespace, taskQueue: base.taskQueue, tls, apiKey } };
}

/** A description of the settings that is safe to print: no key material, no API key. */
export function describeSettings(settings: TemporalSettings): string {
  if (!settings.cluster) return `local dev server, namespace ${settings.namespace}`;
  const c = settings.cluster;
  const parts = [`cluster ${c.address}`, `namespace ${c.namespace}`];
  if (c.tls) parts.push(c.tls.clientCertPair ? 'TLS with client certificate' : 'TLS');
  if (c.apiKey) parts.push('API key set');
  return parts.join(', ');
}
