import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the built package, as n8n loads it', () => {
	it('is a community package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-gumroad-highlevel');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});

	it("loads every node and credential listed in package.json through n8n-core's PackageDirectoryLoader", async () => {
		// `npm test` builds first (pretest), so dist/ is the code users install.
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const nodeNames = Object.keys(loader.nodeTypes);
		const credentialNames = Object.keys(loader.credentialTypes);
		expect(nodeNames).toHaveLength(pkg.n8n.nodes.length);
		expect(credentialNames).toHaveLength(pkg.n8n.credentials.length);
		expect(nodeNames.sort()).toEqual(['gumroad', 'gumroadPollingTrigger', 'gumroadTrigger', 'highLevelContacts', 'highLevelPollingTrigger', 'highLevelTrigger', 'snapshots']);
		expect(credentialNames.sort()).toEqual([
			'goHighLevelAgencyOAuth2Api',
			'goHighLevelAgencyPrivateTokenApi',
			'goHighLevelOAuth2Api',
			'goHighLevelPrivateTokenApi',
			'gumroadAccessTokenApi',
			'gumroadAppOAuth2Api',
			'highLevelWebhookSecretApi',
			'snapshotsApi',
		]);
		// n8n's built-in credentials must stay distinct.
		for (const builtIn of ['highLevelApi', 'highLevelOAuth2Api', 'gumroadApi', 'gumroadOAuth2Api']) {
			expect(credentialNames).not.toContain(builtIn);
		}

		const contacts = loader.getNode('highLevelContacts').type;
		const description = contacts.description as INodeTypeDescription;
		expect(description.credentials?.map((c) => c.name).sort()).toEqual(['goHighLevelAgencyOAuth2Api', 'goHighLevelOAuth2Api', 'goHighLevelPrivateTokenApi']);
		for (const [name, folder] of [['highLevelContacts', 'HighLevelContacts'], ['gumroadTrigger', 'GumroadTrigger'], ['gumroad', 'Gumroad'], ['snapshots', 'Snapshots'], ['highLevelTrigger', 'HighLevelTrigger']]) {
			const { icon } = loader.getNode(name).type.description as INodeTypeDescription;
			for (const file of Object.values((icon ?? {}) as Record<string, string>)) {
				expect(existsSync(join(root, 'dist/nodes', folder, file.replace('file:', ''))), `${name} ${file}`).toBe(true);
			}
		}

		// n8n reads a node's codex from `<Node>.node.json` next to its `.node.js`: the node picker's
		// categories and search aliases, and the panel's link to the node's documentation.
		for (const name of ['highLevelContacts', 'highLevelTrigger', 'highLevelPollingTrigger']) {
			const { codex } = loader.getNode(name).type.description as INodeTypeDescription;
			expect(codex, name).toMatchObject({ categories: ['Marketing', 'Sales'], alias: expect.arrayContaining(['GoHighLevel', 'GHL']) });
			expect(codex?.resources?.primaryDocumentation?.[0].url, name).toMatch(/^https:\/\/github\.com\/n8n-nodes-gumroad-highlevel\/n8n-nodes-gumroad-highlevel#highlevel-/);
		}
		for (const [name, section] of [['gumroad', 'gumroad-node'], ['gumroadTrigger', 'gumroad-trigger'], ['gumroadPollingTrigger', 'gumroad-polling-trigger'], ['snapshots', 'snapshots-node']]) {
			const { codex } = loader.getNode(name).type.description as INodeTypeDescription;
			expect(codex?.categories?.length, name).toBeGreaterThan(0);
			expect(codex?.resources?.primaryDocumentation?.[0].url, name).toBe(`https://github.com/n8n-nodes-gumroad-highlevel/n8n-nodes-gumroad-highlevel#${section}`);
		}
	});
});
