import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/** Commerce's permission table (behaviour 7): every principal of the tenant sells and keeps stock. */
export const permissions: PermissionTable = {
  createProduct: EVERY_PRINCIPAL,
  addVariant: EVERY_PRINCIPAL,
  setVariantPrice: EVERY_PRINCIPAL,
  createStockLocation: EVERY_PRINCIPAL,
  receiveStock: EVERY_PRINCIPAL,
  adjustStock: EVERY_PRINCIPAL,
  placeOrder: EVERY_PRINCIPAL,
  confirmOrder: EVERY_PRINCIPAL,
  fulfillOrder: EVERY_PRINCIPAL,
  cancelOrder: EVERY_PRINCIPAL,
  returnOrder: EVERY_PRINCIPAL,
};
