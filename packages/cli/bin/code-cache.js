// The installed CLI's bundle, run through V8's code cache (issue 14).
//
// The installed CLI is one CommonJS file (dist/kpi.cjs, scripts/pack-cli.js). Turning its JavaScript into
// bytecode is a cost every command pays before it does anything: about 60 ms of a 3-line `kpi check`'s
// 0.25 s on the project's 2-core machine. V8 can hand back the code it compiled for a script
// (`vm.Script#createCachedData`) and take it again in the next process (`cachedData`). Node >= 22.1 does this
// for modules itself (`module.enableCompileCache()`); Node 20 has nothing for ES modules, hence this file.
//
// What V8 checks before it accepts a cache: its own version, its flags, and the source's LENGTH — not its
// content. So the cache's file name carries what tells contents apart: the build's id (a hash of the bundle
// that pack-cli writes on its first line), the file's size and mtime, Node's version and architecture, and a
// tag (`kpi score` sets V8 heap flags, which V8 would see as a mismatch with the other commands' cache).
//
// A cache is code this process runs, so it lives in the user's own cache directory, is read only when the
// user owns it and nobody else can write it, and is written atomically. It is an optimisation: any failure
// (a read-only home, a full disk, a rejected cache) means the next run compiles again, never an error.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off and NODE_COMPILE_CACHE=dir moves it, as they do for Node's own.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** at most this many cache files are kept (one per kpi build, Node version and tag); older ones are removed */
const KEEP = 8;
const BUILD_LINE = /^\/\/ kpi-build ([0-9a-f]{8,64})\n/;

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
 * `cache` says what happened: `accepted`, `missing` or `rejected` (then written when the process exits), `off`.
 * @param {string} file
 * @param {{ tag?: string, dir?: string | null }} [options] `dir`: where the cache lives (cacheDirectory()), null for none
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
  const name = `kpi-${id}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}-${tag}.bin`;
  const cacheFile = dir === null ? undefined : join(dir, name);
  const cachedData = cacheFile === undefined ? undefined : readOwnFile(cacheFile);
  // the wrapper Node's CommonJS loader puts around a module; the line break keeps a last `// comment` inside
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file, cachedData });
  const cache = cacheFile === undefined ? 'off' : cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  // after the command ran, so the cache also holds the functions it compiled lazily on the way
  if (cacheFile !== undefined && cache !== 'accepted') process.once('exit', () => saveCache(script, cacheFile));
  return { exports: module.exports, cache, cacheFile };
}

/**
 * The file's bytes when this user owns it and no one else may write it; else undefined.
 * @param {string} path
 * @returns {Buffer | undefined}
 */
function readOwnFile(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const s = fstatSync(fd);
    if (!s.isFile()) return undefined;
    if (process.getuid !== undefined && (s.uid !== process.getuid() || (s.mode & 0o022) !== 0)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * @param {Script} script
 * @param {string} cacheFile
 */
function saveCache(script, cacheFile) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    const dir = dirname(cacheFile);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, cacheFile); // atomic: a kpi starting meanwhile reads the old file or the new one, never half of one
    prune(dir);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* the directory itself is not ours to write: nothing was left there */
    }
  }
}

/**
 * Keep the KEEP newest cache files: each kpi upgrade or Node version leaves one behind.
 * @param {string} dir
 */
function prune(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith('kpi-') && f.endsWith('.bin'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP)) rmSync(join(dir, f), { force: true });
}
