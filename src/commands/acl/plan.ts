// kafka-acls' (AclCommand's) reading of its flags, shared by `kfk acl list|create|delete`: the
// resources, the entries, the --producer/--consumer conveniences, and its checks, with its words.
import { KfkError, UsageError } from '../../errors.js';
import type { AclEntry, AclOperation, PatternType, ResourcePattern, ResourceType } from '../../kafka/admin/acls.js';
import { CLUSTER_NAME } from '../../kafka/admin/acls.js';
import { entryKey, patternKey } from '../../format/acl-text.js';
import { principalFormatError, splitPrincipal } from '../../format/principal.js';

export type AclAction = 'list' | 'add' | 'remove';

export interface AclFlags {
  topic?: string[];
  group?: string[];
  cluster?: boolean;
  transactionalId?: string[];
  delegationToken?: string[];
  userPrincipal?: string[];
  resourcePatternType?: string;
  allowPrincipal?: string[];
  denyPrincipal?: string[];
  allowHost?: string[];
  denyHost?: string[];
  operation?: string[];
  producer?: boolean;
  consumer?: boolean;
  idempotent?: boolean;
  principal?: string[];
}

/**
 * A failure that kafka-acls reports as a Java exception: on stdout, after "Error while executing
 * ACL command: ", with `javaText` (the drop-in prints that; kfk prints its own message).
 */
export class AclToolError extends KfkError {
  readonly javaText: string;
  constructor(message: string, javaText: string, exitCode = 2) {
    super(message, { exitCode });
    this.name = 'AclToolError';
    this.javaText = javaText;
  }
}

const argumentError = (message: string) => new AclToolError(message, message);

/** What AclEntry.supportedOperations gives for each type, plus ALL; in the order kafka-acls prints them most often. */
export const SUPPORTED_OPERATIONS: Record<string, AclOperation[]> = {
  TOPIC: ['DESCRIBE_CONFIGS', 'DELETE', 'ALL', 'ALTER', 'ALTER_CONFIGS', 'READ', 'DESCRIBE', 'CREATE', 'WRITE'],
  GROUP: ['DESCRIBE_CONFIGS', 'DELETE', 'ALL', 'ALTER_CONFIGS', 'READ', 'DESCRIBE'],
  CLUSTER: ['DESCRIBE_CONFIGS', 'CLUSTER_ACTION', 'ALL', 'IDEMPOTENT_WRITE', 'ALTER', 'ALTER_CONFIGS', 'DESCRIBE', 'CREATE'],
  TRANSACTIONAL_ID: ['ALL', 'TWO_PHASE_COMMIT', 'DESCRIBE', 'WRITE'],
  DELEGATION_TOKEN: ['ALL', 'DESCRIBE'],
  USER: ['CREATE_TOKENS', 'ALL', 'DESCRIBE_TOKENS'],
};

/** The operation names --operation takes (Kafka's Pascal-case names, any case). */
const OPERATION_NAMES: Record<string, AclOperation> = {
  ALL: 'ALL',
  READ: 'READ',
  WRITE: 'WRITE',
  CREATE: 'CREATE',
  DELETE: 'DELETE',
  ALTER: 'ALTER',
  DESCRIBE: 'DESCRIBE',
  CLUSTERACTION: 'CLUSTER_ACTION',
  DESCRIBECONFIGS: 'DESCRIBE_CONFIGS',
  ALTERCONFIGS: 'ALTER_CONFIGS',
  IDEMPOTENTWRITE: 'IDEMPOTENT_WRITE',
  CREATETOKENS: 'CREATE_TOKENS',
  DESCRIBETOKENS: 'DESCRIBE_TOKENS',
  TWOPHASECOMMIT: 'TWO_PHASE_COMMIT',
};

export function parseOperation(name: string): AclOperation {
  return OPERATION_NAMES[name.trim().toUpperCase()] ?? 'UNKNOWN';
}

