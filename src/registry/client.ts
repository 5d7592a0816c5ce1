// A Schema Registry client over Confluent's REST API (Confluent Schema Registry, Apicurio's
// /apis/ccompat/v7, Redpanda, Karapace): plain HTTP(S) with node's own modules. Schemas are
// fetched once per id and cached for the run; ids of registered schemas likewise.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KfkError } from '../errors.js';
import { displayUrl, type RegistryConfig } from './config.js';

export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface RegisteredSchema {
  id?: number;
  subject?: string;
  version?: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
}

export class RegistryError extends KfkError {
  readonly status: number;
  readonly code?: number;
  constructor(message: string, status: number, code?: number) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function normalize(doc: Record<string, unknown>): RegisteredSchema {
  return {
    id: typeof doc.id === 'number' ? doc.id : undefined,
    subject: typeof doc.subject === 'string' ? doc.subject : undefined,
    version: typeof doc.version === 'number' ? doc.version : undefined,
    schemaType: ((doc.schemaType as string | undefined) ?? 'AVRO').toUpperCase() as SchemaType,
    schema: String(doc.schema ?? ''),
    references: Array.isArray(doc.references) ? (doc.references as SchemaReference[]) : [],
  };
}

export class RegistryClient {
  readonly config: RegistryConfig;
  private byId = new Map<number, Promise<RegisteredSchema>>();
  private byVersion = new Map<string, Promise<RegisteredSchema>>();
  private registered = new Map<string, Promise<number>>();

  constructor(config: RegistryConfig) {
    this.config = config;
  }

  get url(): string {
    return displayUrl(this.config.urls[0]);
  }

  /** One request; the next URL of the list on a connection failure. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let lastError: unknown;
    for (const base of this.config.urls) {
      try {
        return await this.requestOne(base, method, path, body);
      } catch (err) {
        if (err instanceof RegistryError) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  private requestOne(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const url = new URL(base + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { Accept: 'application/vnd.schemaregistry.v1+json, application/json' };
    if (payload) {
      headers['Content-Type'] = 'application/vnd.schemaregistry.v1+json';
      headers['Content-Length'] = String(payload.length);
    }
    if (this.config.authorization) headers.Authorization = this.config.authorization;
    const shown = displayUrl(base);
    const timeoutMs = this.config.timeoutMs;
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, ...(url.protocol === 'https:' ? this.config.tls : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let doc: unknown;
          try {
            doc = text ? JSON.parse(text) : null;
          } catch {
            doc = undefined;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            if (doc === undefined) reject(new KfkError(`Schema Registry ${shown}: ${method} ${path}: the answer is not JSON`));
            else resolve(doc);
            return;
          }
          const d = (doc ?? {}) as { message?: string; error_code?: number };
          let msg = d.message ?? (text.trim().split('\n')[0].slice(0, 200) || res.statusMessage || '');
          if (status === 401) msg = `not authenticated (HTTP 401)${d.message ? `: ${d.message}` : ''}`;
          else if (status === 403) msg = `not authorized (HTTP 403)${d.message ? `: ${d.message}` : ''}`;
          else msg = `${msg} (HTTP ${status}${d.error_code ? `, error ${d.error_code}` : ''})`;
          reject(new RegistryError(`Schema Registry ${shown}: ${msg}`, status, d.error_code));
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new KfkError(`cannot reach the Schema Registry at ${shown}: timed out after ${timeoutMs} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof KfkError) reject(err);
        else reject(new KfkError(`cannot reach the Schema Registry at ${shown}: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`));
      });
      req.end(payload);
    });
  }

  /** The schema with this id (cached: one request per id per run). */
  schemaById(id: number): Promise<RegisteredSchema> {
    let p = this.byId.get(id);
    if (!p) {
      p = (this.request('GET', `/schemas/ids/${id}`) as Promise<Record<string, unknown>>).then((d) => ({ ...normalize(d), id }));
      p.catch(() => this.byId.delete(id));
      this.byId.set(id, p);
    }
    return p;
  }

  /** A subject's version ('latest' or a number), cached. */
  subjectVersion(subject: string, version: string | number): Promise<RegisteredSchema> {
    const key = `${subject}\0${version}`;
    let p = this.byVersion.get(key);
    if (!p) {
      p = (this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`) as Promise<Record<string, unknown>>).then(normalize);
      p.catch(() => this.byVersion.delete(key));
      this.byVersion.set(key, p);
    }
    return p;
  }

  /** Registers a schema under a subject (or finds it registered): its id. */
  register(subject: string, s: { schemaType: SchemaType; schema: string; references: SchemaReference[] }): Promise<number> {
    const key = `${subject}\0${s.schemaType}\0${s.schema}`;
    let p = this.registered.get(key);
    if (!p) {
      const body: Record<string, unknown> = { schema: s.schema };
      if (s.schemaType !== 'AVRO') body.schemaType = s.schemaType;
      if (s.references.length) body.references = s.references;
      p = (this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, body) as Promise<{ id: number }>).then((d) => d.id);
      p.catch(() => this.registered.delete(key));
      this.registered.set(key, p);
    }
    return p;
  }

  /** The id of a schema already registered under a subject (auto.register.schemas=false). */
  lookup(subject: string, s: { schemaType: SchemaType; schema: string; references: SchemaReference[] }): Promise<number> {
    const key = `lookup\0${subject}\0${s.schemaType}\0${s.schema}`;
    let p = this.registered.get(key);
    if (!p) {
      const body: Record<string, unknown> = { schema: s.schema };
      if (s.schemaType !== 'AVRO') body.schemaType = s.schemaType;
      if (s.references.length) body.references = s.references;
      p = (this.request('POST', `/subjects/${encodeURIComponent(subject)}`, body) as Promise<{ id: number }>).then((d) => d.id);
      p.catch(() => this.registered.delete(key));
      this.registered.set(key, p);
    }
    return p;
  }
}
