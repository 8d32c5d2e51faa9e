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
//   run wrong code. Each file starts with a CRC-32 of its payload (zlib's; where Node has none, before 20.15,
//   the first 4 bytes of a SHA-256: the file names the Node version, so one file is always read by the Node that
//   wrote it), checked before V8 sees it. Not node:crypto's SHA-256 on every run: loading node:crypto brings 16
//   of Node's modules, 2-3% of a 3-line `kpi check` (issue 14);
// - the checksum only catches damage: anyone can compute one. What keeps out a cache someone else made is the path:
//   as OpenSSH checks a key file's, every folder and link on the way to the cache folder, as written and as
//   resolved, must belong to this user or root and be closed to others (sticky folders such as /tmp aside); the
//   folder itself is this user's; a relative XDG_CACHE_HOME or NODE_COMPILE_CACHE is ignored (it would name a
//   folder in whatever checkout the command runs in). So root with another user's HOME uses no cache there;
// - a cache is read only when it is a regular file of this user's, closed to others, with one link (opened
//   without following a link and without blocking on a FIFO); it is written under a fresh random name with
//   O_EXCL, then renamed; folders are made only inside a folder of this user's own.
// It is an optimisation: whatever goes wrong, the command runs as without it and says nothing.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off and NODE_COMPILE_CACHE=dir moves it, as they do for Node's own.
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, sep } from 'node:path';
import { Script } from 'node:vm';
import { isAscii } from 'node:buffer';
import * as zlib from 'node:zlib';

/** cache files kept per folder (a command family × kpi build × Node version each); the oldest go first */
const KEEP = 24;
/** a cache larger than this is not one of ours */
const MAX_BYTES = 64 << 20;
const MAGIC = Buffer.from('kpi code cache 2\n');
const HASH_BYTES = 4;
/** node:crypto, for Node without zlib.crc32 and for a new file's random name: loaded only then */
const crypto = () => /** @type {typeof import('node:crypto')} */ (createRequire(import.meta.url)('node:crypto'));

/**
 * The payload's checksum (see the top of this file).
 * @param {Uint8Array} payload
 */
function checksum(payload) {
  const out = Buffer.alloc(HASH_BYTES);
  if (typeof zlib.crc32 === 'function') out.writeUInt32BE(zlib.crc32(payload));
  else crypto().createHash('sha256').update(payload).digest().copy(out, 0, 0, HASH_BYTES);
  return out;
}
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
  // relative values are ignored (the XDG rule): they would name a folder in whatever checkout kpi runs in
  const absolute = (/** @type {string | undefined} */ p) => (p && isAbsolute(p) ? p : undefined);
  const moved = absolute(env.NODE_COMPILE_CACHE);
  if (moved) return join(moved, 'kpi');
  let base;
  try {
    if (platform === 'win32') base = absolute(env.LOCALAPPDATA);
    else if (platform === 'darwin') base = join(home(), 'Library', 'Caches');
    else base = absolute(env.XDG_CACHE_HOME) ?? join(home(), '.cache');
  } catch {
    return null; // no home directory for this user
  }
  return base && isAbsolute(base) ? join(base, 'kpi', 'compile-cache') : null;
}

/**
 * Run a CommonJS bundle, with the code V8 compiled for it in an earlier run when there is one.
 * `cache` says what happened: `accepted`; `missing` or `rejected` (by V8, or damaged: written again when the
 * process exits after a command that ran, exit code 0 or 1); `off` (none, or a folder that is not safe to use).
 * @param {string} file
 * @param {{ tag?: string, dir?: string | null, save?: boolean }} [options] `tag`: the command family (each has its
 *   own cache); `dir`: where the cache lives (cacheDirectory()), null for none; `save`: false when this run is not
 *   one to keep (`--help`)
 * @returns {{ exports: any, cache: 'accepted' | 'missing' | 'rejected' | 'off', cacheFile: string | undefined }}
 */
