// The installed CLI's bundle, run through V8's code cache (issue 14).
//
// The installed CLI is one CommonJS file (dist/kpi.cjs, scripts/pack-cli.js). Turning its JavaScript into
// bytecode is a cost every command pays before it does anything: about 60 ms of a 3-line `kpi check`'s
// 0.25 s on the project's 2-core machine. V8 can hand back the code it compiled for a script
// (`vm.Script#createCachedData`) and take it again in the next process (`cachedData`). Node >= 22.1 does this
// for modules itself (`module.enableCompileCache()`); Node 20 has nothing for ES modules, hence this file.
//
// A cache is code this process will run, and V8 trusts it more than one would think:
// - V8 checks a cache against its own version, its flags and the source's LENGTH, not the source's content;
//   so the file name carries what tells builds apart: the bundle's hash (pack-cli writes it on the first
//   line), its size and mtime, Node's and V8's versions, the architecture, and the flags Node was started with;
// - release builds of V8 do not checksum the payload: damaged bytes can crash the process (a fatal CHECK) or
//   run wrong code. Each file starts with a SHA-256 of its payload, checked before V8 sees it;
// - it is read only from a real folder (not a link) that this user owns and no one else may write, and only
//   when the file is a regular file of this user's that no one else may write (opened without following a
//   link, and without blocking on a FIFO); folders are made only inside a folder of this user's own (so root
//   with another user's HOME leaves that home alone); it is written under a fresh random name, then renamed.
// It is an optimisation: whatever goes wrong, the command runs as without it and says nothing.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off and NODE_COMPILE_CACHE=dir moves it, as they do for Node's own.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** cache files kept per folder (a command family × kpi build × Node version each); the oldest go first */
const KEEP = 24;
/** a cache larger than this is not one of ours */
const MAX_BYTES = 64 << 20;
const MAGIC = Buffer.from('kpi code cache 1\n');
const HASH_BYTES = 32;
const BUILD_LINE = /^\/\/ kpi-build ([0-9a-f]{8,64})\n/;
const uid = process.getuid?.();

/**
 * Where the code cache lives, or null when it is off.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 * @param {() => string} home
 * @returns {string | null}
 */
export function cacheDirectory(env = process.env, platform = process.platform, home = homedir) {
  const off = env.NODE_DISABLE_COMPILE_CACHE;
  if (off !== undefined && off !== '' && off !== '0') return null;
  if (env.NODE_COMPILE_CACHE) return join(env.NODE_COMPILE_CACHE, 'kpi');
  let base;
  try {
    if (platform === 'win32') base = env.LOCALAPPDATA;
    else if (platform === 'darwin') base = join(home(), 'Library', 'Caches');
    else base = env.XDG_CACHE_HOME || join(home(), '.cache');
  } catch {
    return null; // no home directory for this user
  }
  return base ? join(base, 'kpi', 'compile-cache') : null;
}

/**
 * Run a CommonJS bundle, with the code V8 compiled for it in an earlier run when there is one.
 * `cache` says what happened: `accepted`; `missing` or `rejected` (by V8, or damaged: written again when the
 * process exits after a command that ran, exit code 0 or 1); `off` (none, or a folder that is not safe to use).
 * @param {string} file
 * @param {{ tag?: string, dir?: string | null }} [options] `tag`: the command family (each has its own cache);
 *   `dir`: where the cache lives (cacheDirectory()), null for none
 * @returns {{ exports: any, cache: 'accepted' | 'missing' | 'rejected' | 'off', cacheFile: string | undefined }}
 */
