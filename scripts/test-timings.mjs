/**
 * A node:test reporter for scripts/run-tests.ts (TEST_TIMINGS): one JSON line per finished test
 * { file, name, nesting, ms, status, at } (at: ms since the pass started, when the result came);
 * a whole test file is the line whose name is its path.
 * Plain JavaScript because the test runner loads reporters before `--import tsx` applies.
 */

/** The reporter: turns test events into JSON lines. */
export default async function* timingsReporter(source) {
  for await (const { type, data } of source) {
    const wholeFile = type === 'test:complete' && data.nesting === 0 && data.name === data.file;
    if (!wholeFile && type !== 'test:pass' && type !== 'test:fail') continue;
    const status =
      data.details.passed === false || type === 'test:fail'
        ? 'fail'
        : data.skip || data.todo
          ? 'skip'
          : 'pass';
    const record = {
      file: data.file ?? '',
      name: data.name,
      nesting: data.nesting,
      ms: Math.round(data.details.duration_ms),
      status,
      at: Math.round(performance.now()),
    };
    yield `${JSON.stringify(record)}\n`;
  }
}
