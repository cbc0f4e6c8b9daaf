import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { urlOrigin } from '../../src/network/origin.js';

test('urlOrigin agrees with new URL(url).origin, remembered origin or not', () => {
  const urls = [
    'https://api.example.com/users/1',
    'https://api.example.com/users/2?x=1',
    'https://api.example.com.evil.test/users',
    'https://api.example.com/@evil.test/x',
    'https://api.example.com:8443/x',
    'https://API.example.com/x',
    'https://api.example.com?q=1',
    'http://127.0.0.1:3000/x',
    'https://api.example.com/x',
  ];
  for (const url of urls) assert.is(urlOrigin(url), new URL(url).origin, url);
});

test('urlOrigin throws on a URL that does not parse, as new URL does', () => {
  urlOrigin('https://api.example.com/x');
  assert.throws(() => urlOrigin('not a url'), TypeError);
});

test.run();
