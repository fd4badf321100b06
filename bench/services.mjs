// The servers n8n's queue mode runs on, as in a real deployment: PostgreSQL (n8n does not support
// queue mode on SQLite) and Redis, both Debian's packages, installed when missing (as root), each
// started here on a free loopback port with its data in a throw-away folder, and stopped after.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePort, waitFor } from '../test/e2e/stack.mjs';

/** apt-get install, updating the package lists once if the first try cannot find the package. */
export function installDebianPackage(name, log = console.log) {
	log(`installing ${name} from Debian`);
	const install = () => execFileSync('apt-get', ['install', '-y', '-q', name], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
		install();
	}
}

const listens = (port) =>
	new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1', () => {
			socket.end();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});

const hasRedis = () => {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};

/** Installs what is missing, before the run moves where the package mirror cannot be reached (a network namespace). */
export function installQueueServices(log) {
	if (!hasRedis()) installDebianPackage('redis-server', log);
	if (!postgresBinaries()) installDebianPackage('postgresql', log);
}

/** Redis on a free port, nothing saved to disk. */
export async function startRedis(log) {
	if (!hasRedis()) installDebianPackage('redis-server', log);
	const port = await freePort();
	const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	await waitFor(() => listens(port), { what: 'Redis to listen' });
	return { port, stop: () => redis.kill() };
}

/** The newest PostgreSQL server binaries Debian installed (`/usr/lib/postgresql/<major>/bin`). */
function postgresBinaries() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const [major] = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return major ? join(root, major, 'bin') : undefined;
}

/**
 * A PostgreSQL cluster of its own on a free port, with one database `n8n` that the `postgres`
 * user reaches from 127.0.0.1 without a password. PostgreSQL refuses to run as root, so as
 * root it runs as Debian's `postgres` user.
 * @returns {Promise<{ port: number, env: Record<string, string>, stop: () => Promise<void> }>}
 *   env: n8n's settings for this database
 */
export async function startPostgres(log) {
	let bin = postgresBinaries();
	if (!bin) {
		installDebianPackage('postgresql', log);
		bin = postgresBinaries();
		if (!bin) throw new Error('postgresql installed, but no initdb under /usr/lib/postgresql');
	}
	const asRoot = userInfo().uid === 0;
	const as = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args]);
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-postgres-'));
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		chownSync(dataDir, uid, gid);
	}
	execFileSync(...as('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8']), { stdio: 'ignore' });
	const port = await freePort();
	const server = spawn(...as('postgres', ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1']), { stdio: 'ignore' });
	const exited = new Promise((resolve) => server.once('exit', resolve));
	await waitFor(
		() => {
			try {
				execFileSync(...as('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-q']), { stdio: 'ignore' });
				return true;
			} catch {
				return false;
			}
		},
		{ what: 'PostgreSQL to accept connections' },
	);
	execFileSync(...as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n']), { stdio: 'ignore' });
	log?.(`PostgreSQL ${bin.split('/').at(-2)} on 127.0.0.1:${port}`);
	return {
		port,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		},
		async stop() {
			// runuser does not pass signals on; pg_ctl's fast shutdown ends the sessions and the server.
			execFileSync(...as('pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-s']), { stdio: 'ignore' });
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}
