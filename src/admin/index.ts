export { AdminError } from './errors.js';
export { createDocumentLibrary, pathInside, type DocumentLibrary, type StoredDocument } from './document-library.js';
export { createKnowledgeAdmin, type KnowledgeAdmin, type OnProgress, type ReindexProgress, type UploadResult } from './knowledge-admin.js';
export { checkFileContent, checkFileName, imageUploadName } from './upload-check.js';
export { watchDocs, type DocsWatcher } from './watch-docs.js';
