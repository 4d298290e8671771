/**
 * Import progress on stderr: a line redrawn in place on a terminal, otherwise (logs, pipes) one
 * line every few seconds. stdout stays free for the command's result.
 */
import type { ImportProgress } from '../services/imports/types.ts';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const clock = (seconds: number) => {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** One progress line: phase, bytes read (and share), cards, cards per second, ETA when the size is known. */
export function formatProgress(p: ImportProgress, elapsedMs: number): string {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const parts = [p.phase.padEnd(10)];
  if (p.bytesTotal) {
    const share = Math.min(1, p.bytesRead / p.bytesTotal);
    parts.push(`${mb(p.bytesRead)}/${mb(p.bytesTotal)} MB (${Math.round(share * 100)}%)`);
  } else if (p.bytesRead > 0) parts.push(`${mb(p.bytesRead)} MB`);
  parts.push(
    `${p.cards.toLocaleString('en')} cards`,
    `${Math.round(p.cards / seconds).toLocaleString('en')} cards/s`,
  );
  if (p.bytesTotal && p.bytesRead > 0 && p.bytesRead < p.bytesTotal && p.phase !== 'finishing') {
    parts.push(`ETA ${clock((seconds * (p.bytesTotal - p.bytesRead)) / p.bytesRead)}`);
  }
  return parts.join('  ');
}

/** A progress display: pass `update` as onProgress, call `done` when the import ends. */
export function progressDisplay(stream: NodeJS.WriteStream = process.stderr, everyMs = 5000) {
  const started = Date.now();
  const live = Boolean(stream.isTTY);
  let lastLine = 0;
  let drawn = false;
  return {
    update(p: ImportProgress): void {
      const now = Date.now();
      const line = formatProgress(p, now - started);
      if (live) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else if (now - lastLine >= everyMs) {
        lastLine = now;
        stream.write(`${line}\n`);
      }
    },
    done(): void {
      if (live && drawn) stream.write('\r\x1b[2K');
    },
  };
}
