export { AdminError, type AdminErrorCode } from './errors.js';
export { createDocumentLibrary, pathInside, type DocumentLibrary, type StoredDocument } from './document-library.js';
export {
  createKnowledgeAdmin,
  type KnowledgeAdmin,
  type KnowledgeAdminOptions,
  type OnProgress,
  type RebuildIndex,
  type ReindexProgress,
  type UploadResult,
} from './knowledge-admin.js';
export { checkFileContent, checkFileName, imageUploadName, UPLOAD_EXTENSIONS } from './upload-check.js';
export { watchDocs, type DocsWatcher } from './watch-docs.js';
