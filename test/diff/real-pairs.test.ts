/**
 * The breaking-change report on pairs of real published specs (vendored under
 * test/fixtures/specs/, see its README): every change asserted here was verified by reading both
 * files. Also: a spec diffed against itself, and against a copy whose schema components are all
 * renamed and reached through an extra `$ref` hop, reports nothing.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { diffSpecs } from '../../scripts/diff/diff.js';
import { loadSide, sideOf, type DiffSide } from '../../scripts/diff/load.js';
import type { DiffReport } from '../../scripts/diff/model.js';
import { root } from '../helpers/paths.js';
import { lines } from './helpers.js';
import { renameComponents } from './rename-components.js';

const SPECS = join(root, 'test', 'fixtures', 'specs');
const FILES = ['galaxy-0.2.5.json', 'galaxy-0.2.20.json', 'blockfrost-0.1.86.yaml', 'blockfrost.yaml'] as const;
const sides = new Map<string, DiffSide>();

test.before(async () => {
  for (const file of FILES) sides.set(file, await loadSide(join(SPECS, file), root));
});

const side = (file: (typeof FILES)[number]): DiffSide => sides.get(file)!;
const report = (a: (typeof FILES)[number], b: (typeof FILES)[number]): DiffReport => diffSpecs(side(a), side(b));

/** Asserts that one line starts with each prefix, and returns the matching changes. */
function expectLines(r: DiffReport, prefixes: string[]): void {
  const got = lines(r);
  for (const prefix of prefixes) assert.ok(got.some((l) => l.startsWith(prefix)), `missing: ${prefix}\n${got.join('\n')}`);
}

test('Galaxy 0.2.5 → 0.2.20: users and credentials reworked, auth schemes renamed, a server moved', () => {
  const r = report('galaxy-0.2.5.json', 'galaxy-0.2.20.json');
  expectLines(r, [
    // The second server's URL became a template: apps configured with the old one must move.
    'server breaking server: server https://void.scalar.com removed',
    'server ok server: server {protocol}://void.scalar.com/{path} added',
    // `oauth2` became `oAuth2` (credentials are keyed by scheme name) and /me dropped the cookie key.
    'security breaking sdk.authentication.getMe: authentication changed',
    'security breaking sdk.planets.createPlanet: authentication changed',
    // User lost `required: [id, name, email]` and now includes Credentials (email, password required).
    'field-required breaking User: response field id became optional',
    'field-required breaking User: response field name became optional',
    'field-added breaking User: request field password added (required)',
    // `id` became readOnly on Planet and User: writers can no longer send it. (User's new
    // writeOnly password is not a response field, its readOnly id not a signup field.)
    'read-write breaking Planet: request field id became readOnly',
    'read-write breaking User: request field id became readOnly',
    // NewUser (signup body) is now User: its password lost minLength 8, which only loosens.
    'constraint ok User.password: request minLength 8 → none',
    // 0.2.5's token response said `ref` instead of `$ref` (no schema at all); 0.2.20 fixed it.
    'field-added ok Token: response field token added (optional)',
    'status-code ok sdk.authentication.getMe: response 401 added',
  ]);
  const getMe = r.changes.find((c) => c.rule === 'security' && c.subject === 'sdk.authentication.getMe')!;
  assert.match(getMe.message, /apps using apiKeyCookie, oauth2 are refused/);
  const server = r.changes.find((c) => c.rule === 'server' && c.breaking)!;
  assert.is(server.oldPointer, '#/servers/1');
  const password = r.changes.find((c) => c.rule === 'field-added' && c.breaking && c.message.includes('password'))!;
  assert.equal(password.operations, ['sdk.planets.createPlanet', 'sdk.planets.updatePlanet']);
  assert.is(password.newPointer, '#/components/schemas/Credentials/properties/password');
  assert.not.ok(lines(r).some((l) => /response field password|request field id added/.test(l)), lines(r).join('\n'));
  // Same nine operations on both sides.
  assert.not.ok(r.changes.some((c) => c.rule.startsWith('operation-')), lines(r).join('\n'));
});

test('Blockfrost 0.1.86 → 0.1.93: response enums widened (breaking), everything else additive', () => {
  const r = report('blockfrost-0.1.86.yaml', 'blockfrost.yaml');
  const breaking = r.changes.filter((c) => c.breaking);
  // Redeemer `purpose` gained the Conway-era values in three schemas; nothing else breaks.
  assert.equal(breaking.map((c) => c.subject).sort(), [
    'mempool_tx_content.redeemers[].purpose',
    'script_redeemers[].purpose',
    'tx_content_redeemers[].purpose',
  ]);
  for (const c of breaking) {
    assert.is(c.rule, 'enum-widened');
    assert.is(c.direction, 'response');
    assert.match(c.message, /"vote", "propose" may arrive/);
  }
  assert.equal(breaking.find((c) => c.subject === 'script_redeemers[].purpose')!.operations, ['sdk.cardanoScripts.getScriptsByScriptHashRedeemers']);
  expectLines(r, [
    'operation-added ok sdk.cardanoAssets.getAssetsByAssetUtxos',
    'operation-added ok sdk.cardanoScripts.getScriptsByScriptHashUtxos',
    'operation-added ok sdk.cardanoGovernance.getGovernanceCommittee',
    'parameter-added ok sdk.cardanoGovernance.getGovernanceDreps: query parameter order_by added (optional)',
    'parameter-added ok sdk.cardanoAssets.getAssetsByAssetTransactions: query parameter from added (optional)',
    // A new required response field is more the app can rely on, not less.
    'field-added ok account_registration_content[]: response field deposit added (required)',
    'field-added ok dreps[]: response field amount added (required)',
  ]);
  assert.not.ok(r.changes.some((c) => c.rule === 'operation-removed'), lines(r).join('\n'));
  assert.is(r.breaking, 3);
});

test('every real spec diffed against itself reports nothing', () => {
  for (const file of FILES) {
    const r = report(file, file);
    assert.equal(lines(r), [], file);
  }
});

test('renamed components and re-routed $refs report nothing', () => {
  for (const file of FILES) {
    const original = side(file);
    const { document, renamed } = renameComponents(original.document);
    assert.ok(renamed > 0, `${file}: the copy renames components`);
    assert.is.not(JSON.stringify(document), JSON.stringify(original.document));
    const r = diffSpecs(original, sideOf(document, `${file} (renamed)`));
    assert.equal(lines(r), [], file);
  }
});

test('the copy-maker really re-routes: a real change made in the renamed copy is still found', () => {
  const original = side('galaxy-0.2.20.json');
  const { document } = renameComponents(original.document);
  const schemas = (document.components as { schemas: Record<string, { properties?: Record<string, unknown> }> }).schemas;
  delete schemas['Renamed_Planet']!.properties!['name'];
  const r = diffSpecs(original, sideOf(document, 'changed'));
  expectLines(r, ['field-removed breaking Renamed_Planet: response field name removed']);
});

test.run();
