/**
 * The installed CLI's code cache (packages/cli/bin/code-cache.js): where it lives, when a cache is taken, and
 * that nothing about it can fail a command. Each run is a child process, as `kpi` is: the cache is written
 * when a process exits.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lchownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
// @ts-expect-error plain JS module (the bin shim's neighbour)
import { cacheDirectory } from '../../packages/cli/bin/code-cache.js';

const LOADER = pathToFileURL(join(ROOT, 'packages/cli/bin/code-cache.js')).href;
const work = mkdtempSync(join(tmpdir(), 'kpi-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** a CommonJS bundle as pack-cli writes one: the build id on its first line */
function bundle(body: string, id = 'a1b2c3d4e5f60718'): string {
  const file = join(work, `bundle-${n++}.cjs`);
  writeFileSync(file, `// kpi-build ${id}\n${body}`);
  return file;
}

/** load `file` in a child process; what the loader said, and what the bundle computed */
function load(file: string, dir: string | null, tag = 'main', exitCode = 0, save = true) {
  const script = `const { loadBundle } = await import(${JSON.stringify(LOADER)});
const r = loadBundle(${JSON.stringify(file)}, { tag: ${JSON.stringify(tag)}, dir: ${JSON.stringify(dir)}, save: ${save} });
console.log(JSON.stringify({ cache: r.cache, answer: r.exports.answer(), name: r.cacheFile && r.cacheFile.split('/').pop() }));
process.exitCode = ${exitCode};`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(exitCode);
  return JSON.parse(r.stdout) as { cache: string; answer: unknown; name?: string };
}

const BODY = `exports.answer = () => [1, 2, 3].map((x) => x * 14).join(',');\n// a last line that is a comment\n`;
const rootOnly = process.getuid?.() === 0;
/** a user that is not this one (tests that need another owner run as root) */
const OTHER = 65534;

