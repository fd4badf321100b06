import type { IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { BinaryItem, executePerItem } from '../nodes/shared/executePerItem';

/** Just what the loop reads of n8n's execute context. */
function contextOf(itemCount: number, continueOnFail: boolean) {
	return {
		getInputData: () => Array.from({ length: itemCount }, (_, i) => ({ json: { i } })),
		continueOnFail: () => continueOnFail,
		getNode: () => ({ id: 'n', name: 'Per Item', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

/** Items that take about `ms` of CPU each to prepare, as n8n's expressions do; item `bad` is refused. */
function slowItems(ms: number, bad: number) {
	const log: string[] = [];
	const prepare = (itemIndex: number) => {
		const until = Date.now() + ms;
		while (Date.now() < until);
		log.push(`prepare ${itemIndex}`);
		if (itemIndex === bad) throw new Error(`Email: item ${itemIndex} has none`);
		return async () => {
			log.push(`send ${itemIndex}`);
			await new Promise((resolve) => setTimeout(resolve, 5));
			return { sent: itemIndex };
		};
	};
	return { log, prepare };
}

describe('executePerItem', () => {
	it('without Continue On Fail, checks every item before sending any', async () => {
		const { log, prepare } = slowItems(1, 40);
		await expect(executePerItem(contextOf(50, false), prepare, { concurrency: 4 })).rejects.toThrow('Email: item 40 has none');
		expect(log.filter((entry) => entry.startsWith('send'))).toEqual([]);
		const valid = slowItems(1, -1);
		await executePerItem(contextOf(50, false), valid.prepare, { concurrency: 4 });
		expect(valid.log.findIndex((entry) => entry.startsWith('send'))).toBe(50);
	});

	it('with Continue On Fail, sends the first items while the rest are still being checked; order, pairing and the bad item kept', async () => {
		const { log, prepare } = slowItems(2, 150);
		const [output] = await executePerItem(contextOf(200, true), prepare, { concurrency: 4 });
		// 200 items of 2 ms each: 400 ms of checking, during which the first items went out.
		expect(log.indexOf('send 0')).toBeLessThan(log.indexOf('prepare 20'));
		expect(log.filter((entry) => entry.startsWith('send'))).toHaveLength(199);
		expect(output).toHaveLength(200);
		output.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(output[150].json.error).toBe('Email: item 150 has none');
		expect(output.filter((item) => item.json.sent !== undefined).map((item) => item.json.sent)).toEqual(
			Array.from({ length: 200 }, (_, i) => i).filter((i) => i !== 150),
		);
	});

	it('with Continue On Fail, never sends an item whose checks are still awaiting (a custom field lookup)', async () => {
		const sent: number[] = [];
		const prepare = async (itemIndex: number) => {
			await new Promise((resolve) => setTimeout(resolve, 3));
			return async () => {
				sent.push(itemIndex);
				await new Promise((resolve) => setTimeout(resolve, 1));
				return { sent: itemIndex };
			};
		};
		const [output] = await executePerItem(contextOf(30, true), prepare, { concurrency: 4 });
		expect(output.map((item) => item.json)).toEqual(Array.from({ length: 30 }, (_, i) => ({ sent: i })));
		expect(sent).toEqual(Array.from({ length: 30 }, (_, i) => i));
	});

	it('with Continue On Fail and no items, ends at once', async () => {
		expect(await executePerItem(contextOf(0, true), slowItems(0, -1).prepare)).toEqual([[]]);
	});

	it('outputs an item with binary data as it is, paired and in order among JSON items and errors', async () => {
		const file = { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'F-2025.pdf' };
		const prepare = (itemIndex: number) => {
			if (itemIndex === 1) throw new Error('Year: item 1 has none');
			return async () =>
				itemIndex === 2 ? new BinaryItem({ file_name: 'F-2025.pdf' }, { data: file }) : [{ json: 'a record field', binary: 'too' }, { i: itemIndex }];
		};
		const [output] = await executePerItem(contextOf(3, true), prepare, { concurrency: 3 });
		expect(output).toEqual([
			{ json: { json: 'a record field', binary: 'too' }, pairedItem: { item: 0 } },
			{ json: { i: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'Year: item 1 has none' }, pairedItem: { item: 1 } },
			{ json: { file_name: 'F-2025.pdf' }, binary: { data: file }, pairedItem: { item: 2 } },
		]);
	});
});
