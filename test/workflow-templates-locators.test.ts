import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type INode, type INodeType, isResourceLocatorValue, NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Gumroad } from '../nodes/Gumroad/Gumroad.node';
import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { Snapshots } from '../nodes/Snapshots/Snapshots.node';

const folder = join(__dirname, '..', 'workflows');
const nodeTypes: Record<string, INodeType> = {
	'n8n-nodes-gumroad-highlevel.gumroad': new Gumroad(),
	'n8n-nodes-gumroad-highlevel.highLevelContacts': new HighLevelContacts(),
	'n8n-nodes-gumroad-highlevel.snapshots': new Snapshots(),
};

const templateNodes = readdirSync(folder)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) => (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { nodes: INode[] }).nodes.map((node) => ({ file, node })))
	.filter(({ node }) => nodeTypes[node.type] !== undefined);

/**
 * n8n's own issues of the node, and the locators it shows that hold a plain string (n8n's check
 * lets those pass, the editor of n8n 2.x flags them).
 */
function parameterIssues(node: INode) {
	const { description } = nodeTypes[node.type];
	const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	const plainLocators = description.properties
		.filter((property) => property.type === 'resourceLocator' && NodeHelpers.displayParameter(parameters, property, node, description))
		.filter((property) => node.parameters[property.name] !== undefined && !isResourceLocatorValue(node.parameters[property.name]))
		.map((property) => property.name);
	return { issues: NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters }, description), plainLocators };
}

describe('workflow templates with Gumroad, HighLevel Contacts and Snapshots nodes', () => {
	it.each(templateNodes.map(({ file, node }) => [`${file}: ${node.name} (${node.typeVersion})`, node] as const))(
		'%s opens without parameter issues (no locator saved as a plain string)',
		(_name, node) => {
			expect(parameterIssues(node)).toEqual({ issues: null, plainLocators: [] });
		},
	);

	it('would see a locator saved as a plain string', () => {
		const nodeOf = (type: string, typeVersion: number, parameters: Record<string, unknown>): INode => ({
			id: 'n1',
			name: 'Under Test',
			type: `n8n-nodes-gumroad-highlevel.${type}`,
			typeVersion,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
		});
		const node = (typeVersion: number, taskId: unknown) =>
			nodeOf('highLevelContacts', typeVersion, { resource: 'task', operation: 'get', contactId: { __rl: true, mode: 'id', value: 'c1' }, taskId });
		const clean = { issues: null, plainLocators: [] };
		expect(parameterIssues(node(1.1, '={{ $json.taskId }}'))).toEqual({ issues: null, plainLocators: ['taskId'] });
		expect(parameterIssues(node(1.1, { __rl: true, mode: 'id', value: '={{ $json.taskId }}' }))).toEqual(clean);
		expect(parameterIssues({ ...node(1, ''), parameters: { resource: 'task', operation: 'get', contactId: 'c1', taskId: 't1' } })).toEqual(clean);
		const gumroad = (typeVersion: number, saleId: unknown) => nodeOf('gumroad', typeVersion, { resource: 'sale', operation: 'get', saleId });
		expect(parameterIssues(gumroad(1.3, '={{ $json.sale_id }}'))).toEqual({ issues: null, plainLocators: ['saleId'] });
		expect(parameterIssues(gumroad(1.3, { __rl: true, mode: 'id', value: '={{ $json.sale_id }}' }))).toEqual(clean);
		expect(parameterIssues(gumroad(1.2, '={{ $json.sale_id }}'))).toEqual(clean);
	});
});
