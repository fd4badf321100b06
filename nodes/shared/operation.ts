import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executePerItem, type PerItemOptions, type SendItem } from './executePerItem';
import { locatorValue, pathSegment, type PathSegmentOptions } from './input';
import type { DescribedOperation } from './operationProperties';

export { BinaryItem, type SendItem } from './executePerItem';

/** What an operation gets for one input item; a node adds its client (and what else it needs). */
export interface OperationItem<Client> {
	ctx: IExecuteFunctions;
	node: INode;
	itemIndex: number;
	client: Client;
	/** The node parameter of this item (with its default when unset). */
	param<T = unknown>(name: string, fallback?: T): T;
}

/** The part of an item that is the same in every node. */
export type ItemBase = Omit<OperationItem<never>, 'client'>;

/** The item's ID parameter `name` (labelled `field` in the panel) as one segment of a request path. */
export function idSegment(item: ItemBase, name: string, field: string, options?: PathSegmentOptions): string {
	return pathSegment(item.node, item.itemIndex, field, item.param(name), options);
}

/** An operation of an action node: its description, and the preparation of one item's request(s). */
export interface Operation<Item, Resource extends string = string> extends DescribedOperation {
	resource: Resource;
	/** Reads and checks the item's parameters, throwing before anything is sent for it. */
	prepare(item: Item): SendItem | Promise<SendItem>;
}

/** How a node runs the operation picked: each item's context, and how items are paced. */
export interface OperationRun<Item> extends PerItemOptions {
	item(base: ItemBase): Item;
	/**
	 * The parameters that are resource locators, with the field's label and what a By URL should be
	 * the address of: an item reads them as the ID they hold, and a URL n8n cannot read is refused
	 * as that item's bad input.
	 */
	locator?(name: string): { field: string; page: string } | undefined;
}

/**
 * The router of the action nodes: picks the operation the Resource and Operation parameters name,
 * lets the node set up its run (clients are made once per execution, after the operation is known
 * to exist), then hands each item to the operation in the one per-item loop.
 */
export async function routeOperation<Item, O extends Operation<Item>>(
	ctx: IExecuteFunctions,
	operations: O[],
	setUp: (operation: O) => OperationRun<Item> | Promise<OperationRun<Item>>,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const value = ctx.getNodeParameter('operation', 0) as string;
	const operation = operations.find((candidate) => candidate.resource === resource && candidate.value === value);
	if (!operation) throw new NodeOperationError(ctx.getNode(), `Unsupported operation "${value}" of "${resource}"`);
	const { item, locator, ...options } = await setUp(operation);
	const node = ctx.getNode();
	const param = (itemIndex: number, name: string, fallback?: unknown) => {
		const locatorOf = locator?.(name);
		return locatorOf ? locatorValue(ctx, itemIndex, name, locatorOf.field, locatorOf.page, fallback) : ctx.getNodeParameter(name, itemIndex, fallback);
	};
	return await executePerItem(
		ctx,
		(itemIndex) => operation.prepare(item({ ctx, node, itemIndex, param: <T>(name: string, fallback?: T) => param(itemIndex, name, fallback) as T })),
		options,
	);
}
