import { BinaryItem } from '../../../shared/operation';
import { requireText } from '../../../shared/input';
import { type GumroadOperation, SCOPE } from '../../helpers';
import { yearParam, yearProperty } from '../earnings/common';

/** UserTaxForm::TAX_FORM_TYPES */
const TAX_FORM_TYPES = [
	{ name: '1099-K', value: 'us_1099_k' },
	{ name: '1099-MISC', value: 'us_1099_misc' },
];

/**
 * GET /v2/tax_forms/:year/:tax_form_type/download (antiwork/gumroad Api::V2::TaxFormsController#download;
 * view_tax_data): the PDF itself (send_file, `attachment; filename="1099-K-2025.pdf"`), 404 "Tax form
 * not found." for a form the account does not have.
 */
export const downloadTaxForm: GumroadOperation = {
	resource: 'taxForm',
	value: 'download',
	name: 'Download',
	action: 'Download a tax form',
	description: "Download the PDF of one of the account's tax forms, as binary data",
	properties: [
		yearProperty('The tax year of the form (a past year)', true),
		{ displayName: 'Tax Form Type', name: 'taxFormType', type: 'options', options: TAX_FORM_TYPES, default: 'us_1099_k' },
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the output binary field to put the PDF in',
		},
	],
	prepare(item) {
		const year = yearParam(item, item.param('year'), false) as number;
		const type = requireText(item.node, item.itemIndex, 'Tax Form Type', item.param('taxFormType'));
		const property = requireText(item.node, item.itemIndex, 'Put Output File in Field', item.param('binaryPropertyName', 'data'));
		return async () => {
			const path = `/v2/tax_forms/${year}/${encodeURIComponent(type)}/download`;
			const file = await item.client.download({ method: 'GET', path, itemIndex: item.itemIndex, scope: SCOPE.viewTaxData });
			// The name Gumroad's controller gives the file, when its answer does not say.
			const fileName = file.fileName ?? `${type.replace(/^us_/, '').replace(/_/g, '-').toUpperCase()}-${year}.pdf`;
			// Gumroad sends every form as application/pdf; storage behind a redirect may say octet-stream.
			const binary = await item.ctx.helpers.prepareBinaryData(file.data, fileName, 'application/pdf');
			return new BinaryItem({ tax_year: year, tax_form_type: type, file_name: fileName, file_size: file.data.length }, { [property]: binary });
		};
	},
};
