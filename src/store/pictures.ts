// Pictures served by URL: stored with an unguessable id, read back by any replica, deleted once expired.
import { randomBytes } from 'node:crypto';

import { and, eq, gt, lte } from 'drizzle-orm';

import type { Executor } from './database.js';
import { pictures } from './schema.js';

/** Random bytes in a picture id: 144 bits, so an id cannot be guessed or enumerated. */
const PICTURE_ID_BYTES = 18;

/** A picture id as it appears in a URL: 24 base64url characters. */
export const PICTURE_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export interface StoredPicture {
  png: Buffer;
  expiresAt: Date;
}

/** Stores a PNG for a tenant until `expiresAt`, and returns its new random id. */
export async function insertPicture(db: Executor, tenantId: string, png: Buffer, expiresAt: Date): Promise<string> {
  const id = randomBytes(PICTURE_ID_BYTES).toString('base64url');
  await db.insert(pictures).values({ id, tenantId, png, expiresAt });
  return id;
}

/** Returns the picture with this id, or null when the id is malformed, unknown or expired at `now`. */
export async function readPicture(db: Executor, id: string, now: Date): Promise<StoredPicture | null> {
  if (!PICTURE_ID_PATTERN.test(id)) return null;
  const [row] = await db
    .select({ png: pictures.png, expiresAt: pictures.expiresAt })
    .from(pictures)
    .where(and(eq(pictures.id, id), gt(pictures.expiresAt, now)));
  return row ?? null;
}

/** Deletes the pictures expired at `now`, of every tenant, and returns how many were deleted. */
export async function deleteExpiredPictures(db: Executor, now: Date): Promise<number> {
  const removed = await db.delete(pictures).where(lte(pictures.expiresAt, now)).returning({ id: pictures.id });
  return removed.length;
}

/**
 * Deletes every stored picture of a tenant, and returns how many were deleted. A picture is a
 * rendering of the data at one moment; after an erasure it may show what was erased.
 */
export async function deleteTenantPictures(db: Executor, tenantId: string): Promise<number> {
  const removed = await db.delete(pictures).where(eq(pictures.tenantId, tenantId)).returning({ id: pictures.id });
  return removed.length;
}