/** --resource-pattern-type: any case; UNKNOWN is refused, as kafka-acls refuses it. */
export function parsePatternType(value: string | undefined): PatternType {
  if (value === undefined) return 'LITERAL';
  const v = value.toUpperCase();
  if (v === 'ANY' || v === 'MATCH' || v === 'LITERAL' || v === 'PREFIXED') return v;
  throw argumentError(`Cannot parse argument '${value}' of option resource-pattern-type`);
}

export function parsePrincipal(text: string): string {
  const s = text.trim();
  if (!splitPrincipal(s)) throw argumentError(principalFormatError(s));
  return s;
}

/** The checks kafka-acls makes of its command line before it connects, in its order. */
export function checkArgs(action: AclAction, f: AclFlags): void {
  const has = (v: unknown) => v !== undefined && v !== false;
  const invalid = (used: string, usedSet: boolean, others: Array<[string, unknown]>) => {
    if (!usedSet) return;
    for (const [name, v] of others) if (has(v)) throw new UsageError(`Option "[${used}]" can't be used with option "[${name}]"`);
  };
  invalid('list', action === 'list', [
    ['producer', f.producer],
    ['consumer', f.consumer],
    ['allow-host', f.allowHost],
    ['allow-principal', f.allowPrincipal],
    ['deny-host', f.denyHost],
    ['deny-principal', f.denyPrincipal],
  ]);
  const convenience: Array<[string, unknown]> = [
    ['operation', f.operation],
    ['deny-principal', f.denyPrincipal],
    ['deny-host', f.denyHost],
  ];
  invalid('producer', has(f.producer), convenience);
  invalid('consumer', has(f.consumer), convenience);
  if (has(f.principal) && action !== 'list') throw new UsageError('The --principal option is only available if --list is set');
  if (f.producer && !f.topic) throw new UsageError('With --producer you must specify a --topic');
  if (f.idempotent && !f.producer) throw new UsageError('The --idempotent option is only available if --producer is set');
  if (f.consumer && (!f.topic || !f.group || (!f.producer && (f.cluster || f.transactionalId)))) {
    throw new UsageError('With --consumer you must specify a --topic and a --group and no --cluster or --transactional-id option should be specified.');
  }
}

const NO_RESOURCE = 'You must provide at least one resource: --topic <topic> or --cluster or --group <group> or --delegation-token <Delegation Token ID>';

/** The resource patterns (or filters) the flags name, without duplicates. */
export function resourceFilters(f: AclFlags, dieIfNone: boolean): ResourcePattern[] {
  const patternType = parsePatternType(f.resourcePatternType);
  const out = new Map<string, ResourcePattern>();
  const add = (resourceType: ResourceType, name: string) => {
    const p = { resourceType, name, patternType };
    out.set(patternKey(p), p);
  };
  for (const t of f.topic ?? []) add('TOPIC', t.trim());
  // Only a literal pattern names the cluster: with another type, --cluster is dropped (as in kafka-acls).
  if (patternType === 'LITERAL' && (f.cluster || f.idempotent)) add('CLUSTER', CLUSTER_NAME);
  for (const g of f.group ?? []) add('GROUP', g.trim());
  // kafka-acls does not trim transactional ids.
  for (const t of f.transactionalId ?? []) add('TRANSACTIONAL_ID', t);
  for (const t of f.delegationToken ?? []) add('DELEGATION_TOKEN', t.trim());
  for (const u of f.userPrincipal ?? []) add('USER', u.trim());
  if (out.size === 0 && dieIfNone) throw new UsageError(NO_RESOURCE);
  return [...out.values()];
}

const uniq = <T>(values: T[]): T[] => [...new Set(values)];

