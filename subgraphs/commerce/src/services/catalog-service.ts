import type { TenantScope } from '@tessera/prisma';
import { type Connection, errorsOf, isUuid, listPage, searchText, type UserError } from '@tessera/service-kit';
import type { Product, Variant } from '../generated/prisma/client.js';
import type {
  AddVariantInput,
  CreateProductInput,
  QueryProductsArgs,
  QueryVariantsArgs,
  SetVariantPriceInput,
} from '../generated/graphql.js';
import type { CommerceTx } from '../db.js';
import type { CommerceLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { notFound, refuse, skuTaken } from '../errors.js';
import { checkOptionalText, checkOptions, checkPrice, checkText } from '../domain/fields.js';
import { idFilter } from './listing.js';
import type { CommerceEvents } from '../events/commerce-events.js';

export interface ProductPayload {
  product: Product | null;
  userErrors: UserError[];
}

export interface VariantPayload {
  variant: Variant | null;
  userErrors: UserError[];
}

/** The catalogue: products, their variants and the variants' prices per currency. */
export class CatalogService {
  constructor(
    private readonly scope: TenantScope<CommerceTx>,
    private readonly r: Repositories,
    private readonly loaders: CommerceLoaders,
    private readonly events: CommerceEvents,
  ) {}

  getProduct = (id: string) => this.loaders.productById.load(id);
  getVariant = (id: string) => this.loaders.variantById.load(id);

  listProducts(args: QueryProductsArgs): Promise<Connection<Product>> {
    const search = searchText(args.filter?.search);
    return listPage(args, (window) => this.scope.run((tx) => this.r.products.page(tx, window, search)));
  }

  listVariants(args: QueryVariantsArgs): Promise<Connection<Variant>> {
    const search = searchText(args.filter?.search);
    const productId = idFilter(args.filter?.productId);
    return listPage(args, (window) => this.scope.run((tx) => this.r.variants.page(tx, window, { productId, search })));
  }

  async createProduct(input: CreateProductInput): Promise<ProductPayload> {
    const name = checkText(input.name, ['input', 'name'], 200, 'The name');
    const description = checkOptionalText(input.description, ['input', 'description'], 5000, 'The description');
    if (!name.ok || !description.ok) return { product: null, userErrors: errorsOf(name, description) };
    const product = await this.scope.run((tx) => this.r.products.create(tx, { name: name.value!, description: description.value }));
    return { product, userErrors: [] };
  }

  async addVariant(input: AddVariantInput): Promise<VariantPayload> {
    const sku = checkText(input.sku, ['input', 'sku'], 64, 'The SKU');
    const name = checkText(input.name, ['input', 'name'], 200, 'The name');
    const options = checkOptions(input.options, ['input', 'options']);
    const prices = (input.prices ?? []).map((price, index) => checkPrice(price, ['input', 'prices', String(index)]));
    const errors = [
      ...(isUuid(input.productId) ? [] : [notFound('product', ['input', 'productId'])]),
      ...errorsOf(sku, name, options, ...prices),
    ];
    const currencies = prices.flatMap((price) => (price.ok ? [price.value.currency] : []));
    const repeated = currencies.findIndex((currency, index) => currencies.indexOf(currency) !== index);
    if (repeated >= 0) errors.push(refuse('INVALID', 'At most one price per currency', ['input', 'prices', String(repeated)]));
    if (errors.length > 0 || !sku.ok || !name.ok || !options.ok) return { variant: null, userErrors: errors };
    const result = await this.scope
      .run(async (tx): Promise<UserError | Variant> => {
        if (!(await this.r.products.exists(tx, input.productId))) return notFound('product', ['input', 'productId']);
        if (await this.r.variants.skuTaken(tx, sku.value!)) return skuTaken();
        const variant = await this.r.variants.create(tx, {
          productId: input.productId,
          sku: sku.value!,
          name: name.value!,
          options: options.value,
        });
        for (const price of prices)
          if (price.ok) await this.r.prices.set(tx, variant.id, price.value.currency, price.value.amount.toFixed());
        await this.announce(tx, variant);
        return variant;
      })
      .catch((error: unknown) => {
        // Two concurrent additions of one SKU: the unique index refuses the second.
        if ((error as { code?: string }).code === 'P2002') return skuTaken();
        throw error;
      });
    return 'code' in result ? { variant: null, userErrors: [result] } : { variant: result, userErrors: [] };
  }

  async setVariantPrice(input: SetVariantPriceInput): Promise<VariantPayload> {
    const price = checkPrice(input.price, ['input', 'price']);
    const errors = [...(isUuid(input.variantId) ? [] : [notFound('variant', ['input', 'variantId'])]), ...errorsOf(price)];
    if (errors.length > 0 || !price.ok) return { variant: null, userErrors: errors };
    const variant = await this.scope.run(async (tx) => {
      const [found] = await this.r.variants.findByIds(tx, [input.variantId]);
      if (!found) return null;
      await this.r.prices.set(tx, found.id, price.value.currency, price.value.amount.toFixed());
      const touched = await this.r.variants.touch(tx, found.id);
      await this.announce(tx, touched);
      return touched;
    });
    if (!variant) return { variant: null, userErrors: [notFound('variant', ['input', 'variantId'])] };
    this.loaders.pricesByVariantId.clear(variant.id);
    this.loaders.variantById.clear(variant.id).prime(variant.id, variant);
    return { variant, userErrors: [] };
  }

  /** commerce.variant.changed, in the change's transaction: the till's copy of the catalogue follows it. */
  private async announce(tx: CommerceTx, variant: Variant): Promise<void> {
    const [product] = await this.r.products.findByIds(tx, [variant.productId]);
    const prices = await this.r.prices.listByVariantIds(tx, [variant.id]);
    await this.events.variantChanged(tx, product!, variant, prices);
  }
}
