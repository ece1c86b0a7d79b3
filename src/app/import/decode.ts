// Character encoding of an import file: detected from its bytes, then decoded as a text stream.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';

import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Detects a file's encoding. A byte order mark names it. Otherwise the file is UTF-8 when every
 * byte sequence is valid UTF-8, else Windows-1252 (what Excel writes on Western Windows). The
 * check streams the whole file once, because an accented letter may first appear far down.
 */
export async function detectEncoding(path: string): Promise<TextEncoding> {
  const bom = await readFirstBytes(path, 3);
  if (bom[0] === 0xef && bom[1] === 0xbb && bom[2] === 0xbf) return 'utf-8';
  if (bom[0] === 0xff && bom[1] === 0xfe) return 'utf-16le';
  if (bom[0] === 0xfe && bom[1] === 0xff) return 'utf-16be';
  return (await isValidUtf8(path)) ? 'utf-8' : 'windows-1252';
}

async function readFirstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function isValidUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  } finally {
    stream.destroy();
  }
}

/**
 * Opens a file as a stream of decoded strings, without its byte order mark. `onBytes` receives
 * the size of each chunk read from disk, for progress reports.
 */
export function openTextStream(path: string, encoding: TextEncoding, onBytes?: (bytes: number) => void): Readable {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (onBytes) source.on('data', (chunk) => onBytes(chunk.length));
  const decoder = iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Readable;
  // pipeline destroys the decoder with the read error, so the consumer receives that error.
  pipeline(source, decoder as unknown as NodeJS.WritableStream, () => {});
  return decoder;
}
