import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, listOperation } from '../../helpers';
import { normaliseUpsell } from './common';

export const getManyUpsells: GumroadOperation = {
	resource: 'upsell',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many upsells',
	description: 'List your upsells and cross-sells',
	properties: returnAllProperties(),
	prepare: (item) => listOperation(item, '/v2/upsells', 'upsells', normaliseUpsell),
};
