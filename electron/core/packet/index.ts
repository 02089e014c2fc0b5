// The evidence packet writer (docs/PACKET.md): a signed BagIt bag in a deterministic zip.
export { writePacket } from './writer';
export { checkPacketSpec, instantMs, EXPORTS_DIR, type CheckedSpec, type CheckedExport } from './check';
export { buildBag, jsonDocument, BAGIT_TXT, PINNED_TAG_FILES, PAYLOAD_DOCUMENTS, BAG_FOLDERS, type Bag, type BagEntry, type BagFile, type BytesFile, type ExportFile } from './bag';
export { bagInfoElements, bagInfoValue, foldElement, formatBagInfo, parseBagInfo, payloadOxum, bagSize, BAG_INFO_WIDTH, type BagInfoElement, type BagInfoFigures } from './bag-info';
export { formatManifest, manifestLine, type ManifestItem } from './manifest';
export { packetRef, packetStamp, packetStem, nameProblem, pathProblem, caseFoldKey, compareBytes, MAX_PATH_CHARS, MAX_NAME_BYTES, MAX_REF_CHARS, DEFAULT_REF } from './names';
export { verifyTxt, verifyCommands, FINGERPRINT_COMMAND, type VerifyTxtInput } from './verify-txt';
export { DEFLATE_LEVEL, FILE_MODE, FOLDER_MODE } from './zip';
export type { PacketSpec, PacketPayload, PacketExportFile, PacketProgress, WritePacketOptions, WrittenPacket, PacketEntry } from './types';
export { packEvidence, evidenceManifest, newPacketId, type PackRequest, type PackContext, type PackOutcome } from './pack';
