import { beforeEach } from 'vitest';

import { resetSharedCustomFieldLists } from '../../nodes/HighLevelContacts/customFields';
import { resetSubAccountTokens } from '../../nodes/shared/highlevel/subAccountTokens';

// A test's double starts each test with new custom field IDs: a list another test read is not
// this location's list, as it would not be within one minute in a real n8n.
beforeEach(() => {
	resetSharedCustomFieldLists();
	// Sub-account tokens are kept per agency token, which each test's double issues anew; cleared all the same.
	resetSubAccountTokens();
});
