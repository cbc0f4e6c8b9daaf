/** OperationMeta fixtures: a plausible GET by default, overridden per test. */
import type { OperationMeta } from '../../../src/contract/operation.js';

export function meta(overrides: Partial<OperationMeta> = {}): OperationMeta {
  return {
    id: 'orders.getOrder',
    operationId: 'getOrder',
    method: 'get',
    path: '/orders/{orderId}',
    tag: 'orders',
    idempotent: true,
    idempotencyKeyHeader: undefined,
    security: [],
    successStatuses: ['200'],
    errorStatuses: ['404'],
    requestContentType: undefined,
    responseKind: 'json',
    pagination: undefined,
    cacheable: false,
    deprecated: false,
    authRole: undefined,
    schemas: {},
    ...overrides,
  };
}