describe('the code cache of the installed CLI', () => {
  it('reads a bundle in ASCII as Latin-1 and any other as UTF-8: the same code either way', () => {
    const dir = join(work, 'text');
    const ascii = bundle(`exports.answer = () => ['\\u767e\\u5206\\u53f7', '\\xe9'].join('|');\n`);
    const utf8 = bundle(`exports.answer = () => ['百分号', 'é'].join('|'); // 注释\n`);
    for (const file of [ascii, utf8]) {
      expect(load(file, dir)).toMatchObject({ cache: 'missing', answer: '百分号|é' });
      expect(load(file, dir)).toMatchObject({ cache: 'accepted', answer: '百分号|é' });
    }
  });

  it('is written by the first run and taken by the next, which computes the same', () => {
    const dir = join(work, 'first');
    const file = bundle(BODY);
    expect(load(file, dir)).toMatchObject({ cache: 'missing', answer: '14,28,42' });
    const [name] = readdirSync(dir);
    expect(name).toMatch(new RegExp(`^kpi-a1b2c3d4e5f60718-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{8}-main\\.bin$`));
    const written = statSync(join(dir, name!));
    // the user's own: nobody else may read or replace code this process runs
    expect(written.mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(load(file, dir)).toMatchObject({ cache: 'accepted', answer: '14,28,42' });
    // taken, not written again (a rename would make a new inode)
    expect(statSync(join(dir, name!)).ino).toBe(written.ino);
  });

  it('keeps one file per command: what each compiles differs, and kpi score runs with other V8 flags', () => {
    const dir = join(work, 'tags');
    const file = bundle(BODY);
    load(file, dir, 'check');
    load(file, dir, 'score');
    expect(readdirSync(dir).map((f) => f.replace(/.*-/, '')).sort()).toEqual(['check.bin', 'score.bin']);
    expect(load(file, dir, 'score').cache).toBe('accepted');
  });

  it('leaves no cache after a usage error (exit code 2) or a run told not to (--help): it would hold little more than the help text', () => {
    const dir = join(work, 'usage');
    load(bundle(BODY), dir, 'check', 2);
    expect(existsSync(dir)).toBe(false);
    load(bundle(BODY), dir, 'check', 0, false);
    expect(existsSync(dir)).toBe(false);
    load(bundle(BODY), dir, 'check', 1);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('is not taken for another build, even one of the same length: V8 itself checks only the length', () => {
    const dir = join(work, 'builds');
    const a = bundle(BODY, '1111111111111111');
    expect(load(a, dir).cache).toBe('missing');
    // the same name, the same size, the same mtime: only the build id differs
    const b = join(work, 'same-length.cjs');
    writeFileSync(b, readFileSync(a, 'utf8').replace('1111111111111111', '2222222222222222').replace('* 14', '* 15'));
    const t = statSync(a).mtime;
    utimesSync(b, t, t);
    expect(statSync(b).size).toBe(statSync(a).size);
    expect(load(b, dir)).toMatchObject({ cache: 'missing', answer: '15,30,45' });
  });

  it('checks the bytes with a SHA-256 where Node has no zlib.crc32 (before 20.15)', () => {
    const dir = join(work, 'no-crc32');
    const file = bundle(BODY);
    const preload = join(work, 'no-crc32.cjs');
    writeFileSync(preload, "delete require('node:zlib').crc32;\n");
    const script = `const { loadBundle } = await import(${JSON.stringify(LOADER)});
const r = loadBundle(${JSON.stringify(file)}, { dir: ${JSON.stringify(dir)} });
console.log(JSON.stringify({ cache: r.cache, answer: r.exports.answer(), crc32: typeof (await import('node:zlib')).crc32 }));`;
    const run = () => JSON.parse(spawnSync(process.execPath, ['--require', preload, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 }).stdout);
    expect(run()).toEqual({ cache: 'missing', answer: '14,28,42', crc32: 'undefined' });
    expect(run()).toMatchObject({ cache: 'accepted', answer: '14,28,42' });
    const [name] = readdirSync(dir);
    const bytes = readFileSync(join(dir, name!));
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 1;
    writeFileSync(join(dir, name!), bytes, { mode: 0o600 });
    expect(run()).toMatchObject({ cache: 'rejected', answer: '14,28,42' });
  });

  it('checks the bytes itself (V8 does not, and damaged code crashes it) and writes a damaged cache again', () => {
    const dir = join(work, 'damaged');
    const file = bundle(BODY);
    const { name } = load(file, dir);
    const path = join(dir, name!);
    for (const at of [0.1, 0.5, 0.9]) {
      const bytes = readFileSync(path);
      const i = Math.floor(bytes.length * at);
      for (let k = i; k < i + 16; k++) bytes[k] = bytes[k]! ^ 0x5a;
      writeFileSync(path, bytes, { mode: 0o600 });
      expect(load(file, dir), `damaged at ${at}`).toMatchObject({ cache: 'rejected', answer: '14,28,42' });
      expect(load(file, dir).cache).toBe('accepted');
    }
    // and one that is not a cache at all
    writeFileSync(path, Buffer.alloc(4096, 7), { mode: 0o600 });
    expect(load(file, dir).cache).toBe('rejected');
    expect(load(file, dir).cache).toBe('accepted');
  });

  it('ignores a cache file others may write, and writes its own in its place', () => {
    const dir = join(work, 'shared-file');
    const file = bundle(BODY);
    const { name } = load(file, dir);
    chmodSync(join(dir, name!), 0o666);
    expect(load(file, dir).cache).toBe('missing');
    expect(statSync(join(dir, name!)).mode & 0o777).toBe(0o600);
    expect(load(file, dir).cache).toBe('accepted');
  });

  it('does not follow a link at the cache name, neither to read nor to write', () => {
    const dir = join(work, 'link');
    const file = bundle(BODY);
    const { name } = load(file, dir);
    const real = readFileSync(join(dir, name!));
    // a valid cache of this user's elsewhere, and a link to it where the cache goes
    const elsewhere = join(work, 'elsewhere.bin');
    writeFileSync(elsewhere, real, { mode: 0o600 });
    rmSync(join(dir, name!));
    symlinkSync(elsewhere, join(dir, name!));
    expect(load(file, dir).cache).toBe('missing');
    // the link was replaced by a file of the cache's own; what it pointed at is as it was
    expect(lstatSync(join(dir, name!)).isSymbolicLink()).toBe(false);
    expect(readFileSync(elsewhere).equals(real)).toBe(true);
  });

  it('does not hang on a FIFO at the cache name', () => {
    const dir = join(work, 'fifo');
    const file = bundle(BODY);
    const { name } = load(file, dir);
    rmSync(join(dir, name!));
    spawnSync('mkfifo', [join(dir, name!)]);
    expect(lstatSync(join(dir, name!)).isFIFO()).toBe(true);
    expect(load(file, dir).cache).toBe('missing'); // `load` times out after 20 s
  });

  it('is off in a folder others may write, or under one (a sticky folder such as /tmp aside)', () => {
    const open = join(work, 'open');
    mkdirSync(open, { mode: 0o700 });
    chmodSync(open, 0o777);
    expect(load(bundle(BODY), open).cache).toBe('off');
    expect(readdirSync(open)).toEqual([]);
    const under = join(work, 'group-writable');
    mkdirSync(join(under, 'cache'), { recursive: true, mode: 0o700 });
    chmodSync(under, 0o770);
    expect(load(bundle(BODY), join(under, 'cache')).cache).toBe('off');
    expect(readdirSync(join(under, 'cache'))).toEqual([]);
    // the test's own folder is under the sticky, world-writable /tmp: that one is fine
    expect(statSync(tmpdir()).mode & 0o1000).not.toBe(0);
  });

  it("follows the user's own links to a folder of theirs (a ~/.cache on another disk), and takes the cache there", () => {
    const real = join(work, 'real-folder');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, join(work, 'linked-folder'));
    const file = bundle(BODY);
    expect(load(file, join(work, 'linked-folder')).cache).toBe('missing');
    expect(readdirSync(real)).toHaveLength(1);
    expect(load(file, join(work, 'linked-folder')).cache).toBe('accepted');
  });

  it('never reads or makes a cache through a relative path: it would be in whatever checkout kpi runs in', () => {
    expect(cacheDirectory({ NODE_COMPILE_CACHE: '.cache' }, 'linux', () => '/home/u')).toBe(join('/home/u', '.cache', 'kpi', 'compile-cache'));
    expect(cacheDirectory({ XDG_CACHE_HOME: 'cache' }, 'linux', () => '/home/u')).toBe(join('/home/u', '.cache', 'kpi', 'compile-cache'));
    expect(cacheDirectory({ LOCALAPPDATA: 'AppData' }, 'win32', () => 'C:\\Users\\u')).toBeNull();
  });

  it('ignores a cache file with a second link (a hard link from elsewhere)', () => {
    const dir = join(work, 'hardlink');
    const file = bundle(BODY);
    const { name } = load(file, dir);
    linkSync(join(dir, name!), join(work, 'second-name.bin'));
    expect(load(file, dir).cache).toBe('missing');
    expect(load(file, dir).cache).toBe('accepted');
  });

  it.runIf(rootOnly)("uses nothing in or through another user's folders or links (root with that user's HOME)", () => {
    const home = join(work, 'their-home');
    mkdirSync(home, { mode: 0o755 });
    chownSync(home, OTHER, OTHER);
    const dir = join(home, '.cache', 'kpi', 'compile-cache');
    expect(load(bundle(BODY), dir).cache).toBe('off');
    expect(readdirSync(home)).toEqual([]);
    // their link, in a folder of ours, to a folder of ours: where it leads is theirs to choose
    const mine = join(work, 'my-target');
    mkdirSync(mine, { mode: 0o700 });
    const link = join(work, 'their-link');
    symlinkSync(mine, link);
    lchownSync(link, OTHER, OTHER);
    expect(load(bundle(BODY), join(link, 'cache')).cache).toBe('off');
    expect(readdirSync(mine)).toEqual([]);
    // a cache folder of theirs, closed to others: still not ours
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chownSync(dir, OTHER, OTHER);
    expect(load(bundle(BODY), dir).cache).toBe('off');
  });

  it('never fails the run: a cache folder that cannot be made only means no cache', () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const file = bundle(BODY);
    // `load` asserts exit code 0 and an empty stderr
    expect(load(file, join(blocker, 'cache'))).toMatchObject({ answer: '14,28,42' });
    expect(load(file, join(blocker, 'cache')).cache).not.toBe('accepted');
  });

  it('is off without a folder', () => {
    expect(load(bundle(BODY), null)).toMatchObject({ cache: 'off', answer: '14,28,42' });
  });

  it('keeps the 24 newest files, and drops what a killed run left', () => {
    const dir = join(work, 'prune');
    mkdirSync(dir, { mode: 0o700 });
    const old = Date.now() / 1000 - 86_400;
    for (let i = 0; i < 30; i++) {
      const f = join(dir, `kpi-old${i}-1-1-v0-x64-00000000-main.bin`);
      writeFileSync(f, 'x', { mode: 0o600 });
      utimesSync(f, old + i, old + i);
    }
    const stale = join(dir, '.tmp-1-abcdef');
    writeFileSync(stale, 'half a cache');
    utimesSync(stale, old, old);
    // an entry that cannot be removed as a file stops nothing
    mkdirSync(join(dir, '.tmp-a-folder'));
    utimesSync(join(dir, '.tmp-a-folder'), old, old);
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    const { name } = load(bundle(BODY), dir);
    const left = readdirSync(dir).sort();
    expect(left.filter((f) => f.endsWith('.bin'))).toHaveLength(24);
    expect(left).toContain(name);
    expect(left).toContain('notes.txt');
    expect(left).not.toContain('.tmp-1-abcdef');
    // the oldest went first
    expect(left).not.toContain('kpi-old6-1-1-v0-x64-00000000-main.bin');
    expect(left).toContain('kpi-old7-1-1-v0-x64-00000000-main.bin');
  });
});

describe('where the code cache lives', () => {
  const home = () => '/home/u';
  it('in the user cache folder of each system', () => {
    expect(cacheDirectory({}, 'linux', home)).toBe(join('/home/u', '.cache', 'kpi', 'compile-cache'));
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x' }, 'linux', home)).toBe(join('/x', 'kpi', 'compile-cache'));
    expect(cacheDirectory({}, 'darwin', home)).toBe(join('/home/u', 'Library', 'Caches', 'kpi', 'compile-cache'));
    expect(cacheDirectory({ LOCALAPPDATA: '/appdata' }, 'win32', home)).toBe(join('/appdata', 'kpi', 'compile-cache'));
  });

  it("follows Node's own switches: NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off", () => {
    expect(cacheDirectory({ NODE_COMPILE_CACHE: '/c' }, 'linux', home)).toBe(join('/c', 'kpi'));
    expect(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: '/c' }, 'linux', home)).toBeNull();
    expect(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '0' }, 'linux', home)).toBe(join('/home/u', '.cache', 'kpi', 'compile-cache'));
  });

  it('is off when there is no home folder to put it in', () => {
    expect(cacheDirectory({}, 'win32', home)).toBeNull();
    const none = () => {
      throw new Error('no home for this user');
    };
    expect(cacheDirectory({}, 'linux', none)).toBeNull();
  });
});
