// A minimal SMTP server on 127.0.0.1 that accepts every message and keeps it, so the e-mail
// workflows can be checked without sending mail anywhere.
import { createServer } from 'node:net';

export async function startSmtpCatcher(port = 0) {
	const messages = [];
	const server = createServer((socket) => {
		let buffer = '';
		let inData = false;
		let message = { from: '', to: [], data: '' };
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 127.0.0.1 ESMTP catcher');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let index;
			while ((index = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						messages.push(message);
						message = { from: '', to: [], data: '' };
						reply('250 OK: queued');
					} else {
						message.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
					}
					continue;
				}
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO') socket.write('250-127.0.0.1\r\n250 8BITMIME\r\n');
				else if (command === 'HELO') reply('250 127.0.0.1');
				else if (command === 'MAIL') (message.from = line.slice(10).trim(), reply('250 OK'));
				else if (command === 'RCPT') (message.to.push(line.slice(8).trim()), reply('250 OK'));
				else if (command === 'DATA') (inData = true, reply('354 End data with <CR><LF>.<CR><LF>'));
				else if (command === 'QUIT') (reply('221 Bye'), socket.end());
				else if (command === 'RSET') (message = { from: '', to: [], data: '' }, reply('250 OK'));
				else reply('250 OK');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
	return {
		port: server.address().port,
		messages,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
