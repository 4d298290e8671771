/**
 * Reads a new password for the CLI: typed twice without echo on a terminal, or the first line of
 * standard input when it is piped (`printf '%s\n' "$PW" | lossledger user create …`). Never an
 * argument, so it stays out of shell history and process lists.
 */
import { createInterface } from 'node:readline';
import { UsageError } from './command.ts';

async function firstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The new password, from the terminal (asked twice) or piped standard input. */
export async function readNewPassword(forWhom: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await firstLine();
    if (!line) throw new UsageError(`no password on standard input for ${forWhom}`);
    return line;
  }
  const first = await ask(`New password for ${forWhom}: `);
  const second = await ask('Repeat it: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}
