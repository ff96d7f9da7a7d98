import { userError } from '@tessera/service-kit';

export const registerNotFound = (field: string[] = ['input', 'registerId']) => userError('NOT_FOUND', 'No such register', field);
export const sessionNotFound = (field: string[] = ['input', 'sessionId']) => userError('NOT_FOUND', 'No such session', field);
export const saleNotFound = (field: string[] = ['input', 'saleId']) => userError('NOT_FOUND', 'No such sale', field);
