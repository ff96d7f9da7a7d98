import type { TenantScope } from '@tessera/prisma';
import { type Connection, errorsOf, isUuid, listPage, type UserError } from '@tessera/service-kit';
import type { StockLevel, StockLocation, StockMovement } from '../generated/prisma/client.js';
import type {
  AdjustStockInput,
  CreateStockLocationInput,
  QueryStockLevelsArgs,
  QueryStockLocationsArgs,
  QueryStockMovementsArgs,
  ReceiveStockInput,
} from '../generated/graphql.js';
import type { CommerceTx } from '../db.js';
import type { CommerceLoaders } from '../loaders.js';
import type { Repositories, MovementData } from '../repositories/index.js';
import { locationNameTaken, notFound, refuse } from '../errors.js';
import { checkAdjustment, checkOptionalText, checkQuantity, checkText, nameKey } from '../domain/fields.js';
import type { CommerceEvents } from '../events/commerce-events.js';
import { idFilter } from './listing.js';

export const MAX_UNITS = 1_000_000;

export interface StockLocationPayload {
  stockLocation: StockLocation | null;
  userErrors: UserError[];
}

export interface StockMovementPayload {
  movement: StockMovement | null;
  stockLevel: StockLevel | null;
  userErrors: UserError[];
}

/** Stock locations and the movements that change their stock (receipts and adjustments here). */
export class StockService {
  constructor(
    private readonly scope: TenantScope<CommerceTx>,
    private readonly r: Repositories,
    private readonly loaders: CommerceLoaders,
    private readonly events: CommerceEvents,
  ) {}

  getLocation = (id: string) => this.loaders.locationById.load(id);

  listLocations(args: QueryStockLocationsArgs): Promise<Connection<StockLocation>> {
    return listPage(args, (window) => this.scope.run((tx) => this.r.locations.page(tx, window)));
  }

  listLevels(args: QueryStockLevelsArgs): Promise<Connection<StockLevel>> {
    const filter = { variantId: idFilter(args.filter?.variantId), locationId: idFilter(args.filter?.locationId) };
    return listPage(args, (window) => this.scope.run((tx) => this.r.levels.page(tx, window, filter)));
  }

  listMovements(args: QueryStockMovementsArgs): Promise<Connection<StockMovement>> {
    const filter = {
      variantId: idFilter(args.filter?.variantId),
      locationId: idFilter(args.filter?.locationId),
      orderId: idFilter(args.filter?.orderId),
    };
    return listPage(args, (window) => this.scope.run((tx) => this.r.movements.page(tx, window, filter)));
  }

  async createLocation(input: CreateStockLocationInput): Promise<StockLocationPayload> {
    const name = checkText(input.name, ['input', 'name'], 200, 'The name');
    if (!name.ok) return { stockLocation: null, userErrors: name.errors };
    const result = await this.scope
      .run(async (tx): Promise<StockLocation | UserError> => {
        if (await this.r.locations.nameTaken(tx, nameKey(name.value!))) return locationNameTaken();
        const location = await this.r.locations.create(tx, { name: name.value!, normalizedName: nameKey(name.value!), kind: input.kind });
        await this.events.locationCreated(tx, location);
        return location;
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === 'P2002') return locationNameTaken();
        throw error;
      });
    return 'code' in result ? { stockLocation: null, userErrors: [result] } : { stockLocation: result, userErrors: [] };
  }

  receive(input: ReceiveStockInput): Promise<StockMovementPayload> {
    const quantity = checkQuantity(input.quantity, ['input', 'quantity'], 1, MAX_UNITS);
    if (!quantity.ok) return Promise.resolve(refused(quantity.errors));
    return this.move(input, (q) => ({ kind: 'RECEIVED', quantity: q, onHandChange: q, reservedChange: 0 }), quantity.value);
  }

  adjust(input: AdjustStockInput): Promise<StockMovementPayload> {
    const quantity = checkAdjustment(input.quantity, ['input', 'quantity'], MAX_UNITS);
    if (!quantity.ok) return Promise.resolve(refused(quantity.errors));
    return this.move(input, (q) => ({ kind: 'ADJUSTED', quantity: q, onHandChange: q, reservedChange: 0 }), quantity.value);
  }

  /** Records one movement of a variant at a location after locking its balance; never below zero. */
  private async move(
    input: { variantId: string; locationId: string; note?: string | null },
    effect: (quantity: number) => Pick<MovementData, 'kind' | 'quantity' | 'onHandChange' | 'reservedChange'>,
    quantity: number,
  ): Promise<StockMovementPayload> {
    const note = checkOptionalText(input.note, ['input', 'note'], 1000, 'The note');
    const errors = [
      ...(isUuid(input.variantId) ? [] : [notFound('variant', ['input', 'variantId'])]),
      ...(isUuid(input.locationId) ? [] : [notFound('stock location', ['input', 'locationId'])]),
      ...errorsOf(note),
    ];
    if (errors.length > 0 || !note.ok) return refused(errors);
    const result = await this.scope.run(async (tx): Promise<UserError | { movement: StockMovement; level: StockLevel }> => {
      const [variant] = await this.r.variants.findByIds(tx, [input.variantId]);
      if (!variant) return notFound('variant', ['input', 'variantId']);
      const [location] = await this.r.locations.findByIds(tx, [input.locationId]);
      if (!location) return notFound('stock location', ['input', 'locationId']);
      const [level] = await this.r.levels.lock(tx, [variant.id], location.id);
      const change = effect(quantity);
      const onHand = (level?.onHand ?? 0) + change.onHandChange;
      if (onHand < (level?.reserved ?? 0)) {
        return refuse(
          'INSUFFICIENT_STOCK',
          `Only ${(level?.onHand ?? 0) - (level?.reserved ?? 0)} unit(s) are available (on hand, not reserved)`,
          ['input', 'quantity'],
        );
      }
      const movement = await this.r.movements.record(tx, { ...change, variantId: variant.id, locationId: location.id, note: note.value });
      await this.events.stockMoved(tx, movement, variant.sku);
      const after = await this.r.levels.find(tx, variant.id, location.id);
      return { movement, level: after! };
    });
    if ('code' in result) return refused([result]);
    this.loaders.levelsByVariantId.clear(input.variantId);
    this.loaders.levelsByLocationId.clear(input.locationId);
    return { movement: result.movement, stockLevel: result.level, userErrors: [] };
  }
}

const refused = (userErrors: UserError[]): StockMovementPayload => ({ movement: null, stockLevel: null, userErrors });
