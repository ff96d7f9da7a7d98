import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Decimal } from 'decimal.js';

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 date-times as the API takes them: a full date, a time to the minute or finer, and Z or an offset. */
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The years the platform's dates and instants cover: four digits, as ISO 8601 and PostgreSQL agree on. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

function invalid(name: string, detail: string): GraphQLError {
  return new GraphQLError(`Invalid ${name}: ${detail}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Decimal as a string ("1250.00"): exact, never a float. Accepts strings (and integers) in input. */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: 'An exact decimal number serialised as a string, e.g. "1250.00". Never a float.',
  serialize(value) {
    if (value instanceof Decimal) return value.toFixed();
    if (typeof value === 'string' && DECIMAL_PATTERN.test(value)) return value;
    if (value !== null && typeof value === 'object' && 'toFixed' in value) return (value as Decimal).toFixed();
    throw invalid('Decimal', 'cannot serialise value');
  },
  parseValue(value) {
    if (typeof value === 'string' && DECIMAL_PATTERN.test(value.trim())) return new Decimal(value.trim());
    if (typeof value === 'number' && Number.isInteger(value)) return new Decimal(value);
    throw invalid('Decimal', 'expected a decimal string such as "12.50"');
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && DECIMAL_PATTERN.test(ast.value.trim())) return new Decimal(ast.value.trim());
    if (ast.kind === Kind.INT) return new Decimal(ast.value);
    throw invalid('Decimal', 'expected a decimal string such as "12.50"');
  },
});

/** An instant as an ISO 8601 string in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, as an ISO 8601 string in UTC, e.g. "2026-11-21T09:30:00.000Z".',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw invalid('DateTime', 'cannot serialise value');
    return date.toISOString();
  },
  parseValue(value) {
    if (typeof value !== 'string') throw invalid('DateTime', 'expected an ISO 8601 string such as "2026-11-21T09:30:00Z"');
    return parseInstant(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime', 'expected an ISO 8601 string such as "2026-11-21T09:30:00Z"');
    return parseInstant(ast.value);
  },
});

/**
 * A strict ISO 8601 instant: lenient forms Date() would take ("1", "March 3", a date without a time
 * or zone) are refused, as are impossible dates (2026-02-30T...) and years beyond 1..9999.
 */
function parseInstant(value: string): Date {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) throw invalid('DateTime', 'expected an ISO 8601 string such as "2026-11-21T09:30:00Z"');
  const [, year, month, day, hour, minute, second] = match;
  const date = new Date(value);
  const calendar = new Date(Date.UTC(2000, Number(month) - 1, Number(day)));
  calendar.setUTCFullYear(Number(year));
  if (
    Number.isNaN(date.getTime()) ||
    calendar.getUTCMonth() !== Number(month) - 1 ||
    calendar.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second ?? 0) > 59
  ) {
    throw invalid('DateTime', `${value} is not a valid instant`);
  }
  const utcYear = date.getUTCFullYear();
  if (utcYear < FIRST_YEAR || utcYear > LAST_YEAR) throw invalid('DateTime', `the year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
  return date;
}

function parseCalendarDate(value: string): Date {
  if (!DATE_PATTERN.test(value)) throw invalid('Date', 'expected YYYY-MM-DD');
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw invalid('Date', `${value} is not a calendar date`);
  }
  if (date.getUTCFullYear() < FIRST_YEAR) throw invalid('Date', `the year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
  return date;
}

/** A calendar date ("2026-11-21"), carried internally as a Date at UTC midnight. */
export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'A calendar date without time zone, e.g. "2026-11-21".',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return parseCalendarDate(value.slice(0, 10)).toISOString().slice(0, 10);
    throw invalid('Date', 'cannot serialise value');
  },
  parseValue(value) {
    if (typeof value !== 'string') throw invalid('Date', 'expected YYYY-MM-DD');
    return parseCalendarDate(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid('Date', 'expected YYYY-MM-DD');
    return parseCalendarDate(ast.value);
  },
});

/** The three scalars, ready to spread into a resolver map. */
export const scalarResolvers = { Decimal: DecimalScalar, DateTime: DateTimeScalar, Date: DateScalar };

/** The calendar day of an instant in UTC, as a Date at midnight UTC. */
export function utcDay(instant: Date): Date {
  // Not Date.UTC(year, ...): it reads the years 0 to 99 as 1900 to 1999.
  const day = new Date(instant.getTime());
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

/** A day as the API and the event contracts write it: "2026-11-21" (UTC). */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
