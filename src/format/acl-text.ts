// ACLs as kafka-acls prints them: Kafka's toString() of ResourcePattern, AccessControlEntry and
// AclBinding, and AclCommand's texts around them. kafka-acls keeps patterns and entries in Java
// hash sets, whose order follows the JVM's identity hash codes of enum values and so changes from
// one run to another; kfk prints them sorted (resource type, name, pattern type; principal, host,
// operation, permission), which is one of the orders kafka-acls can print.
import type { AclBinding, AclEntry, ResourcePattern } from '../kafka/admin/acls.js';
import { OPERATIONS, PATTERN_TYPES, PERMISSIONS, RESOURCE_TYPES } from '../kafka/admin/acls.js';

export const patternText = (p: ResourcePattern) => `ResourcePattern(resourceType=${p.resourceType}, name=${p.name ?? '<any>'}, patternType=${p.patternType})`;
export const entryText = (e: AclEntry) => `(principal=${e.principal}, host=${e.host}, operation=${e.operation}, permissionType=${e.permission})`;
export const bindingText = (b: AclBinding) => `(pattern=${patternText(b.pattern)}, entry=${entryText(b.entry)})`;

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

export function comparePatterns(a: ResourcePattern, b: ResourcePattern): number {
  return (
    cmp(RESOURCE_TYPES.indexOf(a.resourceType), RESOURCE_TYPES.indexOf(b.resourceType)) ||
    cmp(a.name ?? '', b.name ?? '') ||
    cmp(PATTERN_TYPES.indexOf(a.patternType), PATTERN_TYPES.indexOf(b.patternType))
  );
}

export function compareEntries(a: AclEntry, b: AclEntry): number {
  return (
    cmp(a.principal, b.principal) ||
    cmp(a.host, b.host) ||
    cmp(OPERATIONS.indexOf(a.operation), OPERATIONS.indexOf(b.operation)) ||
    cmp(PERMISSIONS.indexOf(a.permission), PERMISSIONS.indexOf(b.permission))
  );
}

export const patternKey = (p: ResourcePattern) => `${p.resourceType}\0${p.name ?? '\u0001'}\0${p.patternType}`;
export const entryKey = (e: AclEntry) => `${e.principal}\0${e.host}\0${e.operation}\0${e.permission}`;

export interface ResourceAcls {
  pattern: AclBinding['pattern'];
  entries: AclEntry[];
}

/** Bindings grouped by resource pattern, each group's entries without duplicates; both sorted. */
export function groupByResource(bindings: AclBinding[]): ResourceAcls[] {
  const groups = new Map<string, { pattern: AclBinding['pattern']; entries: Map<string, AclEntry> }>();
  for (const b of bindings) {
    const k = patternKey(b.pattern);
    const g = groups.get(k) ?? groups.set(k, { pattern: b.pattern, entries: new Map() }).get(k)!;
    g.entries.set(entryKey(b.entry), b.entry);
  }
  return [...groups.values()]
    .map((g) => ({ pattern: g.pattern, entries: [...g.entries.values()].sort(compareEntries) }))
    .sort((a, b) => comparePatterns(a.pattern, b.pattern));
}

const tabbed = (entries: AclEntry[]) => entries.map((e) => `\t${entryText(e)}`).join('\n');

/** kafka-acls --add, before it creates a resource's new ACLs. */
export const addingText = (pattern: ResourcePattern, entries: AclEntry[]) => `Adding ACLs for resource \`${patternText(pattern)}\`: \n ${tabbed(entries)}\n\n`;

/** kafka-acls --add, for an ACL that is there already. */
export const existsText = (b: AclBinding) => `Acl ${bindingText(b)} already exists.\n`;

/** kafka-acls --list: one block per resource. */
export const currentText = (r: ResourceAcls) => `Current ACLs for resource \`${patternText(r.pattern)}\`:\n${tabbed(r.entries)}\n\n`;

export const principalHeader = (principal: string) => `ACLs for principal \`${principal}\`\n`;

/** kafka-acls --remove's question (without --force). */
export function removeQuestion(filter: ResourcePattern, entries: AclEntry[]): string {
  if (entries.length === 0) return `Are you sure you want to delete all ACLs for resource filter \`${patternText(filter)}\`? (y/n)`;
  return `Are you sure you want to remove ACLs: \n ${tabbed(entries)}\n from resource filter \`${patternText(filter)}\`? (y/n)`;
}
