// The throwaway certificate authority of a local cluster's TLS listener: a CA, a broker
// certificate for 127.0.0.1/localhost and a client certificate, made with openssl.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KfkError } from '../errors.js';

export interface TlsMaterial {
  ca: string;
  cert: string;
  key: string;
  clientCert: string;
  clientKey: string;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new KfkError(`openssl ${args[0]} failed: ${(r.stderr || '').split('\n')[0]}`);
}

/** A throwaway CA, a broker certificate for 127.0.0.1/localhost and a client certificate. */
export function makeTlsMaterial(dir: string): TlsMaterial {
  mkdirSync(dir, { recursive: true });
  const ca = join(dir, 'ca.pem');
  if (!existsSync(ca)) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=kfk-local-ca'], dir);
    const issue = (name: string, subj: string, ext: string) => {
      writeFileSync(join(dir, `${name}.ext`), ext);
      openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj], dir);
      openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '30', '-extfile', `${name}.ext`], dir);
      // Kafka's PEM keystore wants PKCS#8.
      openssl(['pkcs8', '-topk8', '-nocrypt', '-in', `${name}.key`, '-out', `${name}.p8.key`], dir);
    };
    issue('server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
    issue('client', '/CN=kfk-client', 'extendedKeyUsage=clientAuth\n');
  }
  return {
    ca,
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server.p8.key'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.p8.key'),
  };
}

export function pemProp(path: string): string {
  // A PEM value inside a .properties file: newlines escaped as continuation lines.
  return readFileSync(path, 'utf8').trim().split('\n').join(' \\\n');
}
