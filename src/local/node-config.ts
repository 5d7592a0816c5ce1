// What a local cluster's node runs with: its server.properties, from the start options.
import { isKafka3 } from './kafka-dist.js';
import { pemProp, type TlsMaterial } from './pki.js';
import type { LocalNode } from './state.js';

export interface StartOptions {
  dir: string;
  brokers: number;
  sasl: boolean;
  tls: boolean;
  /**
   * Enforce ACLs: StandardAuthorizer, with the PLAINTEXT listener's ANONYMOUS and the SASL users
   * kfk-plain and kfk-scram as super users; kfk-limited gets only what ACLs grant it.
   */
  acl?: boolean;
  version: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /**
   * An OAUTHBEARER listener (SASL_PLAINTEXT) whose tokens Kafka's OAuthBearerValidatorCallbackHandler
   * checks against a JWKS: its URL (allowed through the JVM's
   * org.apache.kafka.sasl.oauthbearer.allowed.urls), and the audience and issuer tokens must name.
   */
  oauth?: { jwksUrl: string; audience?: string; issuer?: string };
  /** Run kfk's token server beside the cluster and point an OAUTHBEARER listener at it (`--oauth`). */
  oauthServer?: boolean;
  /** Log directories per node (default 1): replicas can then move between them (AlterReplicaLogDirs). */
  logDirs?: number;
  /** Extra broker properties, e.g. to enable an authorizer in tests. */
  brokerProperties?: Record<string, string>;
  /** broker.rack by node id (the 3-broker test cluster: two racks, for rack-aware assignment). */
  racks?: Record<number, string>;
  readyTimeoutMs?: number;
}

/** The audience and issuer of the tokens of `kfk local start --oauth` (src/local/oauth-dev-server.ts). */
export const LOCAL_OAUTH = { audience: 'kfk-local', issuer: 'kfk-local', clientId: 'kfk-oauth' } as const;

// kfk-limited (SCRAM-SHA-512) is an ordinary user: with an authorizer enabled and only the
// others as super users, it is the one that gets "not authorized".
export const SASL_USERS = { plain: 'kfk-plain', scram: 'kfk-scram', limited: 'kfk-limited' } as const;

export interface Credentials {
  plainPassword: string;
  scramPassword: string;
  limitedPassword: string;
  /** delegation.token.secret.key: the key the cluster signs delegation tokens with (kafka-delegation-tokens). */
  tokenSecret: string;
}

