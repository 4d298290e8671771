/** File downloads: whatever a writer produces, streamed as an attachment. */
import { PassThrough, Readable } from 'node:stream';

/** Stream what `write` produces as an attachment; a failure after the headers went out cuts the download. */
export function attachment(
  type: string,
  file: string,
  write: (out: PassThrough) => Promise<unknown>,
): Response {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    },
  });
}

/** A dated download name: <tenant>-<what>-<YYYY-MM-DD>.<extension>. */
export const fileName = (code: string, what: string, extension: string) =>
  `${code}-${what}-${new Date().toISOString().slice(0, 10)}.${extension}`;
