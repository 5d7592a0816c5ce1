// One resolution of "which cluster, with which settings" for every command.
// Precedence, highest first: flags > environment > --command-config file > profile > defaults.
import { KfkError, UsageError } from '../errors.js';
import { runningLocalCluster } from '../local/state.js';
import { loadProfileFile, profileFilePath, type Profile } from './profiles.js';
import { expandReferences, parseKeyValues, readPropertiesFile, type Properties } from './properties.js';
import { unknownProperties } from './known-properties.js';

export interface ConnectionFlags {
  bootstrapServer?: string;
  /** KIP-919: the controllers' listener instead of the brokers' (only commands whose Kafka tool takes it). */
  bootstrapController?: string;
  commandConfig?: string;
  commandProperty?: string[];
  profile?: string;
  timeout?: string;
  verbose?: boolean;
}

export type Source = 'flag' | 'env' | 'command-config' | 'profile' | 'local' | 'default';

export interface ResolvedConfig {
  bootstrapServers: string[];
  /** The addresses are controllers' (--bootstrap-controller): no Metadata, requests to them directly. */
  controllers?: boolean;
  bootstrapSource: Source;
  /** Client properties after merging every layer and expanding ${env:..}/${file:..}. */
  properties: Properties;
  profile?: string;
  /** The profile's `schema-registry-url`, if any. */
  profileSchemaRegistryUrl?: string;
  /** Bound on connecting and on each request, ms. */
  timeoutMs: number;
  verbose: boolean;
  warnings: string[];
}

export const DEFAULT_BOOTSTRAP = 'localhost:9092';
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ResolveInput {
  flags: ConnectionFlags;
  env: NodeJS.ProcessEnv;
  /** Extra properties from a command's own flags (e.g. --producer-property), above --command-property. */
  commandProperties?: Properties;
  /** Extra files from a command's own flags (e.g. --producer.config), merged with --command-config. */
  commandConfigFiles?: string[];
  /** For tests: skip looking for a running `kfk local` cluster. */
  ignoreLocal?: boolean;
}

export function parseBootstrap(list: string, origin: string): string[] {
  const servers = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (servers.length === 0) throw new UsageError(`empty bootstrap server list (from ${origin})`);
  for (const s of servers) {
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(s);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
      throw new UsageError(`invalid bootstrap server '${s}' (from ${origin}): expected host:port`);
    }
  }
  return servers;
}

function selectProfile(flags: ConnectionFlags, env: NodeJS.ProcessEnv): Profile | undefined {
  const wanted = flags.profile ?? env.KFK_PROFILE;
  const path = profileFilePath(env);
  const file = loadProfileFile(path);
  if (wanted !== undefined) {
    const p = file?.profiles.get(wanted);
    if (!p) {
      const known = file ? [...file.profiles.keys()].join(', ') : '';
      throw new UsageError(
        `unknown profile '${wanted}'`,
        file ? `profiles in ${path}: ${known || 'none'}` : `no profile file at ${path}`,
      );
    }
    return p;
  }
  if (file?.defaultProfile) {
    const p = file.profiles.get(file.defaultProfile);
    if (!p) throw new KfkError(`default-profile '${file.defaultProfile}' is not defined in ${path}`);
    return p;
  }
  return undefined;
}

function parseTimeout(value: string, origin: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) {
    throw new UsageError(`invalid timeout '${value}' (from ${origin}): expected a positive number of milliseconds`);
  }
  return Number(value);
}

export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const { flags, env } = input;
  const warnings: string[] = [];
  const profile = selectProfile(flags, env);

  // Properties, lowest layer first.
  const props: Properties = new Map();
  const merge = (from: Properties) => from.forEach((v, k) => props.set(k, v));
  if (profile) {
    if (profile.commandConfig) merge(readPropertiesFile(profile.commandConfig));
    merge(profile.properties);
  }
  const commandConfigProps: Properties = new Map();
  for (const file of [...(input.commandConfigFiles ?? []), ...(flags.commandConfig ? [flags.commandConfig] : [])]) {
    readPropertiesFile(file).forEach((v, k) => commandConfigProps.set(k, v));
  }
  merge(commandConfigProps);
  if (env.KFK_SASL_USERNAME !== undefined) props.set('sasl.username', env.KFK_SASL_USERNAME);
  if (env.KFK_SASL_PASSWORD !== undefined) props.set('sasl.password', env.KFK_SASL_PASSWORD);
  if (input.commandProperties) merge(input.commandProperties);
  merge(parseKeyValues(flags.commandProperty, '--command-property'));
  for (const [k, v] of props) props.set(k, expandReferences(v, env));

  for (const name of unknownProperties(props.keys())) {
    warnings.push(`the configuration '${name}' was supplied but isn't a known config`);
  }

  // Bootstrap servers.
  let bootstrapServers: string[];
  let bootstrapSource: Source;
  if (flags.bootstrapController !== undefined && flags.bootstrapServer !== undefined) {
    throw new UsageError('give --bootstrap-server or --bootstrap-controller, not both');
  }
  if (flags.bootstrapController !== undefined) {
    bootstrapServers = parseBootstrap(flags.bootstrapController, '--bootstrap-controller');
    bootstrapSource = 'flag';
  } else if (flags.bootstrapServer !== undefined) {
    bootstrapServers = parseBootstrap(flags.bootstrapServer, '--bootstrap-server');
    bootstrapSource = 'flag';
  } else if (env.KFK_BOOTSTRAP_SERVER) {
    bootstrapServers = parseBootstrap(env.KFK_BOOTSTRAP_SERVER, 'KFK_BOOTSTRAP_SERVER');
    bootstrapSource = 'env';
  } else if (commandConfigProps.has('bootstrap.servers')) {
    bootstrapServers = parseBootstrap(commandConfigProps.get('bootstrap.servers')!, '--command-config');
    bootstrapSource = 'command-config';
  } else if (profile && (profile.bootstrapServer || props.has('bootstrap.servers'))) {
    bootstrapServers = parseBootstrap(profile.bootstrapServer ?? props.get('bootstrap.servers')!, `profile ${profile.name}`);
    bootstrapSource = 'profile';
  } else {
    const local = input.ignoreLocal ? undefined : runningLocalCluster(env);
    if (local) {
      bootstrapServers = parseBootstrap(local.bootstrap, 'kfk local');
      bootstrapSource = 'local';
    } else {
      bootstrapServers = [DEFAULT_BOOTSTRAP];
      bootstrapSource = 'default';
    }
  }

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (flags.timeout !== undefined) timeoutMs = parseTimeout(flags.timeout, '--timeout');
  else if (env.KFK_TIMEOUT) timeoutMs = parseTimeout(env.KFK_TIMEOUT, 'KFK_TIMEOUT');
  else if (props.has('request.timeout.ms')) timeoutMs = parseTimeout(props.get('request.timeout.ms')!, 'request.timeout.ms');

  return {
    bootstrapServers,
    ...(flags.bootstrapController !== undefined ? { controllers: true } : {}),
    bootstrapSource,
    properties: props,
    profile: profile?.name,
    profileSchemaRegistryUrl: profile?.schemaRegistryUrl ? expandReferences(profile.schemaRegistryUrl, env) : undefined,
    timeoutMs,
    verbose: Boolean(flags.verbose) || Boolean(env.KFK_DEBUG),
    warnings,
  };
}