export function loadBundle(file, { tag = 'main', dir = cacheDirectory() } = {}) {
  const fd = openSync(file, 'r');
  let code;
  let stat;
  try {
    stat = fstatSync(fd);
    code = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const id = BUILD_LINE.exec(code)?.[1] ?? 'unversioned';
  const name = `kpi-${id}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}-${runtimeKey()}-${tag}.bin`;
  const cacheFile = dir === null ? undefined : join(dir, name);
  const folder = cacheFile === undefined ? 'off' : folderState(dir);
  const found = folder === 'ok' ? readCache(cacheFile) : undefined;
  // the wrapper Node's CommonJS loader puts around a module; the line break keeps a last `// comment` inside
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file, cachedData: found || undefined });
  /** @type {'accepted' | 'missing' | 'rejected' | 'off'} */
  const cache = folder === 'unsafe' || cacheFile === undefined ? 'off' : found === undefined ? 'missing' : found === false || script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  // after the command ran, so the cache also holds the functions it compiled lazily on the way; not after a usage
  // error (exit code 2), which would leave a cache of the help text for every later run of that command
  if (cache === 'missing' || cache === 'rejected') {
    process.once('exit', (exitCode) => {
      if (exitCode === 0 || exitCode === 1) saveCache(script, /** @type {string} */ (dir), /** @type {string} */ (cacheFile));
    });
  }
  return { exports: module.exports, cache, cacheFile };
}

/** what V8 compares besides the source: its version and flags (those Node was started with) */
function runtimeKey() {
  const s = `${process.versions.v8}\0${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}`;
  let h = 0x811c9dc5; // FNV-1a: a name, not a defence (the folder's checks are)
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** @param {import('node:fs').Stats} s */
const ownAndClosed = (s) => uid === undefined || (s.uid === uid && (s.mode & 0o022) === 0);

/**
 * `ok`: a real folder of this user's that no one else may write; `absent`; `unsafe`: anything else.
 * @param {string} dir
 * @returns {'ok' | 'absent' | 'unsafe'}
 */
function folderState(dir) {
  try {
    const s = lstatSync(dir);
    return s.isDirectory() && ownAndClosed(s) ? 'ok' : 'unsafe';
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT' ? 'absent' : 'unsafe';
  }
}

/**
 * The payload of a cache file, false when it is damaged, undefined when there is none to trust.
 * @param {string} path
 * @returns {Buffer | false | undefined}
 */
function readCache(path) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const s = fstatSync(fd);
    if (!s.isFile() || !ownAndClosed(s) || s.size > MAX_BYTES) return undefined;
    const bytes = readFileSync(fd);
    const head = MAGIC.length + HASH_BYTES;
    if (bytes.length <= head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return false;
    const payload = bytes.subarray(head);
    return createHash('sha256').update(payload).digest().equals(bytes.subarray(MAGIC.length, head)) ? payload : false;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Make `dir` if it is missing: each missing folder only inside a folder this user owns.
 * @param {string} dir
 * @returns {boolean} whether `dir` is now safe to write in
 */
function makeFolder(dir) {
  const missing = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      const s = statSync(d);
      if (!s.isDirectory() || (missing.length > 0 && uid !== undefined && s.uid !== uid)) return false;
      break;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT' || dirname(d) === d) return false;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) mkdirSync(d, { mode: 0o700 });
  return folderState(dir) === 'ok';
}

/**
 * @param {Script} script
 * @param {string} dir
 * @param {string} cacheFile
 */
function saveCache(script, dir, cacheFile) {
  let tmp;
  try {
    if (!makeFolder(dir)) return;
    const data = script.createCachedData();
    const hash = createHash('sha256').update(data).digest();
    tmp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    // a new file of our own, never through a link someone left at that name
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      writeFileSync(fd, Buffer.concat([MAGIC, hash, data]));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, cacheFile); // atomic: a kpi starting meanwhile reads the old file or the new one, never half of one
    tmp = undefined;
    prune(dir);
  } catch {
    if (tmp !== undefined) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        /* nothing more to do */
      }
    }
  }
}

/**
 * Keep the KEEP newest cache files (each kpi upgrade or Node version leaves some behind), and drop temporary
 * files a killed run left (older than an hour).
 * @param {string} dir
 */
function prune(dir) {
  const now = Date.now();
  const caches = [];
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    const t = lstatSync(path).mtimeMs;
    if (f.startsWith('.tmp-') && now - t > 3_600_000) rmSync(path, { force: true });
    else if (f.startsWith('kpi-') && f.endsWith('.bin')) caches.push({ path, t });
  }
  caches.sort((a, b) => b.t - a.t);
  for (const { path } of caches.slice(KEEP)) rmSync(path, { force: true });
}
