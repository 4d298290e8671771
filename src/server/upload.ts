/**
 * Streams one file of a multipart/form-data request to a fresh temporary folder (busboy), so an
 * upload of any size costs a few buffers of memory, not the whole body. The limit is checked
 * while the bytes arrive: 413 as soon as it is passed, and nothing is left behind.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '../shared/errors.ts';

/** A received file: where it is, the folder to remove afterwards, its sanitised name. */
export interface Upload {
  path: string;
  dir: string;
  name: string;
}

/** What to accept. */
export interface UploadRules {
  field: string;
  extensions: readonly string[];
  maxBytes: number;
  /** Said when the extension is wrong, e.g. 'a DesInventar export is a .xml or .zip file'. */
  what: string;
}

/** Receive the `rules.field` file of a multipart request; other fields are ignored. */
export async function receiveUpload(request: Request, rules: UploadRules): Promise<Upload> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type) || !request.body)
    throw new AppError(
      'validation_failed',
      `Send the file as multipart/form-data, in a field named ${rules.field}.`,
    );
  const dir = join(tmpdir(), 'lossledger-uploads', randomUUID());
  await mkdir(dir, { recursive: true });
  try {
    const upload = await parse(request, type, dir, rules);
    if (!upload)
      throw new AppError('validation_failed', `No file in the field named ${rules.field}.`, {
        issues: [{ path: rules.field, code: 'required', message: 'must be a file' }],
      });
    return upload;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function parse(request: Request, type: string, dir: string, rules: UploadRules): Promise<Upload | null> {
  return new Promise((resolve, reject) => {
    const parser = busboy({
      headers: { 'content-type': type },
      limits: { files: 1, fileSize: rules.maxBytes, fields: 20, fieldSize: 64 * 1024 },
    });
    let saving: Promise<Upload> | null = null;
    parser.on('file', (field, stream, info) => {
      if (field !== rules.field || saving) {
        stream.resume();
        return;
      }
      saving = save(stream, info.filename, dir, rules);
      // Keep the rejection for the 'close' handler (an unobserved rejection would end the process).
      saving.catch(() => {});
    });
    parser.on('error', (error) =>
      reject(
        new AppError('validation_failed', `The upload is not valid multipart/form-data: ${String(error)}`),
      ),
    );
    parser.on('close', () => {
      if (saving) saving.then(resolve, reject);
      else resolve(null);
    });
    const body = Readable.fromWeb(request.body as WebStream<Uint8Array>);
    body.on('error', (error) => parser.destroy(error));
    body.pipe(parser);
  });
}

async function save(stream: Readable, fileName: string, dir: string, rules: UploadRules): Promise<Upload> {
  const name = basename(fileName || 'upload').replace(/[^\w.-]+/g, '_');
  if (!rules.extensions.includes(extname(name).toLowerCase())) {
    stream.resume();
    throw new AppError('validation_failed', `${fileName}: ${rules.what}`, {
      issues: [{ path: rules.field, code: 'invalid_type', message: rules.what }],
    });
  }
  let tooLarge = false;
  stream.on('limit', () => {
    tooLarge = true;
  });
  const path = join(dir, name);
  await pipeline(stream, createWriteStream(path));
  if (tooLarge) throw new AppError('payload_too_large', `The upload is larger than ${rules.maxBytes} bytes.`);
  return { path, dir, name };
}
