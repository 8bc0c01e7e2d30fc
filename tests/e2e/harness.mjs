// Starts real gongping-engine and gongping-server processes against a fresh PostgreSQL schema, for
// the cross-process tests. Nothing here is mocked: the tests talk HTTP to the real server, which
// talks ZeroMQ to the real engine and SQL to the real database.
//
// Environment (set by scripts/test): GP_BIN_DIR (the build directory), GONGPING_TEST_DATABASE_URL
// (a database the tests may add schemas to), GP_WEB_ROOT, GP_E2E_LOGS (where process output goes).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const binDir = process.env.GP_BIN_DIR;
const databaseUrl = process.env.GONGPING_TEST_DATABASE_URL;
const logsDir = process.env.GP_E2E_LOGS ?? '/tmp';
if (!binDir || !databaseUrl) throw new Error('GP_BIN_DIR and GONGPING_TEST_DATABASE_URL must be set (run scripts/test)');

export const binaries = {
  server: path.join(binDir, 'server/gongping-server'),
  cli: path.join(binDir, 'server/gongping'),
  engine: path.join(binDir, 'matching/engine/gongping-engine'),
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Runs one SQL command; answers its rows as unaligned text, one per line, without headers.
function psql(url, sql) {
  const r = spawnSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout.trim();
}

// A fresh schema, first on the search_path of every connection made with the returned URL.
export function freshSchema() {
  const name = `e2e_${randomBytes(5).toString('hex')}`;
  psql(databaseUrl, `CREATE SCHEMA ${name}`);
  const url = databaseUrl.includes('://')
    ? `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=-csearch_path%3D${name}`
    : `${databaseUrl} options='-csearch_path=${name}'`;
  return {
    name,
    url,
    sql: (text) => psql(url, text),
    // As the cluster's superuser (the scripts' cluster trusts local connections): an operator with
    // every power over the database, as the tampering tests need.
    superuserSql: (text) => psql(url.replace('://gongping@', '://postgres@'), text),
    drop: () => psql(databaseUrl, `DROP SCHEMA ${name} CASCADE`),
  };
}

export function runCli(args, { dbUrl, input } = {}) {
  return spawnSync(binaries.cli, args, {
    encoding: 'utf8',
    input,
    env: { ...process.env, GONGPING_DATABASE_URL: dbUrl ?? databaseUrl },
  });
}

// A child process whose output goes to a log file and is kept for assertions.
export class Child {
  constructor(name, file, args, env = {}) {
    this.name = name;
    this.output = '';
    this.log = createWriteStream(path.join(logsDir, `${name}-${Date.now()}-${randomBytes(2).toString('hex')}.log`));
    this.proc = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [this.proc.stdout, this.proc.stderr]) {
      stream.on('data', (chunk) => {
        this.output += chunk.toString();
        this.log.write(chunk);
      });
    }
  }

  async waitFor(pattern, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const m = this.output.match(pattern);
      if (m) return m;
      if (this.proc.exitCode !== null) throw new Error(`${this.name} exited (${this.proc.exitCode}):\n${this.output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${this.name}: no ${pattern} within ${timeoutMs} ms:\n${this.output}`);
  }

  async stop(signal = 'SIGTERM') {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    const result = await this.exited;
    this.log.end();
    return result;
  }
}

export async function startEngine(ports) {
  const engine = new Child('engine', binaries.engine, [
    '--commands', `tcp://127.0.0.1:${ports.commands}`,
    '--events', `tcp://127.0.0.1:${ports.events}`,
  ]);
  await engine.waitFor(/engine listening/);
  return engine;
}

// Every state change must append its audit entry in the same transaction (specs/audit-log.md): the
// record history (migration 0014) keeps each changed row with its transaction's change id, and so
// does the log. Answers the changes whose transaction wrote no entry, a line each, or '' when there
// are none.
export function unauditedChanges(schema) {
  return schema.sql(
    `SELECT v.operation || ' ' || v.record_type || ' ' || v.record_key || ' ' || v.row_data::text FROM record_versions v
     WHERE v.operation <> 'baseline' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.change_id = v.change_id)
     ORDER BY v.id LIMIT 20`,
  );
}

// The whole platform on fresh ports and a fresh schema. `settings` become --set arguments.
export async function startStack({ settings = {}, withEngine = true } = {}) {
  const schema = freshSchema();
  const keysDir = mkdtempSync(path.join(os.tmpdir(), 'gp-keys-'));
  const migrate = runCli(['migrate'], { dbUrl: schema.url });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  const ports = { commands: await freePort(), events: await freePort() };
  const stack = { schema, ports, engine: null, keyFile: path.join(keysDir, 'signing.jwk') };
  if (withEngine) stack.engine = await startEngine(ports);
  const all = {
    'http.port': '0',
    'http.web_root': process.env.GP_WEB_ROOT ?? 'web/public',
    'engine.commands': `tcp://127.0.0.1:${ports.commands}`,
    'engine.events': `tcp://127.0.0.1:${ports.events}`,
    'engine.timeout_ms': '500',
    'auth.scrypt_log2_n': '10',
    'http.io_threads': '2',
    'platform.signing_key_file': stack.keyFile,
    ...settings,
  };
  const args = Object.entries(all).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
  // Another server process on the same database and engine (as behind a load balancer).
  stack.startServer = async () => {
    const child = new Child('server', binaries.server, args, { GONGPING_DATABASE_URL: schema.url });
    const m = await child.waitFor(/"msg":"listening","detail":"http:\/\/127\.0\.0\.1:(\d+)\//);
    return { child, port: Number(m[1]), base: `http://127.0.0.1:${m[1]}` };
  };
  const first = await stack.startServer();
  stack.server = first.child;
  stack.port = first.port;
  stack.base = first.base;
  stack.stop = async () => {
    const server = await stack.server.stop();
    if (stack.engine) await stack.engine.stop();
    const unaudited = unauditedChanges(schema);
    schema.drop();
    rmSync(keysDir, { recursive: true, force: true });
    if (unaudited) throw new Error(`state changes without an audit entry in their transaction:\n${unaudited}`);
    return server;
  };
  return stack;
}

export async function json(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 300)}`);
  }
}

export function post(base, route, body, headers = {}) {
  return fetch(base + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

// Sends raw bytes on a new TCP connection and collects everything until the server closes it.
export function rawExchange(port, chunks, { gapMs = 0, timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closedByServer: false });
    }, timeoutMs);
    socket.on('data', (d) => (received += d.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, closedByServer: true });
    });
    socket.on('error', (e) => (e.code === 'ECONNRESET' ? null : reject(e)));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}
