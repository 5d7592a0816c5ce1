// Apache Kafka assembled from Maven Central with the machine's Java and Maven. The version is
// pinned here, once; KFK_KAFKA_VERSION (or --kafka-version) overrides it, e.g. for a 3.9.x run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KfkError } from '../errors.js';

export const DEFAULT_KAFKA_VERSION = '4.4.0';
const LOG4J2_VERSION = '2.25.3';
const DEPENDENCY_PLUGIN_VERSION = '3.8.1';

export function kafkaVersion(env: NodeJS.ProcessEnv, flag?: string): string {
  return flag || env.KFK_KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
}

export function isKafka3(version: string): boolean {
  return version.startsWith('3.');
}

export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.KFK_CACHE_DIR) return env.KFK_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'kfk');
}

export interface KafkaDist {
  version: string;
  dir: string;
  libs: string;
  classpath: string;
  /** log4j config for Kafka's command-line tools: WARN and above to stderr, never stdout. */
  toolsLogConfig: string;
}

function which(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error;
}

export function requireJava(): void {
  if (!which('java', ['-version'])) {
    throw new KfkError('Java is not installed: kfk local runs Apache Kafka on the JVM', {
      hint: 'install Java 17 or newer, e.g. apt-get install openjdk-17-jre-headless',
    });
  }
}

function pom(version: string): string {
  const dep = (g: string, a: string, v: string) =>
    `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  const logging = isKafka3(version)
    ? [dep('org.slf4j', 'slf4j-reload4j', '1.7.36')]
    : [
        dep('org.apache.logging.log4j', 'log4j-slf4j-impl', LOG4J2_VERSION),
        dep('org.apache.logging.log4j', 'log4j-core', LOG4J2_VERSION),
      ];
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kfk.local</groupId><artifactId>kafka-dist</artifactId><version>${version}</version><packaging>pom</packaging>
  <dependencies>
${dep('org.apache.kafka', 'kafka_2.13', version)}
${dep('org.apache.kafka', 'kafka-tools', version)}
${logging.join('\n')}
  </dependencies>
  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>${DEPENDENCY_PLUGIN_VERSION}</version></plugin></plugins></build>
</project>
`;
}

function writeToolsLogConfig(dir: string, version: string): string {
  return writeLogConfig(join(dir, isKafka3(version) ? 'tools-log4j.properties' : 'tools-log4j2.properties'), version, { level: 'WARN', to: 'stderr' });
}

/**
 * A Kafka JVM's logging config, for Kafka 3.x's log4j (reload4j) or 4.x's Log4j 2: every line at
 * `level` and above to stderr (the tools: never stdout, where their data goes) or to a file (a
 * broker), with Kafka's own pattern; `quiet` loggers only from WARN.
 */
