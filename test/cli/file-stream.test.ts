/** FileStream (packages/cli/src/file-stream.ts): the report file written at once, its errors where callers wait. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStream } from '../../packages/cli/src/file-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-file-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileStream', () => {
  it('writes the chunks in order, each handed back through its callback, and the file is whole at finish', async () => {
    const path = join(dir, 'a.txt');
    const s = new FileStream(path, 0o640);
    s.open();
    const called: number[] = [];
    const chunks = Array.from({ length: 200 }, (_, i) => Buffer.from(`第${i}行,${'x'.repeat(i * 37)}\n`));
    chunks.forEach((c, i) => s.write(c, () => called.push(i)));
    s.end();
    await once(s, 'finish');
    expect(readFileSync(path)).toEqual(Buffer.concat(chunks));
    expect(called).toEqual(chunks.map((_, i) => i));
    expect(statSync(path).mode & 0o777).toBe(0o640 & ~process.umask());
  });

  it('an empty report is still a file, and an existing one is truncated', async () => {
    const path = join(dir, 'empty.txt');
    const first = new FileStream(path);
    first.end(Buffer.from('old text'));
    await once(first, 'finish');
    expect(readFileSync(path, 'utf8')).toBe('old text');
    const s = new FileStream(path);
    s.end();
    await once(s, 'finish');
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('a file that cannot be created throws from open(), and nothing is emitted', async () => {
    const s = new FileStream(join(dir, 'no-such-folder', 'x.txt'));
    let emitted = false;
    s.on('error', () => (emitted = true));
    expect(() => s.open()).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    await new Promise((res) => setImmediate(res)); // an 'error' would be emitted on a later tick
    expect(emitted).toBe(false);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it.skipIf(!existsSync('/dev/full'))('a write that fails (a full disk) reaches the write callback and the stream\'s error', async () => {
    const s = new FileStream('/dev/full');
    s.open();
    const failed = once(s, 'error');
    const closed = new Promise((res) => s.on('close', res));
    const got = await new Promise<Error | null | undefined>((res) => s.write(Buffer.alloc(1 << 16), res));
    expect(got).toEqual(expect.objectContaining({ code: 'ENOSPC' }));
    const [e] = await failed;
    expect(e).toEqual(expect.objectContaining({ code: 'ENOSPC' }));
    await closed; // the file is closed: nothing is left open
  });
});
