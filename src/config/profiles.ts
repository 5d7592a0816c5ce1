// Named profiles: one machine, several clusters. A YAML file under the user's config directory:
//
//   default-profile: prod
//   profiles:
//     prod:
//       bootstrap-server: kafka1:9092,kafka2:9092
//       command-config: /etc/kafka/client.properties
//       properties:
//         security.protocol: SASL_SSL
//         sasl.mechanism: SCRAM-SHA-512
//         sasl.jaas.config: ${file:/etc/kafka/jaas.conf}
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { KfkError, errorMessage } from '../errors.js';

const require = createRequire(import.meta.url);

export interface Profile {
  name: string;
  bootstrapServer?: string;
  commandConfig?: string;
  /** The profile's Schema Registry (key `schema-registry-url`). */
  schemaRegistryUrl?: string;
  properties: Map<string, string>;
}

export interface ProfileFile {
  path: string;
  defaultProfile?: string;
  profiles: Map<string, Profile>;
}

export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.KFK_CONFIG_DIR) return env.KFK_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'kfk');
}

export function profileFilePath(env: NodeJS.ProcessEnv): string {
  return env.KFK_CONFIG || join(configDir(env), 'config.yaml');
}

export function loadProfileFile(path: string): ProfileFile | undefined {
  if (!existsSync(path)) return undefined;
  let doc: unknown;
  try {
    const YAML = require('yaml') as typeof import('yaml');
    doc = YAML.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new KfkError(`cannot read profiles from ${path}: ${errorMessage(err).split('\n')[0]}`);
  }
  const file: ProfileFile = { path, profiles: new Map() };
  if (doc === null || doc === undefined) return file;
  if (typeof doc !== 'object') throw new KfkError(`cannot read profiles from ${path}: expected a mapping`);
  const root = doc as Record<string, unknown>;
  if (root['default-profile'] !== undefined) file.defaultProfile = String(root['default-profile']);
  const profiles = (root.profiles ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, p] of Object.entries(profiles)) {
    if (!p || typeof p !== 'object') throw new KfkError(`cannot read profiles from ${path}: profile '${name}' is not a mapping`);
    const props = new Map<string, string>();
    for (const [k, v] of Object.entries((p.properties ?? {}) as Record<string, unknown>)) props.set(k, String(v));
    file.profiles.set(name, {
      name,
      bootstrapServer: p['bootstrap-server'] === undefined ? undefined : String(p['bootstrap-server']),
      commandConfig: p['command-config'] === undefined ? undefined : String(p['command-config']),
      schemaRegistryUrl: p['schema-registry-url'] === undefined ? undefined : String(p['schema-registry-url']),
      properties: props,
    });
  }
  return file;
}
