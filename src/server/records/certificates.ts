import { randomBytes } from 'node:crypto';
import { getStore } from '../store/index.ts';
import type { PersonDoc } from '../store/schema.ts';

// Unambiguous letters and digits: codes are read aloud and typed from paper.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newCertificateCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Issues the course certificate once; later calls return the same one. */
export async function issueCertificate(userId: string, now = new Date()) {
  return getStore().updatePerson(userId, (doc) => {
    doc.certificate ??= { code: newCertificateCode(), issuedAt: now.toISOString() };
    return doc.certificate;
  });
}

/** Finds the holder of a certificate code (case-insensitive). */
export function findCertificate(code: string): Readonly<PersonDoc> | undefined {
  const wanted = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(wanted)) return undefined;
  for (const doc of getStore().people()) if (doc.certificate?.code === wanted) return doc;
  return undefined;
}
