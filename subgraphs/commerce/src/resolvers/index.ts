import { money, scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

/** A row that must exist because a foreign key says so; its absence is a bug, not a user error. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} not found`);
  return value;
}

export const resolvers: Resolvers = {
  Decimal: scalarResolvers.Decimal,
  DateTime: scalarResolvers.DateTime,
  Query: {
    products: (_p, args, c) => bound(c).catalog.listProducts(args),
    product: (_p, { id }, c) => bound(c).catalog.getProduct(id),
    variants: (_p, args, c) => bound(c).catalog.listVariants(args),
    variant: (_p, { id }, c) => bound(c).catalog.getVariant(id),
    stockLocations: (_p, args, c) => bound(c).stock.listLocations(args),
    stockLocation: (_p, { id }, c) => bound(c).stock.getLocation(id),
    stockLevels: (_p, args, c) => bound(c).stock.listLevels(args),
    stockMovements: (_p, args, c) => bound(c).stock.listMovements(args),
    orders: (_p, args, c) => bound(c).orders.list(args),
    order: (_p, { id }, c) => bound(c).orders.get(id),
  },
  Mutation: {
    createProduct: (_p, { input }, c) => bound(c).catalog.createProduct(input),
    addVariant: (_p, { input }, c) => bound(c).catalog.addVariant(input),
    setVariantPrice: (_p, { input }, c) => bound(c).catalog.setVariantPrice(input),
    createStockLocation: (_p, { input }, c) => bound(c).stock.createLocation(input),
    receiveStock: (_p, { input }, c) => bound(c).stock.receive(input),
    adjustStock: (_p, { input }, c) => bound(c).stock.adjust(input),
    placeOrder: (_p, { input }, c) => bound(c).orders.place(input),
    confirmOrder: (_p, { input }, c) => bound(c).orders.confirm(input),
    fulfillOrder: (_p, { input }, c) => bound(c).orders.fulfill(input),
    cancelOrder: (_p, { input }, c) => bound(c).orders.cancel(input),
    returnOrder: (_p, { input }, c) => bound(c).orders.return(input),
  },
  Contact: {
    __resolveReference: (reference) => ({ id: reference.id }),
    orders: (contact, _args, c) => bound(c).loaders.ordersByContactId.load(contact.id),
  },
  Product: {
    __resolveReference: (reference, c) => bound(c).loaders.productById.load(reference.id),
    variants: (product, _args, c) => bound(c).loaders.variantsByProductId.load(product.id),
  },
  ProductVariant: {
    __resolveReference: (reference, c) => bound(c).loaders.variantById.load(reference.id),
    product: async (variant, _args, c) =>
      required(await bound(c).loaders.productById.load(variant.productId), `product ${variant.productId}`),
    options: (variant) => variant.options as { name: string; value: string }[],
    prices: async (variant, _args, c) =>
      (await bound(c).loaders.pricesByVariantId.load(variant.id)).map((price) => money(price.amount.toFixed(), price.currency)),
    price: async (variant, { currency }, c) => {
      const price = (await bound(c).loaders.pricesByVariantId.load(variant.id)).find((p) => p.currency === currency);
      return price ? money(price.amount.toFixed(), price.currency) : null;
    },
    stock: (variant, _args, c) => bound(c).loaders.levelsByVariantId.load(variant.id),
  },
  StockLocation: {
    __resolveReference: (reference, c) => bound(c).loaders.locationById.load(reference.id),
    stock: (location, _args, c) => bound(c).loaders.levelsByLocationId.load(location.id),
  },
  StockLevel: {
    variant: async (level, _args, c) => required(await bound(c).loaders.variantById.load(level.variantId), `variant ${level.variantId}`),
    location: async (level, _args, c) =>
      required(await bound(c).loaders.locationById.load(level.locationId), `location ${level.locationId}`),
    available: (level) => level.onHand - level.reserved,
  },
  StockMovement: {
    variant: async (m, _args, c) => required(await bound(c).loaders.variantById.load(m.variantId), `variant ${m.variantId}`),
    location: async (m, _args, c) => required(await bound(c).loaders.locationById.load(m.locationId), `location ${m.locationId}`),
    order: (m, _args, c) => (m.orderId ? bound(c).loaders.orderById.load(m.orderId) : null),
  },
  Order: {
    __resolveReference: (reference, c) => bound(c).loaders.orderById.load(reference.id),
    contact: (order) => (order.contactId ? { id: order.contactId } : null),
    location: async (order, _args, c) =>
      required(await bound(c).loaders.locationById.load(order.locationId), `location ${order.locationId}`),
    lines: (order, _args, c) => bound(c).loaders.linesByOrderId.load(order.id),
    total: (order) => money(order.total.toFixed(), order.currency),
  },
  OrderLine: {
    variant: async (line, _args, c) => required(await bound(c).loaders.variantById.load(line.variantId), `variant ${line.variantId}`),
    unitPrice: async (line, _args, c) =>
      money(line.unitPrice.toFixed(), required(await bound(c).loaders.orderById.load(line.orderId), 'order').currency),
    lineTotal: async (line, _args, c) =>
      money(line.lineTotal.toFixed(), required(await bound(c).loaders.orderById.load(line.orderId), 'order').currency),
  },
};
