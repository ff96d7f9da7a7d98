const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a well-formed id (a UUID). Anything else names nothing and must not reach a uuid column. */
export const isUuid = (value: string): boolean => UUID.test(value);
