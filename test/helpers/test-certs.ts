import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PKI for TLS tests: root CA → intermediate CA → server certificate for 127.0.0.1 / localhost. */
export interface TestCertificateChain {
  rootPem: string;
  intermediatePem: string;
  /** The server's certificate alone: served without the intermediate, it is an incomplete chain. */
  leafPem: string;
  leafKeyPem: string;
}

/**
 * Generates the chain with the `openssl` command (no package in the tree makes certificates). EC P-256 keys
 * keep it fast; everything lives in a temp folder removed before returning.
 */
export function generateCertificateChain(): TestCertificateChain {
  const dir = mkdtempSync(join(tmpdir(), 'curb-certs-'));
  const run = (...args: string[]): void => {
    try {
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    } catch (e) {
      throw new Error(`openssl ${args[0]} failed (the TLS tests need the openssl command): ${(e as Error).message}`);
    }
  };
  try {
    const key = (name: string) => run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
    writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
    key('root');
    run('req', '-x509', '-new', '-key', 'root.key', '-subj', '/CN=Curb Test Root CA', '-days', '2', '-sha256', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.pem');
    key('intermediate');
    run('req', '-new', '-key', 'intermediate.key', '-subj', '/CN=Curb Test Intermediate CA', '-out', 'intermediate.csr');
    run('x509', '-req', '-in', 'intermediate.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '2', '-sha256', '-extfile', 'ca.ext', '-out', 'intermediate.pem');
    key('leaf');
    run('req', '-new', '-key', 'leaf.key', '-subj', '/CN=127.0.0.1', '-out', 'leaf.csr');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'intermediate.pem', '-CAkey', 'intermediate.key', '-CAcreateserial', '-days', '2', '-sha256', '-extfile', 'leaf.ext', '-out', 'leaf.pem');
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return { rootPem: read('root.pem'), intermediatePem: read('intermediate.pem'), leafPem: read('leaf.pem'), leafKeyPem: read('leaf.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