export function loadBundle(file, { tag = 'main', dir = cacheDirectory(), save = true } = {}) {
  const fd = openSync(file, 'r');
  let code;
  let stat;
  try {
    stat = fstatSync(fd);
    // pack-cli writes the bundle in ASCII: as Latin-1 its bytes are the string already (~0.5 ms for 1.7 MB), where
    // decoding them as UTF-8 took ~4.5 ms at every start (issue 14)
    const bytes = readFileSync(fd);
    code = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
  const id = BUILD_LINE.exec(code)?.[1] ?? 'unversioned';
  const name = `kpi-${id}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}-${runtimeKey()}-${tag}.bin`;
  const folder = dir === null ? null : securePath(dir, false);
  const usable = folder !== null && folder !== 'absent';
  const cacheFile = dir === null ? undefined : join(usable ? folder : dir, name);
  const found = usable ? readCache(/** @type {string} */ (cacheFile)) : undefined;
  // the wrapper Node's CommonJS loader puts around a module; the line break keeps a last `// comment` inside
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file, cachedData: found || undefined });
  /** @type {'accepted' | 'missing' | 'rejected' | 'off'} */
  const cache = folder === null ? 'off' : found === undefined ? 'missing' : found === false || script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  // after the command ran, so the cache also holds the functions it compiled lazily on the way; not after a usage
  // error (exit code 2), which would leave a cache of the help text for every later run of that command
  if (save && (cache === 'missing' || cache === 'rejected')) {
    process.once('exit', (exitCode) => {
      if (exitCode === 0 || exitCode === 1) saveCache(script, /** @type {string} */ (dir), name);
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
/** a folder or link on the way to the cache: this user's or root's, and closed to others unless sticky (/tmp) */
const trusted = (/** @type {import('node:fs').Stats} */ s) =>
  (s.uid === uid || s.uid === 0) && (s.isSymbolicLink() || (s.mode & 0o022) === 0 || (s.isDirectory() && (s.mode & 0o1000) !== 0));

/**
 * The cache folder's real path when it can be trusted: every folder and link on the way, as written and as
 * resolved, trusted (above), and the folder itself this user's and closed to others. `absent` when it does not
 * exist yet (then, with `create`, it is made: each missing folder only inside one of this user's). null: not safe.
 * @param {string} dir
 * @param {boolean} create
 * @returns {string | 'absent' | null}
 */
function securePath(dir, create) {
  try {
    if (uid === undefined) {
      // Windows: %LOCALAPPDATA% is the user's own, and files have no owner id to compare
      if (create) mkdirSync(dir, { recursive: true });
      return existsSync(dir) ? dir : 'absent';
    }
    const parts = dir.slice(parse(dir).root.length).split(sep).filter(Boolean);
    let given = parse(dir).root;
    let n = 0;
    for (; n < parts.length; n++) {
      const next = join(given, parts[n]);
      let s;
      try {
        s = lstatSync(next);
      } catch (e) {
        if (/** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT') break;
        return null;
      }
      if (!trusted(s)) return null;
      given = next;
    }
    let real = realpathSync(given);
    let walked = parse(real).root;
    if (!trusted(lstatSync(walked))) return null;
    for (const part of real.slice(walked.length).split(sep).filter(Boolean)) {
      walked = join(walked, part);
      if (!trusted(lstatSync(walked))) return null;
    }
    if (n < parts.length) {
      if (!create) return 'absent';
      if (statSync(real).uid !== uid) return null; // folders are made only inside one of this user's
      for (; n < parts.length; n++) {
        real = join(real, parts[n]);
        mkdirSync(real, { mode: 0o700 });
      }
    }
    const s = lstatSync(real);
    return s.isDirectory() && ownAndClosed(s) ? real : null;
  } catch {
    return null;
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
    if (!s.isFile() || !ownAndClosed(s) || s.nlink !== 1 || s.size > MAX_BYTES) return undefined;
    const bytes = readFileSync(fd);
    const head = MAGIC.length + HASH_BYTES;
    if (bytes.length <= head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return false;
    const payload = bytes.subarray(head);
    return checksum(payload).equals(bytes.subarray(MAGIC.length, head)) ? payload : false;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The cache folder's real path, made if missing, when it passes securePath's checks; else null.
 * @param {string | null} dir
 * @returns {string | null}
 */
export function trustedCacheFolder(dir = cacheDirectory()) {
  const folder = dir === null ? null : securePath(dir, true);
  return folder === 'absent' ? null : folder;
}

/**
 * @param {Script} script
 * @param {string} dir
 * @param {string} name
 */
function saveCache(script, dir, name) {
  let tmp;
  try {
    const folder = trustedCacheFolder(dir);
    if (folder === null) return;
    const cacheFile = join(folder, name);
    const data = script.createCachedData();
    const hash = checksum(data);
    tmp = join(folder, `.tmp-${process.pid}-${crypto().randomBytes(6).toString('hex')}`);
    // a new file of our own, never through a link someone left at that name
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      writeFileSync(fd, Buffer.concat([MAGIC, hash, data]));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, cacheFile); // atomic: a kpi starting meanwhile reads the old file or the new one, never half of one
    tmp = undefined;
    prune(folder);
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
  // each entry on its own: another kpi may be pruning too, and a stray folder must not stop the rest
  const remove = (/** @type {string} */ path) => {
    try {
      rmSync(path, { force: true });
    } catch {
      /* not a file, or gone */
    }
  };
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    let t;
    try {
      t = lstatSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (f.startsWith('.tmp-') && now - t > 3_600_000) remove(path);
    else if (f.startsWith('kpi-') && f.endsWith('.bin')) caches.push({ path, t });
  }
  caches.sort((a, b) => b.t - a.t);
  for (const { path } of caches.slice(KEEP)) remove(path);
}
