import { initial } from './0001-initial';
import { validationRuns } from './0002-validation-runs';
import { signersAndCustodyChains } from './0003-signers-and-custody-chains';
import { workspaceRegistry } from './0004-workspace-registry';
import { recordsBrowsingIndexes } from './0005-records-browsing-indexes';
import type { Migration } from './types';

/** Every migration, in order. Append new ones; never edit or reorder a shipped one. */
export const MIGRATIONS: readonly Migration[] = [initial, validationRuns, signersAndCustodyChains, workspaceRegistry, recordsBrowsingIndexes];

/** The schema version this build of the app writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
