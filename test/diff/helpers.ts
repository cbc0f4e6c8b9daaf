/** Minimal specs for the diff's rule tests: one base API, changed by a small edit per case. */
import { diffSpecs } from '../../scripts/diff/diff.js';
import { sideOf } from '../../scripts/diff/load.js';
import type { Change, DiffReport } from '../../scripts/diff/model.js';

export type Doc = Record<string, any>;

/** A small API: read a thing, list things, create one; `Thing` shared by responses. */
export function base(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'Things', version: '1' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/things/{id}': {
        get: {
          tags: ['things'],
          operationId: 'getThing',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'expand', in: 'query', schema: { type: 'string', enum: ['owner', 'tags'] } },
          ],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '404': { description: 'missing' },
          },
        },
      },
      '/things': {
        post: {
          tags: ['things'],
          operationId: 'createThing',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingInput' } } } },
          responses: { '201': { description: 'made', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Thing: {
          type: 'object',
          required: ['id', 'name', 'status'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            status: { type: 'string', enum: ['new', 'done'] },
            note: { type: 'string' },
            size: { type: 'integer' },
            tags: { type: 'array', items: { type: 'string' } },
          },
        },
        ThingInput: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 50 },
            kind: { type: 'string', enum: ['a', 'b'] },
            note: { type: 'string' },
          },
        },
      },
    },
  };
}

/** Base, then `edit` applied to a deep copy. */
export function edited(edit: (doc: Doc) => void): Doc {
  const doc = base();
  edit(doc);
  return doc;
}

export function diff(before: Doc, after: Doc): DiffReport {
  return diffSpecs(sideOf(before, 'old.yaml'), sideOf(after, 'new.yaml'));
}

/** `rule breaking|ok subject: message`, one line per change, for readable assertions. */
export function lines(report: DiffReport): string[] {
  return report.changes.map((c: Change) => `${c.rule} ${c.breaking ? 'breaking' : 'ok'} ${c.subject}: ${c.message}`);
}
