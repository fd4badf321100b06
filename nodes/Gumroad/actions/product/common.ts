import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { invalidInput } from '../../../shared/input';
import { booleanForm, editProducts, get, type GumroadItem, limitOrNone, optionalText, send, wholeNumber } from '../../helpers';

export const productOf = (response: IDataObject) => normaliseGumroadRecord('product', response.product as IDataObject);

/** A collection's options in the alphabetical order n8n's lint wants. */
export const byName = (fields: INodeProperties[]) => [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Product fields both writes send; Gumroad takes each only when present (`params.key?`). */
export const productFields: INodeProperties[] = [
	{ displayName: 'Currency', name: 'price_currency_type', type: 'string', default: '', placeholder: 'usd', description: "ISO code of the price's currency; on create, your account currency when empty" },
	{ displayName: 'Custom Permalink', name: 'custom_permalink', type: 'string', default: '', placeholder: 'my-ebook', description: 'The end of the product URL (…/l/my-ebook)' },
	{ displayName: 'Custom Summary', name: 'custom_summary', type: 'string', default: '', description: 'What the buyer gets, shown next to the buy button' },
	{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'HTML shown on the product page' },
	{ displayName: 'Max Purchase Count', name: 'max_purchase_count', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'How many can be sold; 0 for no limit (on update, 0 removes the limit)' },
	{ displayName: 'Pay What You Want', name: 'customizable_price', type: 'boolean', default: false, description: 'Whether buyers may pay more than the price' },
	{ displayName: 'Suggested Price (Cents)', name: 'suggested_price_cents', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'Amount suggested to buyers of a pay-what-you-want product, in cents' },
];

export const priceProperty = (required: boolean): INodeProperties => ({
	displayName: 'Price (Cents)',
	name: 'price',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	required,
	default: 0,
	description: "In the smallest unit of the product's currency (500 = $5.00); 0 for a free product",
});

export const publishProperty = (displayName: string, description: string): INodeProperties => ({
	displayName,
	name: 'published',
	type: 'boolean',
	default: true,
	description,
});

/** The fields of a product write given in `fields`, checked and put as Gumroad reads them. */
export function productForm(item: GumroadItem, fields: IDataObject, update: boolean): IDataObject {
	const node = item.node;
	const form: IDataObject = {};
	for (const key of ['custom_permalink', 'custom_summary', 'description', 'custom_receipt', 'name']) {
		if (fields[key] === undefined) continue;
		const text = optionalText(fields[key]);
		if (key === 'name' && !text) throw invalidInput(node, item.itemIndex, 'Name', 'is required and must not be empty');
		if (text !== undefined || update) form[key] = text ?? '';
	}
	if (typeof form.custom_permalink === 'string' && form.custom_permalink && !/^[A-Za-z0-9_-]+$/.test(form.custom_permalink)) {
		throw invalidInput(node, item.itemIndex, 'Custom Permalink', `"${form.custom_permalink}" may contain only letters, digits, "-" and "_"`);
	}
	const currency = optionalText(fields.price_currency_type);
	if (currency !== undefined) {
		if (!/^[A-Za-z]{3}$/.test(currency)) throw invalidInput(node, item.itemIndex, 'Currency', `"${currency}" is not a three-letter ISO currency code`);
		form.price_currency_type = currency.toLowerCase();
	}
	if (fields.price !== undefined && fields.price !== '') form.price = wholeNumber(item, fields.price, 'Price (Cents)', { min: 0, unit: ' of cents' });
	if (fields.customizable_price !== undefined) form.customizable_price = booleanForm(fields.customizable_price);
	if (fields.suggested_price_cents !== undefined && fields.suggested_price_cents !== '') {
		form.suggested_price_cents = wholeNumber(item, fields.suggested_price_cents, 'Suggested Price (Cents)', { min: 0, unit: ' of cents' });
	}
	if (fields.max_purchase_count !== undefined && fields.max_purchase_count !== '') {
		// Rails casts "" to nil, Gumroad's "no limit"; on create, leaving it out is nil.
		const max = limitOrNone(item, fields.max_purchase_count, 'Max Purchase Count');
		if (update || max !== '') form.max_purchase_count = max;
	}
	return form;
}

/** Publish (PUT …/enable) or unpublish (…/disable) after a write, when asked: Gumroad creates drafts. */
export async function setPublished(item: GumroadItem, id: string, published: unknown, product: IDataObject): Promise<IDataObject> {
	if (published === undefined || published === product.published) return product;
	const path = `/v2/products/${encodeURIComponent(id)}/${published === true ? 'enable' : 'disable'}`;
	return (await send(item, 'PUT', path, editProducts)).product as IDataObject;
}

/** The product with Gumroad's `warning` (offer codes the new price or currency invalidates), when it gave one. */
export const withWarning = (response: IDataObject) => ({ ...productOf(response), ...(typeof response.warning === 'string' ? { warning: response.warning } : {}) });

/**
 * The Files option of a product write: files uploaded with File > Upload, by the `file_url` it
 * output, which Gumroad reads as `files[][url]`; on update also the product's own files, by ID.
 */
export function filesProperty(update: boolean): INodeProperties {
	const values: INodeProperties[] = [
		{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Text shown with the file' },
		{ displayName: 'Display Name', name: 'display_name', type: 'string', default: '', description: 'Name buyers see; Gumroad names it after the file when empty' },
		{ displayName: 'File URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. {{ $json.file_url }}', description: 'The file_url File > Upload output for the file' },
	];
	if (update) {
		values.splice(2, 0, {
			displayName: 'File ID',
			name: 'id',
			type: 'string',
			default: '',
			description: "ID of one of the product's files (as Product > Get lists them), to keep it: alone, or with the File URL Upload gave for it to change its name or description",
		});
	}
	return {
		displayName: 'Files',
		name: 'files',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File',
		default: {},
		description: update
			? "Files to attach (or keep); the product's other files are kept unless Remove Other Files is on"
			: 'Files uploaded with File > Upload to attach to the product',
		options: [{ displayName: 'File', name: 'file', values }],
	};
}

export const removeOtherFilesProperty: INodeProperties = {
	displayName: 'Remove Other Files',
	name: 'remove_other_files',
	type: 'boolean',
	default: false,
	description: "Whether to remove the product's files not listed in Files (all of them when Files lists none)",
};

/** The Files entries as Gumroad's `files` reads them, checked; undefined when the option is not set. */
export function productFiles(item: GumroadItem, value: unknown, update: boolean): IDataObject[] | undefined {
	if (value === undefined) return undefined;
	const entries = ((value as IDataObject).file as IDataObject[] | undefined) ?? [];
	return entries.map((entry, index) => {
		const field = (name: string) => `Files > File ${index + 1} > ${name}`;
		const file: IDataObject = {};
		const id = update ? optionalText(entry.id) : undefined;
		const url = optionalText(entry.url);
		if (id) file.id = id;
		if (url) {
			if (!/^https?:\/\/\S+$/.test(url)) throw invalidInput(item.node, item.itemIndex, field('File URL'), `"${url}" is not a URL`);
			file.url = url;
		} else if (!id) {
			throw invalidInput(item.node, item.itemIndex, field('File URL'), update ? 'or File ID is required' : 'is required: the file_url of File > Upload');
		}
		for (const key of ['display_name', 'description']) {
			const text = optionalText(entry[key]);
			if (text !== undefined) file[key] = text;
		}
		// Gumroad refuses a change to a file it has without the URL it was uploaded to.
		if (id && !url && Object.keys(file).length > 1) {
			throw invalidInput(item.node, item.itemIndex, field('File URL'), 'is required to change the name or description of a file the product has (the file_url Upload gave for it)');
		}
		return file;
	});
}

/**
 * The `files` an update sends: Gumroad replaces the product's files with the list, so the files
 * it has are listed first, by ID (which keeps them as they are), unless they are to go.
 */
export async function filesToSend(item: GumroadItem, path: string, files: IDataObject[], removeOthers: boolean): Promise<IDataObject[]> {
	if (removeOthers) return files;
	const listed = new Set(files.map((file) => file.id));
	const current = ((await get(item, path)).product as IDataObject | undefined)?.files as IDataObject[] | undefined;
	const kept = (current ?? []).filter((file) => !listed.has(file.id)).map((file) => ({ id: file.id }));
	return [...kept, ...files];
}
