// What `kfk acl` commands print besides Kafka's text: rows for a table and JSON, and the Java
// order kafka-acls lists principals in.
import type { AclBinding } from '../../kafka/admin/acls.js';
import { grid } from '../../format/group-text.js';
import type { TableStyle } from '../../format/topic-describe.js';

export const bindingJson = (b: AclBinding) => ({
  resourceType: b.pattern.resourceType,
  name: b.pattern.name,
  patternType: b.pattern.patternType,
  principal: b.entry.principal,
  host: b.entry.host,
  operation: b.entry.operation,
  permission: b.entry.permission,
});

export async function bindingsTable(bindings: AclBinding[], style: TableStyle): Promise<string> {
  if (bindings.length === 0) return '';
  return grid(
    ['RESOURCE-TYPE', 'NAME', 'PATTERN', 'PRINCIPAL', 'HOST', 'OPERATION', 'PERMISSION'],
    bindings.map((b) => [b.pattern.resourceType, b.pattern.name, b.pattern.patternType, b.entry.principal, b.entry.host, b.entry.operation, b.entry.permission]),
    style,
  );
}

/** Java's String.hashCode. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The order a java.util.HashSet of KafkaPrincipal iterates in (kafka-acls --list --principal ...):
 * by hash bucket, then insertion order. KafkaPrincipal's hash depends on its strings only.
 */
export function javaPrincipalSetOrder(principals: string[]): string[] {
  const hash = (p: string) => {
    const i = p.indexOf(':');
    const h = (Math.imul(31, javaStringHash(p.slice(0, i))) + javaStringHash(p.slice(i + 1))) | 0;
    return (h ^ (h >>> 16)) | 0;
  };
  let buckets = 16;
  while (principals.length > buckets * 0.75) buckets *= 2;
  return principals
    .map((p, i) => ({ p, i, b: hash(p) & (buckets - 1) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.p);
}