export function serverProperties(
  node: LocalNode,
  all: LocalNode[],
  o: StartOptions,
  creds: Credentials | undefined,
  tls: TlsMaterial | undefined,
): string {
  const listeners = [`PLAINTEXT://127.0.0.1:${node.port}`, `CONTROLLER://127.0.0.1:${node.controllerPort}`];
  const advertised = [`PLAINTEXT://127.0.0.1:${node.port}`];
  const map = ['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT'];
  if (node.saslPort) {
    listeners.push(`SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`);
    advertised.push(`SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`);
    map.push('SASL_PLAINTEXT:SASL_PLAINTEXT');
  }
  if (node.oauthPort) {
    listeners.push(`OAUTH://127.0.0.1:${node.oauthPort}`);
    advertised.push(`OAUTH://127.0.0.1:${node.oauthPort}`);
    map.push('OAUTH:SASL_PLAINTEXT');
  }
  if (node.tlsPort) {
    listeners.push(`SSL://127.0.0.1:${node.tlsPort}`);
    advertised.push(`SSL://127.0.0.1:${node.tlsPort}`);
    map.push('SSL:SSL');
  }
  const rf = Math.min(3, all.length);
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.nodeId),
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': map.join(','),
    'log.dirs': (node.logDirs ?? [node.dataDir]).join(','),
    'offsets.topic.replication.factor': String(rf),
    'offsets.topic.num.partitions': all.length > 1 ? '3' : '1',
    'transaction.state.log.replication.factor': String(rf),
    'transaction.state.log.min.isr': String(Math.min(2, rf)),
    'transaction.state.log.num.partitions': all.length > 1 ? '3' : '1',
    'group.initial.rebalance.delay.ms': '0',
    'log.cleaner.dedupe.buffer.size': '2097152',
    'num.network.threads': '2',
    'num.io.threads': '2',
    'num.partitions': '1',
    'default.replication.factor': String(all.length > 1 ? 3 : 1),
    'auto.create.topics.enable': 'false',
  };
  if (all.length === 1) props['controller.quorum.bootstrap.servers'] = `127.0.0.1:${node.controllerPort}`;
  else props['controller.quorum.voters'] = all.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',');
  if (!isKafka3(o.version)) {
    // Share groups (KIP-932): the share coordinator's state topic must fit the cluster (its
    // default replication factor 3 fails on one broker, and share consumers then get nothing).
    props['share.coordinator.state.topic.replication.factor'] = String(rf);
    props['share.coordinator.state.topic.min.isr'] = String(Math.min(2, rf));
  }
  if (isKafka3(o.version)) {
    // 3.x KRaft: voters are static; the 4.x bootstrap style is not known there.
    delete props['controller.quorum.bootstrap.servers'];
    props['controller.quorum.voters'] = all.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',');
  }
  if (creds) {
    props['sasl.enabled.mechanisms'] = 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512';
    props['listener.name.sasl_plaintext.plain.sasl.jaas.config'] =
      `org.apache.kafka.common.security.plain.PlainLoginModule required user_${SASL_USERS.plain}="${creds.plainPassword}";`;
    props['listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config'] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    props['listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config'] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    // Delegation tokens (KIP-48): created, renewed and described over the SASL listener, and
    // taken as SCRAM credentials (tokenauth=true); one key for every node of the cluster.
    props['delegation.token.secret.key'] = creds.tokenSecret;
  }
  if (o.oauth && node.oauthPort) {
    props['listener.name.oauth.sasl.enabled.mechanisms'] = 'OAUTHBEARER';
    props['listener.name.oauth.oauthbearer.sasl.jaas.config'] = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;';
    props['listener.name.oauth.oauthbearer.sasl.server.callback.handler.class'] = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler';
    // Sessions end with their token (at most an hour): clients must re-authenticate (KIP-368)
    // with fresh tokens, as on clusters that require it.
    props['listener.name.oauth.oauthbearer.connections.max.reauth.ms'] = '3600000';
    props['sasl.oauthbearer.jwks.endpoint.url'] = o.oauth.jwksUrl;
    if (o.oauth.audience) props['sasl.oauthbearer.expected.audience'] = o.oauth.audience;
    if (o.oauth.issuer) props['sasl.oauthbearer.expected.issuer'] = o.oauth.issuer;
  }
  if (tls) {
    props['listener.name.ssl.ssl.keystore.type'] = 'PEM';
    props['listener.name.ssl.ssl.keystore.certificate.chain'] = pemProp(tls.cert);
    props['listener.name.ssl.ssl.keystore.key'] = pemProp(tls.key);
    props['listener.name.ssl.ssl.truststore.type'] = 'PEM';
    props['listener.name.ssl.ssl.truststore.certificates'] = pemProp(tls.ca);
    props['listener.name.ssl.ssl.client.auth'] = 'requested';
  }
  if (o.acl) Object.assign(props, aclProperties());
  Object.assign(props, o.brokerProperties ?? {});
  if (o.racks?.[node.nodeId] !== undefined) props['broker.rack'] = o.racks[node.nodeId];
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';
}

/** The authorizer of an ACL cluster (`kfk local start --acl`, the test broker). */
export function aclProperties(): Record<string, string> {
  return {
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:ANONYMOUS;User:${SASL_USERS.plain};User:${SASL_USERS.scram}`,
  };
}
