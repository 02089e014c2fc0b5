export { validateExports, resolveScope, type ValidateOptions } from './validate';
export { DEFAULT_SETTINGS, type ExportFileInput, type JobMetadata, type ValidationSettings } from './types';
export { CHECK_TITLES } from './checks/result';
export { completenessLimitations } from './checks/set';
export { cachedExportInputs, jobMetadata } from './from-cache';
