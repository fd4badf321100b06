import { type GumroadOperation, withLocatorFields } from '../helpers';
import { createCustomField } from './customField/create';
import { deleteCustomField } from './customField/delete';
import { getManyCustomFields } from './customField/getAll';
import { updateCustomField } from './customField/update';
import { getEarnings } from './earnings/get';
import { createEmail } from './email/create';
import { deleteEmail } from './email/delete';
import { getEmail } from './email/get';
import { getManyEmails } from './email/getAll';
import { sendEmailPreview } from './email/preview';
import { scheduleEmail } from './email/schedule';
import { sendEmail } from './email/send';
import { unscheduleEmail } from './email/unschedule';
import { uploadFile } from './file/upload';
import { licenseKeyOperations } from './license/keys';
import { verifyLicense } from './license/verify';
import { createOfferCode } from './offerCode/create';
import { deleteOfferCode } from './offerCode/delete';
import { getOfferCode } from './offerCode/get';
import { getManyOfferCodes } from './offerCode/getAll';
import { updateOfferCode } from './offerCode/update';
import { getPayout } from './payout/get';
import { getManyPayouts } from './payout/getAll';
import { getUpcomingPayouts } from './payout/getUpcoming';
import { createProduct } from './product/create';
import { deleteProduct } from './product/delete';
import { enableDisableProduct } from './product/enableDisable';
import { getProduct } from './product/get';
import { getManyProducts } from './product/getAll';
import { updateProduct } from './product/update';
import { exportSales } from './sale/export';
import { getSale } from './sale/get';
import { getManySales } from './sale/getAll';
import { getSalesSummary } from './sale/getSummary';
import { markSaleAsShipped } from './sale/markAsShipped';
import { refundSale } from './sale/refund';
import { resendSaleReceipt } from './sale/resendReceipt';
import { getManySkus } from './sku/getAll';
import { getSubscriber } from './subscriber/get';
import { getManySubscribers } from './subscriber/getAll';
import { downloadTaxForm } from './taxForm/download';
import { getManyTaxForms } from './taxForm/getAll';
import { createUpsell } from './upsell/create';
import { deleteUpsell } from './upsell/delete';
import { getUpsell } from './upsell/get';
import { getManyUpsells } from './upsell/getAll';
import { updateUpsell } from './upsell/update';
import { updateUser } from './user/update';
import { getUser } from './user/get';
import { variantOperations } from './variant/crud';
import { variantCategoryOperations } from './variantCategory/crud';

/**
 * Every operation of the node, each in `actions/<resource>/<operation>.ts`. The order is the one the
 * node's fields have always been listed in: saved workflows and the editor see the same description.
 */
export const gumroadOperations: GumroadOperation[] = [
	getSale,
	getManySales,
	getProduct,
	getManyProducts,
	getManySubscribers,
	getUser,
	verifyLicense,
	markSaleAsShipped,
	refundSale,
	resendSaleReceipt,
	getSalesSummary,
	exportSales,
	...enableDisableProduct,
	deleteProduct,
	createProduct,
	updateProduct,
	getManyCustomFields,
	createCustomField,
	updateCustomField,
	deleteCustomField,
	...variantCategoryOperations,
	...variantOperations,
	getManyOfferCodes,
	getOfferCode,
	createOfferCode,
	updateOfferCode,
	deleteOfferCode,
	getSubscriber,
	...licenseKeyOperations,
	getManyPayouts,
	getPayout,
	updateUser,
	getManySkus,
	getManyEmails,
	getEmail,
	createEmail,
	deleteEmail,
	sendEmailPreview,
	sendEmail,
	scheduleEmail,
	unscheduleEmail,
	getManyUpsells,
	getUpsell,
	createUpsell,
	updateUpsell,
	deleteUpsell,
	getEarnings,
	getManyTaxForms,
	downloadTaxForm,
	getUpcomingPayouts,
	uploadFile,
].map(withLocatorFields);
