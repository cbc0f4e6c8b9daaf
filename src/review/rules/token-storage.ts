/** A token store that is not persistent and secure on the platform the app runs on. */
import { isSecured, type GlobalHit, type Rule } from '../rule.js';

export const tokenStorage: Rule = {
  id: 'token-storage',
  title: 'Token store not persistent and secure',
  problem: 'the tokens that authorise every secured call are kept where they are either lost or readable',
  rationale:
    'On a phone a memory store signs the user out on every app restart (the OS kills background apps constantly); AsyncStorage and localStorage are plain files/strings any malware, backup or XSS can read. Tokens belong in the Keychain/Keystore (e.g. expo-secure-store) behind the storage adapter.',
  fix: 'On mobile use `storageTokenStore(secureAdapter)` over Keychain/Keystore (expo-secure-store, react-native-keychain); on the web keep tokens in memory or httpOnly cookies, never localStorage; never bake a token into `headers`.',
  severity: 'high',
  fixScope: 'client',
  verdicts: ['tokenManagement'],
  check(input) {
    if (!input.operations.some(isSecured)) return {};
    const options = input.options;
    if (options === undefined) {
      return { notAssessed: [{ what: 'token storage', why: 'no createSdk options were given (pass `--options` with `auth.tokenStore`: "secure", "plaintext" or "memory")' }] };
    }
    const global: GlobalHit[] = [];
    if (options.staticAuthorization) global.push({ description: 'a fixed `Authorization` header is configured in `headers`: a long-lived credential shipped with the app', pointers: ['options.headers.Authorization'] });
    if (!options.auth) {
      if (!options.staticAuthorization) global.push({ description: 'secured operations exist but no `auth` token store is configured: they will fail with UNAUTHORIZED', pointers: ['options.auth'] });
      return { global };
    }
    switch (options.tokenStorage) {
      case undefined:
        return { global, notAssessed: [{ what: 'token storage', why: 'the token store does not say where it keeps tokens (declare `tokenStorage`: "secure", "plaintext" or "memory")' }] };
      case 'plaintext':
        global.push({ description: 'the token store keeps tokens in plaintext storage (AsyncStorage/localStorage)', pointers: ['options.auth.tokenStore'] });
        break;
      case 'memory':
        if (input.platform === 'mobile') global.push({ description: 'the token store keeps tokens in memory only: users are signed out whenever the OS ends the app', pointers: ['options.auth.tokenStore'] });
        break;
      case 'secure':
        break;
    }
    return { global };
  },
};