function entriesFor(f: AclFlags, operations: AclOperation[]): AclEntry[] {
  const allowP = uniq((f.allowPrincipal ?? []).map(parsePrincipal));
  const denyP = uniq((f.denyPrincipal ?? []).map(parsePrincipal));
  const hosts = (given: string[] | undefined, principals: string[] | undefined) => (given ? uniq(given.map((h) => h.trim())) : principals ? ['*'] : []);
  const allowH = hosts(f.allowHost, f.allowPrincipal);
  const denyH = hosts(f.denyHost, f.denyPrincipal);
  const out = new Map<string, AclEntry>();
  const add = (principals: string[], hostsOf: string[], permission: 'ALLOW' | 'DENY') => {
    if (principals.length === 0 || hostsOf.length === 0) return;
    for (const principal of principals) {
      for (const operation of operations) {
        for (const host of hostsOf) {
          const e: AclEntry = { principal, host, operation, permission };
          out.set(entryKey(e), e);
        }
      }
    }
  };
  add(allowP, allowH, 'ALLOW');
  add(denyP, denyH, 'DENY');
  return [...out.values()];
}

export interface FilterAcls {
  pattern: ResourcePattern;
  entries: AclEntry[];
}

/** kafka-acls' map from resource (filter) to entries, for --add and --remove. */
export function resourceToAcls(f: AclFlags): FilterAcls[] {
  const map = new Map<string, FilterAcls>();
  const put = (pattern: ResourcePattern, entries: AclEntry[], merge: boolean) => {
    const k = patternKey(pattern);
    const prev = map.get(k);
    if (merge && prev) {
      const all = new Map(prev.entries.map((e) => [entryKey(e), e]));
      for (const e of entries) all.set(entryKey(e), e);
      map.set(k, { pattern, entries: [...all.values()] });
    } else {
      map.set(k, { pattern, entries });
    }
  };
  if (!f.producer && !f.consumer) {
    const ops = uniq((f.operation ?? ['All']).map(parseOperation));
    const entries = entriesFor(f, ops);
    for (const p of resourceFilters(f, true)) put(p, entries, false);
  }
  if (f.producer) {
    const filters = resourceFilters(f, true);
    for (const p of filters.filter((p) => p.resourceType === 'TOPIC')) put(p, entriesFor(f, ['WRITE', 'DESCRIBE', 'CREATE']), false);
    for (const p of filters.filter((p) => p.resourceType === 'TRANSACTIONAL_ID')) put(p, entriesFor(f, ['WRITE', 'DESCRIBE']), false);
    if (f.idempotent) put({ resourceType: 'CLUSTER', name: CLUSTER_NAME, patternType: 'LITERAL' }, entriesFor(f, ['IDEMPOTENT_WRITE']), false);
  }
  if (f.consumer) {
    const filters = resourceFilters(f, true);
    for (const p of filters.filter((p) => p.resourceType === 'TOPIC')) put(p, entriesFor(f, ['READ', 'DESCRIBE']), true);
    for (const p of filters.filter((p) => p.resourceType === 'GROUP')) put(p, entriesFor(f, ['READ']), true);
  }
  for (const { pattern, entries } of map.values()) {
    const valid = SUPPORTED_OPERATIONS[pattern.resourceType] ?? ['ALL'];
    if (entries.some((e) => !valid.includes(e.operation))) {
      throw new UsageError(`ResourceType ${pattern.resourceType} only supports operations [${valid.join(', ')}]`);
    }
  }
  return [...map.values()];
}

/** --add: specific patterns only, and some principal to grant to. */
export function resourcesToAdd(f: AclFlags): FilterAcls[] {
  const patternType = parsePatternType(f.resourcePatternType);
  if (patternType !== 'LITERAL' && patternType !== 'PREFIXED') {
    throw new UsageError(`A '--resource-pattern-type' value of '${patternType}' is not valid when adding acls.`);
  }
  const map = resourceToAcls(f);
  if (map.some((r) => r.entries.length === 0)) throw new UsageError('You must specify one of: --allow-principal, --deny-principal when trying to add ACLs.');
  return map;
}
