import { beforeEach } from 'vitest';

import { resetSharedCustomFieldLists } from '../../nodes/HighLevelContacts/customFields';

// A test's double starts each test with new custom field IDs: a list another test read is not
// this location's list, as it would not be within one minute in a real n8n.
beforeEach(() => resetSharedCustomFieldLists());
