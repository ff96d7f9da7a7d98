import { type Checked, type Connection, errorsOf, isUuid, listPage, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Service } from '../generated/prisma/client.js';
import type { CreateServiceInput, QueryServicesArgs, UpdateServiceInput } from '../generated/graphql.js';
import type { BookingTx } from '../db.js';
import type { BookingLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import type { ServiceData } from '../repositories/service-repository.js';
import { checkBuffer, checkDuration, checkName, checkNotice, checkPrice } from '../domain/service-fields.js';
import { serviceNotFound } from '../errors.js';

export interface ServicePayload {
  service: Service | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): ServicePayload => ({ service: null, userErrors });

/** A check of an optional input field (undefined when not given). */
const maybe = <I, O>(value: I | null | undefined, check: (value: I) => Checked<O>): Checked<O> | undefined =>
  value === null || value === undefined ? undefined : check(value);

/** The tenant's bookable services. */
export class CatalogService {
  constructor(
    private readonly scope: TenantScope<BookingTx>,
    private readonly repositories: Repositories,
    private readonly loaders: BookingLoaders,
  ) {}

  get(id: string): Promise<Service | null> {
    return this.loaders.serviceById.load(id);
  }

  list(args: QueryServicesArgs): Promise<Connection<Service>> {
    return listPage(args, (window) =>
      this.scope.run((tx) => this.repositories.services.page(tx, { ...window, active: args.filter?.active ?? null })),
    );
  }

  async offeredBy(resourceId: string): Promise<Service[]> {
    return (await this.loaders.servicesByResourceId.load(resourceId)).map((offer) => offer.service);
  }

  async create(input: CreateServiceInput): Promise<ServicePayload> {
    const name = checkName(input.name, ['input', 'name']);
    const duration = checkDuration(input.durationMinutes, ['input', 'durationMinutes']);
    const price = checkPrice(input.price.amount, input.price.currency, ['input', 'price']);
    const before = checkBuffer(input.bufferBeforeMinutes ?? 0, ['input', 'bufferBeforeMinutes']);
    const after = checkBuffer(input.bufferAfterMinutes ?? 0, ['input', 'bufferAfterMinutes']);
    const notice = checkNotice(input.minimumNoticeMinutes ?? 0, ['input', 'minimumNoticeMinutes']);
    if (!name.ok || !duration.ok || !price.ok || !before.ok || !after.ok || !notice.ok) {
      return refused(...errorsOf(name, duration, price, before, after, notice));
    }
    const service = await this.scope.run((tx) =>
      this.repositories.services.create(tx, {
        name: name.value,
        durationMinutes: duration.value,
        priceAmount: price.value.amount,
        priceCurrency: price.value.currency,
        bufferBeforeMinutes: before.value,
        bufferAfterMinutes: after.value,
        minimumNoticeMinutes: notice.value,
        active: input.active ?? true,
      }),
    );
    return this.remember({ service, userErrors: [] });
  }

  /** Changes the fields given; appointments already requested keep the terms they were booked with. */
  async update(input: UpdateServiceInput): Promise<ServicePayload> {
    const name = maybe(input.name, (value) => checkName(value, ['input', 'name']));
    const duration = maybe(input.durationMinutes, (value) => checkDuration(value, ['input', 'durationMinutes']));
    const price = maybe(input.price, (value) => checkPrice(value.amount, value.currency, ['input', 'price']));
    const before = maybe(input.bufferBeforeMinutes, (value) => checkBuffer(value, ['input', 'bufferBeforeMinutes']));
    const after = maybe(input.bufferAfterMinutes, (value) => checkBuffer(value, ['input', 'bufferAfterMinutes']));
    const notice = maybe(input.minimumNoticeMinutes, (value) => checkNotice(value, ['input', 'minimumNoticeMinutes']));
    const errors = [...(isUuid(input.serviceId) ? [] : [serviceNotFound()]), ...errorsOf(name, duration, price, before, after, notice)];
    if (errors.length > 0) return refused(...errors);
    const change: Partial<ServiceData> = {};
    if (name?.ok) change.name = name.value;
    if (duration?.ok) change.durationMinutes = duration.value;
    if (price?.ok) {
      change.priceAmount = price.value.amount;
      change.priceCurrency = price.value.currency;
    }
    if (before?.ok) change.bufferBeforeMinutes = before.value;
    if (after?.ok) change.bufferAfterMinutes = after.value;
    if (notice?.ok) change.minimumNoticeMinutes = notice.value;
    if (input.active !== null && input.active !== undefined) change.active = input.active;
    const service = await this.scope.run((tx) => this.repositories.services.update(tx, input.serviceId, change));
    return service ? this.remember({ service, userErrors: [] }) : refused(serviceNotFound());
  }

  private remember(result: ServicePayload): ServicePayload {
    if (result.service) this.loaders.serviceById.clear(result.service.id).prime(result.service.id, result.service);
    return result;
  }
}
