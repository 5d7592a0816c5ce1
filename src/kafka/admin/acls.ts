// ACLs as plain data: DescribeAcls, CreateAcls and DeleteAcls, sent to any broker (Kafka's admin
// client does the same: every broker answers them from the cluster's metadata).
import type { KafkaClient } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { createAclsRequest, deleteAclsRequest, describeAclsRequest, type WireAcl, type WireError } from '../protocol/acl-requests.js';

// Kafka's enums, in code order (org.apache.kafka.common.acl / .resource).
export const RESOURCE_TYPES = ['UNKNOWN', 'ANY', 'TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN', 'USER'] as const;
export const PATTERN_TYPES = ['UNKNOWN', 'ANY', 'MATCH', 'LITERAL', 'PREFIXED'] as const;
export const OPERATIONS = [
  'UNKNOWN',
  'ANY',
  'ALL',
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
  'IDEMPOTENT_WRITE',
  'CREATE_TOKENS',
  'DESCRIBE_TOKENS',
  'TWO_PHASE_COMMIT',
] as const;
export const PERMISSIONS = ['UNKNOWN', 'ANY', 'DENY', 'ALLOW'] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];
export type PatternType = (typeof PATTERN_TYPES)[number];
export type AclOperation = (typeof OPERATIONS)[number];
export type AclPermission = (typeof PERMISSIONS)[number];

/** Where an ACL applies: Kafka's ResourcePattern (a filter when name is null or a type is ANY/MATCH). */
export interface ResourcePattern {
  resourceType: ResourceType;
  name: string | null;
  patternType: PatternType;
}

/** Who may (or may not) do what from where: Kafka's AccessControlEntry. */
export interface AclEntry {
  principal: string;
  host: string;
  operation: AclOperation;
  permission: AclPermission;
}

export interface AclBinding {
  pattern: ResourcePattern & { name: string };
  entry: AclEntry;
}

/** A filter on entries: null matches any principal or host. */
export interface AclEntryFilter {
  principal: string | null;
  host: string | null;
  operation: AclOperation;
  permission: AclPermission;
}

export const ANY_ENTRY: AclEntryFilter = { principal: null, host: null, operation: 'ANY', permission: 'ANY' };
export const CLUSTER_NAME = 'kafka-cluster';
const SECURITY_DISABLED = 54;

/** A broker's refusal, with Kafka's error code and the broker's own message (kafka-acls prints it). */
export class AclRequestError extends Error {
  readonly code: number;
  readonly type: string;
  readonly brokerMessage: string | null;
  constructor(code: number, brokerMessage: string | null) {
    const base = kafkajs().createErrorFromCode(code);
    // SECURITY_DISABLED: the broker's words say what is wrong ("No Authorizer is configured on the
    // broker"); an authorization failure's message describes the request, not the user's problem.
    super(code === SECURITY_DISABLED && brokerMessage ? brokerMessage : base.message);
    this.name = 'AclRequestError';
    this.code = code;
    this.type = base.type;
    this.brokerMessage = brokerMessage;
  }
}

function check(r: WireError): void {
  if (r.errorCode) throw new AclRequestError(r.errorCode, r.errorMessage);
}

const toWire = (p: ResourcePattern, e: AclEntryFilter): WireAcl => ({
  resourceType: RESOURCE_TYPES.indexOf(p.resourceType),
  resourceName: p.name,
  patternType: PATTERN_TYPES.indexOf(p.patternType),
  principal: e.principal,
  host: e.host,
  operation: OPERATIONS.indexOf(e.operation),
  permissionType: PERMISSIONS.indexOf(e.permission),
});

const fromWire = (w: WireAcl): AclBinding => ({
  pattern: { resourceType: RESOURCE_TYPES[w.resourceType] ?? 'UNKNOWN', name: w.resourceName ?? '', patternType: PATTERN_TYPES[w.patternType] ?? 'UNKNOWN' },
  entry: { principal: w.principal ?? '', host: w.host ?? '', operation: OPERATIONS[w.operation] ?? 'UNKNOWN', permission: PERMISSIONS[w.permissionType] ?? 'UNKNOWN' },
});

async function send<T>(client: KafkaClient, req: ReturnType<typeof describeAclsRequest>): Promise<T> {
  // With --bootstrap-controller: the active controller (KIP-919).
  const { adminBroker } = await import('./quorum.js');
  const broker = await adminBroker(client);
  return (await broker.connectionPool.send({ ...req, requestTimeout: client.options.requestTimeout })) as T;
}

/** The bindings that match a pattern filter and an entry filter. */
export async function describeAcls(client: KafkaClient, pattern: ResourcePattern, entry: AclEntryFilter = ANY_ENTRY): Promise<AclBinding[]> {
  const r = await send<WireError & { bindings: WireAcl[] }>(client, describeAclsRequest(toWire(pattern, entry)));
  check(r);
  return r.bindings.map(fromWire);
}

export async function createAcls(client: KafkaClient, bindings: AclBinding[]): Promise<void> {
  if (bindings.length === 0) return;
  const results = await send<WireError[]>(client, createAclsRequest(bindings.map((b) => toWire(b.pattern, b.entry))));
  results.forEach(check);
}

/** Deletes what each filter matches; returns the bindings removed. */
export async function deleteAcls(client: KafkaClient, filters: Array<{ pattern: ResourcePattern; entry: AclEntryFilter }>): Promise<AclBinding[]> {
  if (filters.length === 0) return [];
  const results = await send<Array<WireError & { matching: Array<WireError & WireAcl> }>>(client, deleteAclsRequest(filters.map((f) => toWire(f.pattern, f.entry))));
  const removed: AclBinding[] = [];
  for (const r of results) {
    check(r);
    for (const m of r.matching) {
      check(m);
      removed.push(fromWire(m));
    }
  }
  return removed;
}
