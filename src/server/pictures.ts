// GET /pictures/:id.png: the pictures that Teams cards link to, read from the store, so any
// replica serves any picture.
import type { Request, Response } from 'express';

import type { Runtime } from '../app/runtime.js';
import { readPicture } from '../store/pictures.js';

export const PICTURES_PATH = '/pictures/:id.png';

/**
 * Returns the Express handler of {@link PICTURES_PATH}. An unknown, expired or malformed id gets
 * the same bare 404, so a response never reveals whether a picture existed.
 */
export function servePicture(runtime: Runtime, now: () => Date = () => new Date()) {
  return async (request: Request<{ id: string }>, response: Response): Promise<void> => {
    const at = now();
    let picture;
    try {
      picture = await readPicture(runtime.store.db, request.params.id, at);
    } catch (error) {
      runtime.logger.warn({ err: error }, 'pictures: reading a picture from the store failed');
      response.status(503).type('text/plain').send('picture unavailable\n');
      return;
    }
    if (!picture) {
      response.status(404).type('text/plain').send('not found\n');
      return;
    }

    // Clients may keep the picture until it expires, and only in their own (private) cache.
    const maxAgeSeconds = Math.max(0, Math.floor((picture.expiresAt.getTime() - at.getTime()) / 1000));
    response.setHeader('Cache-Control', `private, max-age=${maxAgeSeconds}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.type('image/png').send(picture.png);
  };
}
