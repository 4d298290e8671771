import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WriteBehind } from './write-behind.ts';

describe('WriteBehind', () => {
  test('writes run one after another in the order queued, and settle() waits for all of them', async () => {
    const behind = new WriteBehind();
    const log: string[] = [];
    const write = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
    };
    behind.queue(write('a', 20));
    behind.queue(write('b', 1));
    assert.deepEqual(log, [], 'queue() does not start a write in the caller');
    await behind.settle();
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b']);
  });

  test('a failure skips the later writes and is thrown by every settle()', async () => {
    const behind = new WriteBehind();
    const ran: string[] = [];
    behind.queue(async () => {
      ran.push('first');
    });
    behind.queue(async () => {
      throw new Error('disk full');
    });
    behind.queue(async () => {
      ran.push('after the failure');
    });
    await assert.rejects(behind.settle(), /disk full/);
    behind.queue(async () => {
      ran.push('queued later');
    });
    await assert.rejects(behind.settle(), /disk full/);
    assert.deepEqual(ran, ['first']);
  });

  test('settle() with nothing queued resolves', async () => {
    await new WriteBehind().settle();
  });
});
