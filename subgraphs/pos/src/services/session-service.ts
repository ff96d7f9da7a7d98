import { type Connection, Decimal, isUuid, listPage, minorUnits, toDecimal, type UserError } from '@tessera/service-kit';
import { isUniqueViolation, type TenantScope } from '@tessera/prisma';
import type { RegisterSession } from '../generated/prisma/client.js';
import type { CloseSessionInput, OpenSessionInput, QuerySessionsArgs, StartClosingSessionInput } from '../generated/graphql.js';
import type { PosTx } from '../db.js';
import { reconcile } from '../domain/sale-draft.js';
import type { PosLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { refuse, registerNotFound, sessionAlreadyOpen, sessionNotFound } from '../errors.js';
import type { PosEvents } from '../events/pos-events.js';

export interface SessionPayload {
  session: RegisterSession | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): SessionPayload => ({ session: null, userErrors });
const wrongState = (session: RegisterSession, wanted: string) =>
  refuse('INVALID_STATE', `The session is ${session.status}; this needs it ${wanted}`, ['input', 'sessionId']);

/** Checks a cash amount of `currency`: >= 0 with at most its minor unit. */
function cashAmount(value: Decimal, currency: string, field: string[]): UserError | null {
  const minor = minorUnits(currency);
  if (value.isNegative() || value.decimalPlaces() > minor || value.gt('1e12'))
    return refuse('INVALID', `Amount must be >= 0 with at most ${minor} decimals`, field);
  return null;
}

/** Register sessions: OPEN -> CLOSING -> CLOSED, at most one OPEN or CLOSING per register. */
export class SessionService {
  constructor(
    private readonly scope: TenantScope<PosTx>,
    private readonly repositories: Repositories,
    private readonly loaders: PosLoaders,
    private readonly events: PosEvents,
    private readonly now: () => Date,
  ) {}

  get(id: string): Promise<RegisterSession | null> {
    return this.loaders.sessionById.load(id);
  }

  list(args: QuerySessionsArgs): Promise<Connection<RegisterSession>> {
    const registerId = args.filter?.registerId ?? null;
    const statuses = args.filter?.status ?? null;
    return listPage(args, async (window) => {
      if (registerId !== null && !isUuid(registerId)) return { rows: [], totalCount: 0 };
      const page = await this.scope.run((tx) => this.repositories.sessions.page(tx, { registerId, statuses }, window));
      for (const row of page.rows) this.loaders.sessionById.prime(row.id, row);
      return page;
    });
  }

  /**
   * Opens a session with the counted float. The register row is locked for the check and the insert,
   * and the database's partial unique index refuses a second open session whatever happens.
   */
  async open(input: OpenSessionInput): Promise<SessionPayload> {
    if (!isUuid(input.registerId)) return refused(registerNotFound());
    const { registers, sessions } = this.repositories;
    try {
      const result = await this.scope.run(async (tx): Promise<SessionPayload> => {
        const register = await registers.lock(tx, input.registerId);
        if (!register) return refused(registerNotFound());
        const invalidFloat = cashAmount(input.openingFloat, register.currency, ['input', 'openingFloat']);
        if (invalidFloat) return refused(invalidFloat);
        const [current] = await sessions.listCurrent(tx, [register.id]);
        if (current) return refused(sessionAlreadyOpen());
        const session = await sessions.create(tx, {
          registerId: register.id,
          currency: register.currency,
          openingFloat: input.openingFloat.toFixed(),
          openedAt: this.now(),
        });
        return { session, userErrors: [] };
      });
      if (result.session) this.loaders.sessionById.prime(result.session.id, result.session);
      return result;
    } catch (error) {
      if (isUniqueViolation(error)) return refused(sessionAlreadyOpen());
      throw error;
    }
  }

  /** OPEN -> CLOSING: the till stops selling while the drawer is counted. */
  startClosing(input: StartClosingSessionInput): Promise<SessionPayload> {
    return this.move(input.sessionId, async (tx, session) => {
      if (session.status !== 'OPEN') return refused(wrongState(session, 'OPEN'));
      const moved = await this.repositories.sessions.transition(tx, session.id, 'OPEN', {
        status: 'CLOSING',
        closingStartedAt: this.now(),
      });
      return moved ? { session: moved, userErrors: [] } : refused(wrongState(session, 'OPEN'));
    });
  }

  /** CLOSING -> CLOSED: reconciles the expected cash with the counted cash; records pos.session.closed. */
  close(input: CloseSessionInput): Promise<SessionPayload> {
    return this.move(input.sessionId, async (tx, session, register) => {
      if (session.status !== 'CLOSING') return refused(wrongState(session, 'CLOSING'));
      const invalidCount = cashAmount(input.countedCash, session.currency, ['input', 'countedCash']);
      if (invalidCount) return refused(invalidCount);
      const cash = await this.repositories.sales.sessionCash(tx, session.id);
      const { expected, counted, difference } = reconcile(
        toDecimal(session.openingFloat),
        new Decimal(cash.taken),
        new Decimal(cash.refunded),
        input.countedCash,
      );
      const closed = await this.repositories.sessions.transition(tx, session.id, 'CLOSING', {
        status: 'CLOSED',
        closedAt: this.now(),
        expectedCash: expected.toFixed(),
        countedCash: counted.toFixed(),
        difference: difference.toFixed(),
      });
      if (!closed) return refused(wrongState(session, 'CLOSING'));
      const saleCount = await tx.sale.count({ where: { tenantId: session.tenantId, sessionId: session.id } });
      await this.events.sessionClosed(tx, register, closed, saleCount);
      return { session: closed, userErrors: [] };
    });
  }

  /** Runs a transition with the session's register locked (so no sale or void interleaves). */
  private async move(
    sessionId: string,
    change: (
      tx: PosTx,
      session: RegisterSession,
      register: NonNullable<Awaited<ReturnType<Repositories['registers']['lock']>>>,
    ) => Promise<SessionPayload>,
  ): Promise<SessionPayload> {
    if (!isUuid(sessionId)) return refused(sessionNotFound());
    const { registers, sessions } = this.repositories;
    const result = await this.scope.run(async (tx): Promise<SessionPayload> => {
      const found = await sessions.findById(tx, sessionId);
      if (!found) return refused(sessionNotFound());
      const register = await registers.lock(tx, found.registerId);
      const session = await sessions.findById(tx, sessionId);
      if (!register || !session) return refused(sessionNotFound());
      return change(tx, session, register);
    });
    if (result.session) this.loaders.sessionById.prime(result.session.id, result.session);
    return result;
  }
}
