import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** Description of n8n-nodes-base's Manual Trigger (version 1). */
export const manualTriggerDescription: INodeTypeDescription = {
	displayName: 'Manual Trigger',
	name: 'manualTrigger',
	icon: 'fa:mouse-pointer',
	group: ['trigger'],
	version: 1,
	description: 'Runs the flow on clicking a button in n8n',
	eventTriggerDescription: '',
	maxNodes: 1,
	defaults: { name: 'When clicking ‘Execute workflow’', color: '#909298' },
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	properties: [
		{
			displayName:
				'This node is where the workflow execution starts (when you click the ‘test’ button on the canvas).',
			name: 'notice',
			type: 'notice',
			default: '',
		},
	],
};

/**
 * Stand-in for n8n-nodes-base's Manual Trigger (not a dependency of community packages),
 * registered as `n8n-nodes-base.manualTrigger`. In `manual` mode the engine calls
 * `trigger()` and its `manualTriggerFunction` emits `items` (n8n's own emits one empty
 * item). In any other mode the engine passes on the items put on the stack for it.
 */
export function createManualTrigger(items: INodeExecutionData[] = [{ json: {} }]): INodeType {
	return {
		description: manualTriggerDescription,
		async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
			const manualTriggerFunction = async () => {
				this.emit([items.map((item) => ({ ...item, json: { ...item.json } }))]);
			};
			return { manualTriggerFunction };
		},
	};
}

/** `INodeTypes` over a plain map of full type name → node class instance. */
export class MapNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new UnexpectedError(`Unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name }]));
	}
}

/** The description of the (latest or given) version of a possibly versioned node type. */
export function describeNodeType(
	nodeType: INodeType | IVersionedNodeType,
	version?: number,
): INodeTypeDescription {
	return NodeHelpers.getVersionedNodeType(nodeType, version).description;
}

/** Default version n8n would pick for a new node: `defaultVersion`, else the highest listed. */
export function defaultVersionOf(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) {
		return (
			nodeType.description.defaultVersion ??
			Math.max(...Object.keys(nodeType.nodeVersions).map(Number))
		);
	}
	const { version, defaultVersion } = nodeType.description;
	if (defaultVersion !== undefined) return defaultVersion;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** Default type name of a node under test: its `description.name`. */
export function defaultTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return nodeType.description.name;
}
