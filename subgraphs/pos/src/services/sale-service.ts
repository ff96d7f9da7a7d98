import { type CallerContext, type Connection, isUuid, listPage, principalOf, type UserError } from '@tessera/service-kit';
import { isUniqueViolation, type TenantScope } from '@tessera/prisma';
import type { Sale } from '../generated/prisma/client.js';
import type { QuerySalesArgs, SubmitSaleInput, VoidSaleInput } from '../generated/graphql.js';
import type { PosTx } from '../db.js';
import { draftSale, receiptNumber, submissionHash } from '../domain/sale-draft.js';
import { priceLines } from '../domain/pricing.js';
import { MANUAL_PRICE } from '../permissions.js';
import type { PosLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { alreadyVoided, idempotencyKeyReused, refuse, registerNotFound, saleNotFound } from '../errors.js';
import type { PosEvents } from '../events/pos-events.js';

export interface SalePayload {
  sale: Sale | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): SalePayload => ({ sale: null, userErrors });

/** Sales rung up at the tenant's registers: idempotent by the till's key, numbered gap-free per register. */
export class SaleService {
  constructor(
    private readonly scope: TenantScope<PosTx>,
    private readonly repositories: Repositories,
    private readonly loaders: PosLoaders,
    private readonly events: PosEvents,
    private readonly now: () => Date,
    private readonly caller: CallerContext,
  ) {}

  get(id: string): Promise<Sale | null> {
    return this.loaders.saleById.load(id);
  }

  list(args: QuerySalesArgs): Promise<Connection<Sale>> {
    const registerId = args.filter?.registerId ?? null;
    const sessionId = args.filter?.sessionId ?? null;
    const status = args.filter?.status ?? null;
    return listPage(args, async (window) => {
      if ((registerId !== null && !isUuid(registerId)) || (sessionId !== null && !isUuid(sessionId))) return { rows: [], totalCount: 0 };
      const page = await this.scope.run((tx) => this.repositories.sales.page(tx, { registerId, sessionId, status }, window));
      for (const row of page.rows) this.loaders.saleById.prime(row.id, row);
      return page;
    });
  }

  /**
   * Records a sale in the register's OPEN session, or returns the sale already recorded with the
   * same idempotency key (and the same submission). Each line is priced from POS's copy of the
   * catalogue in the register's currency; a different price is a manual price (owners and admins,
   * with a reason, recorded on the line). Submissions to a register are serialised on its row: a
   * concurrent duplicate waits for the first, then finds its sale; the receipt number is taken from
   * the register row in the same transaction, so numbers have no gaps. The unique
   * (tenant, register, key) constraint backs this up: a duplicate insert that slips through is
   * answered with the sale that won.
   */
  async submit(input: SubmitSaleInput): Promise<SalePayload> {
    const errors: UserError[] = [];
    if (!isUuid(input.registerId)) errors.push(registerNotFound());
    if (!isUuid(input.idempotencyKey)) errors.push(refuse('INVALID', 'idempotencyKey must be a UUID', ['input', 'idempotencyKey']));
    input.lines.forEach((line, index) => {
      if (!isUuid(line.variantId))
        errors.push(refuse('INVALID', 'variantId must be a UUID', ['input', 'lines', String(index), 'variantId']));
    });
    if (errors.length > 0) return refused(...errors);
    const registerId = input.registerId.toLowerCase();
    const key = input.idempotencyKey.toLowerCase();
    // A retry is the same submission (what the till sent), whatever the catalogue says by then.
    const fingerprint = submissionHash(input.lines, input.payments);
    const principal = principalOf(this.caller);
    const mayPriceManually = principal !== null && MANUAL_PRICE.includes(principal);
    const { registers, sessions, sales, catalogue } = this.repositories;
    const replay = (sale: Sale): SalePayload =>
      sale.payloadHash === fingerprint ? { sale, userErrors: [] } : refused(idempotencyKeyReused());
    try {
      const result = await this.scope.run(async (tx): Promise<SalePayload> => {
        const earlier = await sales.findByIdempotencyKey(tx, registerId, key);
        if (earlier) return replay(earlier);
        const register = await registers.lock(tx, registerId);
        if (!register) return refused(registerNotFound());
        // Another submission with this key may have committed while this one waited for the lock.
        const raced = await sales.findByIdempotencyKey(tx, registerId, key);
        if (raced) return replay(raced);
        const entries = await catalogue.findByIds(
          tx,
          input.lines.map((line) => line.variantId.toLowerCase()),
        );
        const priced = priceLines(input.lines, entries, register.currency, mayPriceManually);
        if (!priced.ok) return refused(...priced.errors);
        const draft = draftSale(register.currency, priced.value, input.payments);
        if (!draft.ok) return refused(...draft.errors);
        const [session] = await sessions.listCurrent(tx, [register.id]);
        if (!session || session.status !== 'OPEN')
          return refused(refuse('NO_OPEN_SESSION', 'The register has no OPEN session', ['input', 'registerId']));
        const seq = await registers.nextReceiptSeq(tx, register.id);
        const sale = await sales.create(
          tx,
          {
            registerId: register.id,
            sessionId: session.id,
            idempotencyKey: key,
            currency: register.currency,
            receiptSeq: seq,
            receiptNumber: receiptNumber(register.number, seq),
            completedAt: this.now(),
            payloadHash: fingerprint,
          },
          draft.value,
          priced.value.map((line) => ({
            listPrice: line.listPrice,
            priceReason: line.priceReason,
            priceSetBy: line.priceReason ? this.caller.userId : null,
          })),
        );
        await this.events.saleCompleted(tx, register, sale, await sales.listLines(tx, [sale.id]), await sales.listPayments(tx, [sale.id]));
        return { sale, userErrors: [] };
      });
      if (result.sale) this.loaders.saleById.prime(result.sale.id, result.sale);
      return result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.scope.run((tx) => sales.findByIdempotencyKey(tx, registerId, key));
      if (!winner) throw error;
      return replay(winner);
    }
  }

  /** Voids a COMPLETED sale while its session is still OPEN; records pos.sale.voided. */
  async void(input: VoidSaleInput): Promise<SalePayload> {
    if (!isUuid(input.saleId)) return refused(saleNotFound());
    const reason = input.reason?.trim() || null;
    if (reason && reason.length > 500) return refused(refuse('INVALID', 'Reason must be at most 500 characters', ['input', 'reason']));
    const { registers, sessions, sales } = this.repositories;
    const result = await this.scope.run(async (tx): Promise<SalePayload> => {
      const found = await sales.findById(tx, input.saleId);
      if (!found) return refused(saleNotFound());
      const register = await registers.lock(tx, found.registerId);
      const sale = await sales.findById(tx, input.saleId);
      if (!register || !sale) return refused(saleNotFound());
      if (sale.status !== 'COMPLETED') return refused(alreadyVoided());
      const session = await sessions.findById(tx, sale.sessionId);
      if (!session || session.status !== 'OPEN')
        return refused(refuse('SESSION_NOT_OPEN', 'A sale can only be voided while its session is OPEN', ['input', 'saleId']));
      const voided = await sales.markVoided(tx, sale.id, this.now(), reason);
      if (!voided) return refused(alreadyVoided());
      await this.events.saleVoided(tx, register, voided, await sales.listLines(tx, [sale.id]), await sales.listPayments(tx, [sale.id]));
      return { sale: voided, userErrors: [] };
    });
    if (result.sale) this.loaders.saleById.prime(result.sale.id, result.sale);
    return result;
  }
}
