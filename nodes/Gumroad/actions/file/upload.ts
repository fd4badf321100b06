import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { authenticatedRequest } from '../../../shared/authenticatedRequest';
import { invalidInput, requireText } from '../../../shared/input';
import { type GumroadItem, type GumroadOperation, optionalText, SCOPE, send } from '../../helpers';

interface PresignedPart {
	part_number: number;
	presigned_url: string;
}

interface Upload {
	upload_id: string;
	key: string;
}

/** Aborting again while Gumroad answers `accepted`: parts in flight may still land; `already_gone` ends it. */
const MAX_ABORTS = 3;

/**
 * The bytes of each presigned part. Gumroad presigns one URL per 100 MB; the bytes are split evenly
 * over the URLs it gave instead, which S3 accepts (every part but the last at least 5 MB) and which
 * does not depend on Gumroad's part size staying what it is.
 */
function partBytes(data: Buffer, count: number, index: number): Buffer {
	const size = Math.ceil(data.length / count);
	return data.subarray(index * size, Math.min(data.length, (index + 1) * size));
}

/** One part PUT to its presigned URL, without the Gumroad token (S3 signs the URL itself); its ETag. */
async function putPart(item: GumroadItem, part: PresignedPart, bytes: Buffer): Promise<string> {
	const options: IHttpRequestOptions = { method: 'PUT', url: part.presigned_url, body: bytes, headers: { 'Content-Type': 'application/octet-stream' } };
	const answer = await authenticatedRequest(item.ctx, undefined, options);
	const refused = (why: string) =>
		new NodeOperationError(item.node, `Gumroad's file storage did not take part ${part.part_number} of the upload: ${why}`, {
			itemIndex: item.itemIndex,
			description: 'The upload was aborted; nothing was attached. Run it again: a new upload starts with new part URLs (they expire after 15 minutes).',
		});
	if (answer.statusCode === undefined) throw refused(answer.message);
	if (answer.statusCode >= 300) throw refused(`HTTP ${answer.statusCode}`);
	const etag = answer.headers.etag ?? answer.headers.ETag;
	if (typeof etag !== 'string' || !etag) throw refused('its answer has no ETag');
	return etag;
}

/** POST /v2/files/abort until Gumroad says the upload is gone; its refusals are not the error the user needs. */
async function abortUpload(item: GumroadItem, upload: Upload): Promise<void> {
	for (let attempt = 0; attempt < MAX_ABORTS; attempt++) {
		try {
			const answer = await send(item, 'POST', '/v2/files/abort', { form: { upload_id: upload.upload_id, key: upload.key }, scope: SCOPE.editProducts });
			if (answer.status !== 'accepted') return;
		} catch {
			return;
		}
	}
}

/**
 * POST /v2/files/presign, PUT of each part to S3, POST /v2/files/complete (antiwork/gumroad
 * Api::V2::FilesController#presign, #complete, #abort; edit_products), aborted when a step fails.
 */
export const uploadFile: GumroadOperation = {
	resource: 'file',
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description: "Upload a file of the item's binary data to Gumroad (up to 20 GB), for a product's files",
	properties: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field holding the file',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: "Name of the file at Gumroad (e.g. course.pdf); the binary data's file name when empty",
				},
			],
		},
	],
	prepare(item) {
		const node = item.node;
		const property = requireText(node, item.itemIndex, 'Input Binary Field', item.param('binaryPropertyName', 'data'));
		const binary = item.ctx.helpers.assertBinaryData(item.itemIndex, property);
		const fileName = optionalText(item.param<IDataObject>('options', {}).fileName) ?? optionalText(binary.fileName);
		if (!fileName) throw invalidInput(node, item.itemIndex, 'Options > File Name', 'is required: the binary data has no file name');
		return async () => {
			const data = await item.ctx.helpers.getBinaryDataBuffer(item.itemIndex, property);
			if (!data.length) throw invalidInput(node, item.itemIndex, 'Input Binary Field', `"${property}" is an empty file`);
			const presigned = await send(item, 'POST', '/v2/files/presign', { form: { filename: fileName, file_size: data.length }, scope: SCOPE.editProducts });
			const upload = { upload_id: String(presigned.upload_id), key: String(presigned.key) };
			const parts = (presigned.parts as unknown as PresignedPart[] | undefined) ?? [];
			let completed: IDataObject | undefined;
			try {
				const etags: IDataObject[] = [];
				// One part at a time: a part is up to 100 MB, and the items already run side by side.
				for (const [index, part] of parts.entries()) {
					etags.push({ part_number: part.part_number, etag: await putPart(item, part, partBytes(data, parts.length, index)) });
				}
				// JSON: `parts` is a list of hashes, which a form would send indexed and Gumroad not read.
				completed = await send(item, 'POST', '/v2/files/complete', { json: { ...upload, parts: etags }, scope: SCOPE.editProducts });
			} finally {
				// The step's own error goes on to the user; the abort only frees Gumroad's storage.
				if (!completed) await abortUpload(item, upload);
			}
			return { file_url: completed.file_url, key: upload.key, file_name: fileName, file_size: data.length, parts: parts.length };
		};
	},
};