export function writeLogConfig(file: string, version: string, o: { level: 'INFO' | 'WARN'; to: 'stderr' | { file: string }; quiet?: string[] }): string {
  const pattern = '[%d] %p %m (%c)%n';
  const quiet = o.quiet ?? [];
  const lines = isKafka3(version)
    ? [
        `log4j.rootLogger=${o.level}, out`,
        ...(o.to === 'stderr'
          ? ['log4j.appender.out=org.apache.log4j.ConsoleAppender', 'log4j.appender.out.Target=System.err']
          : ['log4j.appender.out=org.apache.log4j.FileAppender', `log4j.appender.out.File=${o.to.file}`]),
        'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
        `log4j.appender.out.layout.ConversionPattern=${pattern}`,
        ...quiet.map((name) => `log4j.logger.${name}=WARN`),
      ]
    : [
        ...(o.to === 'stderr'
          ? ['appender.out.type = Console', 'appender.out.name = OUT', 'appender.out.target = SYSTEM_ERR']
          : ['appender.out.type = File', 'appender.out.name = OUT', `appender.out.fileName = ${o.to.file}`]),
        'appender.out.layout.type = PatternLayout',
        `appender.out.layout.pattern = ${pattern}`,
        `rootLogger.level = ${o.level}`,
        'rootLogger.appenderRef.out.ref = OUT',
        ...quiet.flatMap((name, i) => [`logger.quiet${i}.name = ${name}`, `logger.quiet${i}.level = WARN`]),
      ];
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** JVM flag that points a Kafka JVM at a logging config, for either logging backend. */
export function logConfigFlag(version: string, file: string): string {
  return isKafka3(version) ? `-Dlog4j.configuration=file:${file}` : `-Dlog4j2.configurationFile=${file}`;
}

/** Fetches the jars once (Maven caches them in ~/.m2 too) and returns where they are. */
export function ensureKafka(version: string, env: NodeJS.ProcessEnv, log: (line: string) => void): KafkaDist {
  const dir = join(cacheDir(env), `kafka-${version}`);
  const libs = join(dir, 'libs');
  const marker = join(dir, '.complete');
  const dist: KafkaDist = { version, dir, libs, classpath: join(libs, '*'), toolsLogConfig: '' };
  if (existsSync(marker) && readdirSync(libs).some((f) => f.startsWith('kafka_2.13-'))) {
    dist.toolsLogConfig = writeToolsLogConfig(dir, version);
    return dist;
  }
  requireJava();
  if (!which('mvn', ['-v'])) {
    throw new KfkError('Maven is not installed: kfk local fetches Apache Kafka from Maven Central with it', {
      hint: 'install Maven, e.g. apt-get install maven',
    });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), pom(version));
  log(`kfk: fetching Apache Kafka ${version} from Maven Central into ${dir}`);
  const r = spawnSync(
    'mvn',
    ['-B', '-q', '-f', join(dir, 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0) {
    const detail = `${r.stdout ?? ''}${r.stderr ?? ''}`
      .split('\n')
      .filter((l) => /ERROR/.test(l))
      .slice(0, 3)
      .join(' ');
    throw new KfkError(`cannot fetch Apache Kafka ${version} with Maven: ${detail || `exit ${r.status}`}`);
  }
  writeFileSync(marker, new Date().toISOString() + '\n');
  dist.toolsLogConfig = writeToolsLogConfig(dir, version);
  return dist;
}

/** Kafka's command-line tools, by what they do. */
export type KafkaToolName = 'topics' | 'producer' | 'consumer' | 'groups' | 'configs' | 'offsets' | 'quorum' | 'producerPerf' | 'consumerPerf' | 'acls';

const TOOL_CLASSES: Record<KafkaToolName, string> = {
  topics: 'org.apache.kafka.tools.TopicCommand',
  producer: 'org.apache.kafka.tools.ConsoleProducer',
  consumer: 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  groups: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  configs: 'org.apache.kafka.tools.ConfigCommand',
  offsets: 'org.apache.kafka.tools.GetOffsetShell',
  quorum: 'org.apache.kafka.tools.MetadataQuorumCommand',
  producerPerf: 'org.apache.kafka.tools.ProducerPerformance',
  consumerPerf: 'org.apache.kafka.tools.ConsumerPerformance',
  acls: 'org.apache.kafka.tools.AclCommand',
};
/** Kafka 3.9 still has these two in the Scala core (they moved to kafka-tools in 4.0). */
const TOOL_CLASSES_3: Partial<Record<KafkaToolName, string>> = {
  producer: 'kafka.tools.ConsoleProducer',
  configs: 'kafka.admin.ConfigCommand',
  acls: 'kafka.admin.AclCommand',
};

/** The main class of one of Kafka's tools in this Kafka version (3.9.x or 4.x). */
export function kafkaToolClass(version: string, tool: KafkaToolName): string {
  return (isKafka3(version) && TOOL_CLASSES_3[tool]) || TOOL_CLASSES[tool];
}

/**
 * Flags of every JVM kfk starts: no hsperfdata file in /tmp (a JVM whose pid matches a file another
 * process holds warned about it on stdout, which a tool's output then carried), and the JVM's own
 * warnings on stderr.
 */
export const JVM_QUIET_FLAGS = ['-XX:-UsePerfData', '-Xlog:all=warning:stderr'];

/** `java ...` argv for one of Kafka's tools (TopicCommand, ConsoleProducer, ...). */
export function kafkaToolArgs(dist: KafkaDist, mainClass: string, args: string[]): string[] {
  return [
    ...JVM_QUIET_FLAGS,
    '-Xms64m',
    '-Xmx512m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xshare:auto',
    logConfigFlag(dist.version, dist.toolsLogConfig),
    '-cp',
    dist.classpath,
    mainClass,
    ...args,
  ];
}
