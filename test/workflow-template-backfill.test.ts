import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

const template = JSON.parse(readFileSync(join(__dirname, '..', 'workflows', '11-backfill-gumroad-customers-to-highlevel.json'), 'utf8')) as {
	nodes: INode[];
	connections: IConnections;
};

/** The template's nodes in the order n8n runs them: one chain from the trigger. */
function chain(): INode[] {
	const byName = new Map(template.nodes.map((node) => [node.name, node]));
	const trigger = template.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const order: INode[] = [];
	for (let node = trigger; node; node = byName.get(template.connections[node.name]?.main?.[0]?.[0]?.node ?? '')) order.push(node);
	return order;
}

describe('Template 11 (backfill)', () => {
	it('asks HighLevel which contacts are written before its first Code node, so n8n\'s task runner gets ready meanwhile', () => {
		const types = chain().map((node) => node.type);
		expect(types).toHaveLength(template.nodes.length - 1); // all but the sticky note
		const firstCode = types.indexOf('n8n-nodes-base.code');
		const firstHighLevel = types.indexOf('n8n-nodes-gumroad-highlevel.highLevelContacts');
		expect(firstHighLevel).toBeGreaterThan(0);
		expect(firstHighLevel).toBeLessThan(firstCode);
		// The Gumroad reading needs the resume point that Code node reads.
		expect(types.indexOf('n8n-nodes-gumroad-highlevel.gumroad')).toBeGreaterThan(firstCode);
	});

	it('lets the run go on when no contact is written yet: the search outputs an empty item', () => {
		const search = chain().find((node) => node.type === 'n8n-nodes-gumroad-highlevel.highLevelContacts');
		expect(search?.alwaysOutputData).toBe(true);
	});
});
