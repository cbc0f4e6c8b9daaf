import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';
import { runConformance } from './conformance.js';

// The reference adapter: nothing can damage or outlive it, so no corrupt/reopen hooks.
runConformance('memoryStorage', async () => ({ storage: memoryStorage() }));
