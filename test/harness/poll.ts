import { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeType, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { buildNodeUnderTest, type NodeUnderTestOptions } from './engine';
import { MapNodeTypes } from './node-types';

export interface PollHarness {
	/** One check, as n8n's poller runs it (`trigger`) or as "Fetch Test Event" does (`manual`); null: nothing to emit. */
	poll(mode?: Extract<WorkflowExecuteMode, 'trigger' | 'manual'>): Promise<INodeExecutionData[] | null>;
	/** The node's static data, kept from one check to the next like n8n keeps it in the workflow. */
	staticData(): IDataObject;
}

/** A polling trigger in an active workflow, checked through n8n-core's own `PollContext`. */
export function createPollHarness(opts: NodeUnderTestOptions): PollHarness {
	const { node, typeName, credentialsHelper } = buildNodeUnderTest(opts, [0, 0]);
	const workflow = new Workflow({
		id: 'poll-harness-workflow',
		name: 'Poll harness workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new MapNodeTypes({ [typeName]: opts.node }),
		staticData: {},
	});
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	if (!nodeType.poll) throw new Error(`${typeName} has no poll()`);
	return {
		async poll(mode = 'trigger') {
			const additionalData = createAdditionalData({ credentialsHelper, workflow, mode });
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			const result = await nodeType.poll!.call(context);
			return result ? result[0] : null;
		},
		staticData: () => workflow.getStaticData('node', node),
	};
}
