// Shared by the core tests: Node's WebCrypto as the Sha256 core expects, and fixture loading.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sha256 } from '../../renderer/core/hash';

export const nodeSha256: Sha256 = (b) => crypto.subtle.digest('SHA-256', new Uint8Array(b)).then((x) => new Uint8Array(x));

const root = resolve(import.meta.dirname, '../..');

export function readRepoText(path: string): string {
  return readFileSync(resolve(root, path), 'utf8');
}

export function fixtureText(name: string): string {
  return readRepoText(`test/fixtures/checklists/${name}`);
}

/** A fresh deep copy of a JSON fixture, to mutate in a test. */
export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}
