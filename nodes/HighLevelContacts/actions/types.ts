import type { Operation, OperationItem } from '../../shared/operation';
import type { HighLevelClient } from '../../shared/highlevel/transport';
import type { LocationCustomFields } from '../customFields';

export type HighLevelResource = 'contact' | 'task' | 'note' | 'tag';

/** One input item with the client of its sub-account and that sub-account's custom fields. */
export interface HighLevelItem extends OperationItem<HighLevelClient> {
	customFields: LocationCustomFields;
}

export interface HighLevelOperation extends Operation<HighLevelItem, HighLevelResource> {
	/** `operationId`s of `apps/contacts.json` that this operation covers. */
	specOperationIds: string[];
}
