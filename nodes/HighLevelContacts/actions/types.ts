import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import type { HighLevelClient } from '../../shared/highlevel/transport';
import type { LocationCustomFields } from '../customFields';

export type HighLevelResource = 'contact' | 'task' | 'note' | 'tag';

/** What an operation gets for one input item. */
export interface ItemContext {
	ctx: IExecuteFunctions;
	node: INode;
	itemIndex: number;
	client: HighLevelClient;
	customFields: LocationCustomFields;
	/** The node parameter of this item (with its default when unset). */
	param<T = unknown>(name: string, fallback?: T): T;
}

export type { SendItem } from '../../shared/executePerItem';
import type { SendItem } from '../../shared/executePerItem';

export interface HighLevelOperation {
	resource: HighLevelResource;
	/** Parameter value of the operation. */
	value: string;
	name: string;
	action: string;
	description: string;
	/** `operationId`s of `apps/contacts.json` that this operation covers. */
	specOperationIds: string[];
	/** Fields of this operation; `displayOptions` for resource and operation are added for it. */
	properties: INodeProperties[];
	/** Reads and checks the item's parameters, throwing before any write is sent. */
	prepare(item: ItemContext): SendItem | Promise<SendItem>;
}
